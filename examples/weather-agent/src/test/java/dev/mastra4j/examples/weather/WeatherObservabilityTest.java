package dev.mastra4j.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mastra4j.testing.LoopbackStub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The example's observability from the environment: OTLP spans, the Prometheus endpoint, request ids in logs. */
class WeatherObservabilityTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void spansGoToTheOtlpEndpointAndMetricsToPrometheusAndLogsCarryTheRequestAndTraceIds() throws Exception {
        List<String> exports = new CopyOnWriteArrayList<>();
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger pipeline = logging.getLogger("dev.mastra4j.server.http.RequestPipeline");
        Level level = pipeline.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.setContext(logging);
        logs.start();
        pipeline.addAppender(logs);
        pipeline.setLevel(Level.DEBUG);
        try (OpenMeteoStub openMeteo = new OpenMeteoStub();
                LoopbackStub collector = LoopbackStub.start().route("/v1/traces", exchange -> {
                    exports.add(exchange.getRequestHeaders().getFirst("Content-Type"));
                    exchange.getRequestBody().readAllBytes();
                    LoopbackStub.send(exchange, 200, "application/x-protobuf", "");
                })) {
            Map<String, String> env = openMeteo.appEnv();
            env.put("PROMETHEUS", "true");
            env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.port());
            env.put("OTEL_BSP_SCHEDULE_DELAY", "50");
            try (WeatherApp app = WeatherApp.start(env)) {
                HttpResponse<String> generate = http.send(
                        HttpRequest.newBuilder(URI.create(app.mastra().url() + "/api/agents/weatherAgent/generate"))
                                .header(
                                        "Authorization",
                                        "Bearer " + app.devIssuer().token())
                                .header("Content-Type", "application/json")
                                .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\": \"Weather in London\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(generate.statusCode()).isEqualTo(200);

                HttpResponse<String> badPath = http.send(
                        HttpRequest.newBuilder(URI.create(app.mastra().url() + "/api/a%00b"))
                                .header("X-Request-Id", "req-log-1")
                                .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(badPath.statusCode()).isEqualTo(400);
                assertThat(badPath.headers().firstValue("X-Request-Id")).hasValue("req-log-1");

                HttpResponse<String> scrape = http.send(
                        HttpRequest.newBuilder(URI.create(app.mastra().url() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(scrape.statusCode()).isEqualTo(200);
                assertThat(scrape.body())
                        .contains("mastra_agent_runs_seconds_count")
                        .contains("gen_ai_client_operation_duration_seconds_count")
                        .contains("mastra_tool_calls_seconds_count");
            }
            // Closing the app flushes the spans still queued.
            assertThat(exports).isNotEmpty().allMatch(type -> type.startsWith("application/x-protobuf"));
        } finally {
            pipeline.detachAppender(logs);
            pipeline.setLevel(level);
        }
        ILoggingEvent line = logs.list.stream()
                .filter(event -> event.getFormattedMessage().contains("invalid path"))
                .findFirst()
                .orElseThrow();
        assertThat(line.getMDCPropertyMap())
                .containsEntry("requestId", "req-log-1")
                .containsEntry("traceId", TRACE_ID);

        // LOG_FORMAT=json writes that MDC with every line.
        JsonEncoder json = new JsonEncoder();
        json.setContext(logging);
        json.start();
        String encoded = new String(json.encode(line), StandardCharsets.UTF_8);
        assertThat(encoded).contains("\"requestId\"").contains("req-log-1").contains(TRACE_ID);
    }
}
