package dev.mastra4j.core.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;

/**
 * What a server records and exposes about itself; set through {@code ServerOptions.builder()}.
 *
 * @param meterRegistry           where meters go (default Micrometer's global registry, which records nothing until
 *                                a registry is added to it)
 * @param openTelemetry           where spans go (default {@link OpenTelemetry#noop()}: no spans, no cost)
 * @param captureMessageContent   put prompt and answer text on model-call spans (default false: they may hold
 *                                personal data)
 * @param prometheusPath          the path of the Prometheus scrape endpoint on the Helidon host, outside
 *                                {@code /api}; null = no endpoint (default)
 * @param prometheusProtected     whether the scrape endpoint goes through the server's auth like {@code /api/*}
 *                                (default false: operators usually keep it on an internal network)
 */
public record ObservabilityOptions(
        MeterRegistry meterRegistry,
        OpenTelemetry openTelemetry,
        boolean captureMessageContent,
        String prometheusPath,
        boolean prometheusProtected) {

    /** The scrape path {@code prometheus(true)} uses. */
    public static final String DEFAULT_PROMETHEUS_PATH = "/metrics";

    /** Micrometer's global registry, the no-op OpenTelemetry, no message content, no scrape endpoint. */
    public static final ObservabilityOptions DEFAULTS =
            new ObservabilityOptions(Metrics.globalRegistry, OpenTelemetry.noop(), false, null, false);

    public ObservabilityOptions {
        meterRegistry = meterRegistry == null ? Metrics.globalRegistry : meterRegistry;
        openTelemetry = openTelemetry == null ? OpenTelemetry.noop() : openTelemetry;
        if (prometheusPath != null) {
            Objects.requireNonNull(prometheusPath);
            if (!prometheusPath.startsWith("/")
                    || prometheusPath.equals("/api")
                    || prometheusPath.startsWith("/api/")
                    || prometheusPath.startsWith("/health")
                    || !prometheusPath.matches("/[A-Za-z0-9._~/-]*")) {
                throw new IllegalArgumentException(
                        "prometheusPath must be a plain path outside /api and /health, was " + prometheusPath);
            }
        }
    }
}
