package dev.mastra4j.server.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final Logger LOG = LoggerFactory.getLogger(RequestMetrics.class);

    private final MeterRegistry registry;

    /** {@code registry} null = record nothing. */
    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String method, int status, String route, long nanos) {
        if (registry == null) {
            return;
        }
        try {
            String upper = method.toUpperCase(Locale.ROOT);
            Timer.builder(NAME)
                    .description("Requests served by the Mastra API")
                    .tag("method", METHODS.contains(upper) ? upper : "OTHER")
                    .tag("route", Route.openApiPath(route))
                    .tag("status", Integer.toString(status))
                    .register(registry)
                    .record(nanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            LOG.debug("Could not record request metrics ({})", e.toString());
        }
    }
}
