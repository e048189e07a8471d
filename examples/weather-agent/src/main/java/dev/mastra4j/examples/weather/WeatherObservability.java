package dev.mastra4j.examples.weather;

import dev.mastra4j.core.ServerOptions;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The example's metrics and traces, from the environment:
 *
 * <ul>
 *   <li>{@code PROMETHEUS=true}: the Prometheus scrape endpoint at {@code /metrics} (not under {@code /api}, no
 *       token needed: keep the port on an internal network, or set {@code PROMETHEUS_PROTECTED=true}).</li>
 *   <li>{@code OTEL_EXPORTER_OTLP_ENDPOINT} (e.g. {@code http://localhost:4318}): spans over OTLP, set up by the
 *       OpenTelemetry SDK's autoconfiguration, which reads every other {@code OTEL_*} variable too
 *       ({@code OTEL_SERVICE_NAME}, default {@code weather-agent}; {@code OTEL_EXPORTER_OTLP_PROTOCOL}, default
 *       {@code http/protobuf}). Only traces are exported.</li>
 * </ul>
 */
final class WeatherObservability {

    static final String OTLP_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private WeatherObservability() {}

    /** Sets the server's observability options from {@code env}; returns the SDK to close on stop, or null. */
    static OpenTelemetrySdk apply(ServerOptions.Builder server, Map<String, String> env) {
        if (Boolean.parseBoolean(env.getOrDefault("PROMETHEUS", "false").trim())) {
            server.prometheus(true)
                    .prometheusProtected(Boolean.parseBoolean(
                            env.getOrDefault("PROMETHEUS_PROTECTED", "false").trim()));
        }
        String endpoint = env.get(OTLP_ENDPOINT);
        if (endpoint == null || endpoint.isBlank()) {
            return null;
        }
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> properties(env))
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        server.openTelemetry(sdk);
        return sdk;
    }

    /** Tracing on, metrics and logs over OTLP off; every {@code OTEL_*} entry of {@code env} as its property. */
    static Map<String, String> properties(Map<String, String> env) {
        Map<String, String> properties = new HashMap<>();
        properties.put("otel.service.name", "weather-agent");
        properties.put("otel.traces.exporter", "otlp");
        // The JDK sender speaks OTLP over HTTP only (gRPC would need OkHttp or grpc-java).
        properties.put("otel.exporter.otlp.protocol", "http/protobuf");
        properties.put("otel.metrics.exporter", "none");
        properties.put("otel.logs.exporter", "none");
        env.forEach((key, value) -> {
            if (key.startsWith("OTEL_") && value != null && !value.isBlank()) {
                properties.put(key.toLowerCase(Locale.ROOT).replace('_', '.'), value.trim());
            }
        });
        return properties;
    }
}
