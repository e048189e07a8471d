package dev.mastra4j.server.http;

import dev.mastra4j.auth.AuthReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Micrometer timer {@code mastra.http.server.requests} per method, route template (in its OpenAPI form,
 * {@code /api/agents/{agentId}}) and status. Tags come only from
 * fixed sets (route templates, not paths; unknown methods as {@code OTHER}), so callers cannot grow the meter count.
 */
final class RequestMetrics {

    static final String NAME = "mastra.http.server.requests";
    static final String AUTH_FAILURES = "mastra.auth.failures";
    static final String OPEN_STREAMS = "mastra.streams.open";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final Logger LOG = LoggerFactory.getLogger(RequestMetrics.class);

    private final MeterRegistry registry;

    /** {@code registry} null = record nothing. */
    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The registry, or null when it would record nothing (Micrometer's global registry with none added). */
    private MeterRegistry meters() {
        MeterRegistry meters = registry;
        if (meters instanceof CompositeMeterRegistry composite
                && composite.getRegistries().isEmpty()) {
            return null;
        }
        return meters;
    }

    /**
     * Counts one refusal by the auth pipeline under its reason ({@code AuthReason} wire names, a bounded set; a 401
     * without one is {@code token-missing}, a 403 without one {@code access-denied}).
     */
    void authFailure(int status, String reason) {
        MeterRegistry meters = meters();
        if (meters == null) {
            return;
        }
        try {
            Counter.builder(AUTH_FAILURES)
                    .description("Requests refused by authentication or authorization")
                    .tag("reason", reasonTag(status, reason))
                    .register(meters)
                    .increment();
        } catch (RuntimeException e) {
            LOG.debug("Could not record an auth failure ({})", e.toString());
        }
    }

    private static String reasonTag(int status, String reason) {
        if (reason != null && !reason.isEmpty()) {
            return reason;
        }
        return switch (status) {
            case 401 -> AuthReason.TOKEN_MISSING.wireName();
            case 403 -> "access-denied";
            default -> "status-" + status;
        };
    }

    /** A gauge of the streams open now (registered even into an empty global registry, which may gain one later). */
    void gaugeOpenStreams(OpenStreams streams) {
        if (registry == null) {
            return;
        }
        Gauge.builder(OPEN_STREAMS, streams, OpenStreams::size)
                .description("Server-Sent Event streams open now")
                .register(registry);
    }

    void record(String method, int status, String route, long nanos) {
        MeterRegistry meters = meters();
        if (meters == null) {
            return;
        }
        try {
            String upper = method.toUpperCase(Locale.ROOT);
            Timer.builder(NAME)
                    .description("Requests served by the Mastra API")
                    .tag("method", METHODS.contains(upper) ? upper : "OTHER")
                    .tag("route", Route.openApiPath(route))
                    .tag("status", Integer.toString(status))
                    .register(meters)
                    .record(nanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            LOG.debug("Could not record request metrics ({})", e.toString());
        }
    }
}
