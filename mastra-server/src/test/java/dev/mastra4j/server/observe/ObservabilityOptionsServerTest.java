package dev.mastra4j.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.LocalClerkIssuer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The options around the defaults: readiness before the keys load, a protected scrape, message content on spans. */
class ObservabilityOptionsServerTest {

    @Test
    void readinessIs503UntilTheSigningKeysLoadThen200() {
        try (LocalClerkIssuer issuer = LocalClerkIssuer.start()) {
            issuer.pause();
            try (ServerHarness server = ServerHarness.start(
                    Mastra.builder()
                            .agent(Agent.builder()
                                    .id("echo")
                                    .model("offline/echo")
                                    .build()),
                    s -> s.auth(clerk(issuer)))) {
                HttpResponse<String> down = server.get("/health/ready");
                assertThat(down.statusCode()).isEqualTo(503);
                JsonNode body = ServerHarness.json(down);
                assertThat(body.path("status").asText()).isEqualTo("DOWN");
                assertThat(body.path("checks").path("auth").path("status").asText())
                        .isEqualTo("DOWN");
                assertThat(server.get("/health").statusCode()).isEqualTo(200);

                issuer.resume();
                ObservabilityServerTest.await(() -> server.get("/health/ready").statusCode() == 200);
            }
        }
    }

    @Test
    void aProtectedScrapeNeedsAToken() {
        try (LocalClerkIssuer issuer = LocalClerkIssuer.start();
                ServerHarness server = ServerHarness.start(
                        Mastra.builder()
                                .agent(Agent.builder()
                                        .id("echo")
                                        .model("offline/echo")
                                        .build()),
                        s -> s.auth(clerk(issuer))
                                .meterRegistry(new SimpleMeterRegistry())
                                .prometheusPath("/internal/metrics")
                                .prometheusProtected(true))) {
            assertThat(server.get("/internal/metrics").statusCode()).isEqualTo(401);
            HttpResponse<String> scrape = server.get("/internal/metrics", "Authorization", "Bearer " + issuer.token());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("mastra_auth_failures_total{reason=\"token-missing\"}");
            assertThat(server.get("/metrics").statusCode()).isIn(401, 404);
        }
    }

    @Test
    void messageContentGoesOnModelSpansOnlyWhenAskedFor() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                        .setTracerProvider(SdkTracerProvider.builder()
                                .addSpanProcessor(SimpleSpanProcessor.create(spans))
                                .build())
                        .build();
                ServerHarness server = ServerHarness.start(
                        Mastra.builder()
                                .agent(Agent.builder()
                                        .id("echo")
                                        .model("offline/echo")
                                        .build()),
                        s -> s.openTelemetry(otel).captureMessageContent(true))) {
            assertThat(server.post("/api/agents/echo/generate", "{\"messages\":\"hello observable world\"}")
                            .statusCode())
                    .isEqualTo(200);
            ObservabilityServerTest.await(() -> spans.getFinishedSpanItems().stream()
                    .anyMatch(s -> s.getName().startsWith("POST ")));
            SpanData chat = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getName().startsWith("chat "))
                    .findFirst()
                    .orElseThrow();
            assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.input.messages")))
                    .contains("\"role\":\"user\"")
                    .contains("hello observable world");
            assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.output.messages")))
                    .contains("\"role\":\"assistant\"");
        }
    }

    static MastraAuthClerk clerk(LocalClerkIssuer issuer) {
        return MastraAuthClerk.builder()
                .env(Map.of())
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .jwksUri(issuer.jwksUri().toString())
                .build();
    }
}
