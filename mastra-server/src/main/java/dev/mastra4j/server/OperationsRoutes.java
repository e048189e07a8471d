package dev.mastra4j.server;

import dev.mastra4j.server.http.Router;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The routes for operators, outside {@code /api}: {@code GET /health/ready} ({@link Readiness}: 200 when every check
 * is up, else 503; while the server drains, the pipeline answers 503 before any route) and, when turned on, the
 * Prometheus scrape endpoint. {@code /health} (liveness) stays with the API routes.
 */
final class OperationsRoutes {

    static final String READY_PATH = "/health/ready";
    static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String PROMETHEUS_CLASS = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry";

    private final Readiness readiness;
    private final String prometheusPath;
    private final Supplier<String> prometheus;

    /**
     * {@code prometheus}: the scrape text ({@link PrometheusEndpoint#scrape()}) served at {@code prometheusPath}, or
     * null for no endpoint.
     */
    OperationsRoutes(Readiness readiness, String prometheusPath, Supplier<String> prometheus) {
        this.readiness = readiness;
        this.prometheusPath = prometheusPath;
        this.prometheus = prometheus;
    }

    /**
     * Fails with a message naming the artifact when micrometer-registry-prometheus is missing, before any class that
     * names its types is loaded.
     */
    static void requirePrometheus() {
        try {
            Class.forName(PROMETHEUS_CLASS, false, OperationsRoutes.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "ServerOptions.prometheus needs io.micrometer:micrometer-registry-prometheus "
                            + "on the class path (the same version as micrometer-core)");
        }
    }

    void register(Router.Builder routes) {
        routes.get(READY_PATH, "Readiness: signing keys loaded, storage reachable", ex -> {
            Readiness.Report report = readiness.check();
            ex.json(report.ready() ? 200 : 503, report.toJson());
        });
        if (prometheus != null) {
            routes.get(
                    prometheusPath,
                    "Prometheus scrape",
                    ex -> ex.send(
                            200,
                            PROMETHEUS_CONTENT_TYPE,
                            prometheus.get().getBytes(StandardCharsets.UTF_8),
                            Map.of("Cache-Control", "no-store")));
        }
    }
}
