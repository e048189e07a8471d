package dev.mastra4j.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The opt-in Prometheus scrape endpoint ({@code ServerOptions.builder().prometheus(true)}): a
 * {@link PrometheusMeterRegistry} next to the application's registry, so every server meter is in both, and its text
 * exposition at the configured path. The only class that names {@code micrometer-registry-prometheus}, an optional
 * dependency: it is loaded only when the endpoint is on.
 */
final class PrometheusEndpoint {

    private final PrometheusMeterRegistry prometheus;
    private final MeterRegistry recordInto;

    private PrometheusEndpoint(PrometheusMeterRegistry prometheus, MeterRegistry recordInto) {
        this.prometheus = prometheus;
        this.recordInto = recordInto;
    }

    /**
     * The endpoint over {@code application}'s registry: that registry itself when it is a Prometheus one, else a new
     * Prometheus registry beside it. Call {@link OperationsRoutes#requirePrometheus()} first.
     */
    static PrometheusEndpoint over(MeterRegistry application) {
        if (application instanceof PrometheusMeterRegistry own) {
            return new PrometheusEndpoint(own, own);
        }
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CompositeMeterRegistry both = new CompositeMeterRegistry();
        both.add(prometheus);
        if (application != null) {
            both.add(application);
        }
        return new PrometheusEndpoint(prometheus, both);
    }

    /** Where the server records, so that the scrape shows it. */
    MeterRegistry registry() {
        return recordInto;
    }

    /** The text exposition format (0.0.4). */
    String scrape() {
        return prometheus.scrape();
    }
}
