package dev.mastra4j.server;

import dev.mastra4j.auth.AuthObserver;
import dev.mastra4j.auth.KeySetFetch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The auth provider's JWKS fetches as Micrometer meters: the counter {@value #FETCHES} ({@code outcome} =
 * {@code success} or {@code failure}) and the gauge {@value #KEY_SET_AGE}, the age in seconds of the oldest key set
 * held (NaN before any was loaded). The age grows while fetches fail, so an alert on it catches a JWKS outage before
 * the outage tolerance runs out.
 */
final class JwksMetrics implements AuthObserver {

    static final String FETCHES = "mastra.jwks.fetches";
    static final String KEY_SET_AGE = "mastra.jwks.key_set.age";

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Instant> fetchedAt = new ConcurrentHashMap<>();

    JwksMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        Gauge.builder(KEY_SET_AGE, this, JwksMetrics::ageSeconds)
                .description("Age of the oldest JWKS key set held")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
    }

    @Override
    public void keySetFetched(KeySetFetch fetch) {
        if (fetch.keysFetchedAt() != null) {
            fetchedAt.put(fetch.source(), fetch.keysFetchedAt());
        }
        Counter.builder(FETCHES)
                .description("JWKS fetches by outcome")
                .tag("outcome", fetch.succeeded() ? "success" : "failure")
                .register(registry)
                .increment();
    }

    double ageSeconds() {
        Instant oldest = null;
        for (Instant at : fetchedAt.values()) {
            if (oldest == null || at.isBefore(oldest)) {
                oldest = at;
            }
        }
        return oldest == null ? Double.NaN : (clock.millis() - oldest.toEpochMilli()) / 1000.0;
    }
}
