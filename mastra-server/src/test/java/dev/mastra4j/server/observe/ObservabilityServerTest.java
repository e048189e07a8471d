package dev.mastra4j.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.model.ModelRouter;
import dev.mastra4j.core.storage.InMemoryStore;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.BadToken;
import dev.mastra4j.testing.LocalClerkIssuer;
import dev.mastra4j.testing.OpenAiStub;
import dev.mastra4j.testing.OpenAiStub.Reply;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every meter and span of issue 15 over real HTTP on loopback, with real Clerk-style tokens: a Helidon server with a
 * {@link SimpleMeterRegistry}, an OpenTelemetry SDK exporting to memory, the Prometheus endpoint, and an agent whose
 * model (the OpenAI stub) calls a tool.
 */
class ObservabilityServerTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CALLER_SPAN_ID = "00f067aa0ba902b7";

    record CityInput(String city) {}

    static LocalClerkIssuer issuer;
    static OpenAiStub stub;
    static SimpleMeterRegistry meters;
    static InMemorySpanExporter spans;
    static OpenTelemetrySdk otel;
    static ServerHarness server;

    @BeforeAll
    static void start() {
        issuer = LocalClerkIssuer.start();
        stub = OpenAiStub.start();
        meters = new SimpleMeterRegistry();
        spans = InMemorySpanExporter.create();
        otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        Tool weather = Tool.builder()
                .id("weatherTool")
                .description("Weather")
                .inputSchema(CityInput.class)
                .execute((input, ctx) -> Map.of("city", input.city(), "temperature", 21))
                .build();
        server = ServerHarness.start(
                Mastra.builder()
                        .storage(new InMemoryStore())
                        .agent(Agent.builder()
                                .id("weatherAgent")
                                .name("Weather Agent")
                                .model(ModelRouter.resolve(
                                        "openai/gpt-4o-mini", stub.env("sk-test"), Duration.ofSeconds(5)))
                                .tools(weather)
                                .build()),
                s -> s.auth(clerk()).meterRegistry(meters).openTelemetry(otel).prometheus(true));
    }

    @AfterAll
    static void stop() {
        server.close();
        stub.close();
        issuer.close();
        otel.close();
    }

    @BeforeEach
    void clearSpans() {
        spans.reset();
    }

    static MastraAuthClerk clerk() {
        return MastraAuthClerk.builder()
                .env(Map.of())
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .jwksUri(issuer.jwksUri().toString())
                .build();
    }

    @Test
    void aGenerateIsOneTraceFromTheCallersSpanThroughRunModelCallsAndTool() {
        stub.enqueue(Reply.toolCall("call_1", "weatherTool", "{\"city\":\"London\"}"), Reply.text("Sunny in London"));
        String token = issuer.token("user_obs");
        HttpResponse<String> response = server.post(
                "/api/agents/weatherAgent/generate",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Weather in London?\"}]}",
                "Authorization",
                "Bearer " + token,
                "traceparent",
                "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01",
                "X-Request-Id",
                "req-abc.123");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ServerHarness.header(response, "X-Request-Id")).isEqualTo("req-abc.123");

        SpanData http = awaitSpan("POST /api/agents/{agentId}/generate");
        SpanData run = span("invoke_agent Weather Agent");
        List<SpanData> chats = spans("chat gpt-4o-mini");
        SpanData tool = span("execute_tool weatherTool");

        // Continues the caller's trace; each span is the child of the one above it.
        assertThat(http.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(http.getParentSpanId()).isEqualTo(CALLER_SPAN_ID);
        assertThat(http.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(run.getParentSpanId()).isEqualTo(http.getSpanId());
        assertThat(chats).hasSize(2).allSatisfy(chat -> {
            assertThat(chat.getParentSpanId()).isEqualTo(run.getSpanId());
            assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
        });
        assertThat(tool.getParentSpanId()).isEqualTo(run.getSpanId());
        assertThat(List.of(http, run, chats.get(0), chats.get(1), tool))
                .allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(TRACE_ID));

        assertThat(str(http, "http.request.method")).isEqualTo("POST");
        assertThat(str(http, "http.route")).isEqualTo("/api/agents/{agentId}/generate");
        assertThat(http.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .isEqualTo(200L);
        assertThat(str(http, "mastra.request.id")).isEqualTo("req-abc.123");

        assertThat(str(run, "gen_ai.operation.name")).isEqualTo("invoke_agent");
        assertThat(str(run, "gen_ai.agent.id")).isEqualTo("weatherAgent");
        assertThat(str(run, "gen_ai.agent.name")).isEqualTo("Weather Agent");
        assertThat(run.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
                .isEqualTo(13L + 11L);
        assertThat(run.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")))
                .isEqualTo(7L + 3L);

        SpanData first =
                chats.get(0).getStartEpochNanos() <= chats.get(1).getStartEpochNanos() ? chats.get(0) : chats.get(1);
        SpanData second = first == chats.get(0) ? chats.get(1) : chats.get(0);
        assertThat(str(first, "gen_ai.operation.name")).isEqualTo("chat");
        assertThat(str(first, "gen_ai.provider.name")).isEqualTo("openai");
        assertThat(str(first, "gen_ai.system")).isEqualTo("openai");
        assertThat(str(first, "gen_ai.request.model")).isEqualTo("gpt-4o-mini");
        assertThat(first.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
                .containsExactly("tool_calls");
        assertThat(second.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
                .containsExactly("stop");
        assertThat(first.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
                .isEqualTo(13L);
        assertThat(first.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")))
                .isEqualTo(7L);
        assertThat(second.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")))
                .isEqualTo(3L);

        assertThat(str(tool, "gen_ai.operation.name")).isEqualTo("execute_tool");
        assertThat(str(tool, "gen_ai.tool.name")).isEqualTo("weatherTool");
        assertThat(str(tool, "gen_ai.tool.call.id")).isEqualTo("call_1");

        // No prompt or answer text by default, and never the token.
        for (SpanData span : spans.getFinishedSpanItems()) {
            assertThat(span.getAttributes().asMap().keySet())
                    .noneMatch(key -> key.getKey().startsWith("gen_ai.input")
                            || key.getKey().startsWith("gen_ai.output"));
            assertThat(span.getAttributes().asMap().values())
                    .noneMatch(value -> String.valueOf(value).contains(token)
                            || String.valueOf(value).contains("London"));
        }

        // Meters.
        assertThat(timer("mastra.agent.runs", "agent", "weatherAgent", "outcome", "success")
                        .count())
                .isGreaterThanOrEqualTo(1);
        assertThat(timer("mastra.tool.calls", "tool", "weatherTool", "outcome", "success")
                        .count())
                .isGreaterThanOrEqualTo(1);
        Timer duration = timer(
                "gen_ai.client.operation.duration",
                "gen_ai.operation.name",
                "chat",
                "gen_ai.provider.name",
                "openai",
                "gen_ai.system",
                "openai",
                "gen_ai.request.model",
                "gpt-4o-mini",
                "error.type",
                "none");
        assertThat(duration.count()).isGreaterThanOrEqualTo(2);
        DistributionSummary input = meters.find("gen_ai.client.token.usage")
                .tags(
                        "gen_ai.token.type",
                        "input",
                        "gen_ai.request.model",
                        "gpt-4o-mini",
                        "gen_ai.operation.name",
                        "chat")
                .summary();
        DistributionSummary outputTokens = meters.find("gen_ai.client.token.usage")
                .tags("gen_ai.token.type", "output", "gen_ai.provider.name", "openai")
                .summary();
        assertThat(input).isNotNull();
        assertThat(outputTokens).isNotNull();
        assertThat(input.totalAmount()).isGreaterThanOrEqualTo(24);
        assertThat(outputTokens.totalAmount()).isGreaterThanOrEqualTo(10);
        assertThat(timer(
                                "mastra.http.server.requests",
                                "method",
                                "POST",
                                "route",
                                "/api/agents/{agentId}/generate",
                                "status",
                                "200")
                        .count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aToolTheModelMadeUpIsTaggedUnknownAndAFailedModelCallHasAnErrorType() {
        stub.enqueue(Reply.toolCall("call_x", "no-such-tool-" + System.nanoTime(), "{}"), Reply.error(500, "{}"));
        HttpResponse<String> response = server.post(
                "/api/agents/weatherAgent/generate",
                "{\"messages\":\"hi\"}",
                "Authorization",
                "Bearer " + issuer.token("user_obs"));
        assertThat(response.statusCode()).isEqualTo(502);
        awaitSpan("POST /api/agents/{agentId}/generate");
        assertThat(timer("mastra.tool.calls", "tool", "unknown", "outcome", "error")
                        .count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.getMeters())
                .noneMatch(m -> String.valueOf(m.getId().getTag("tool")).startsWith("no-such-tool"));
        assertThat(timer("mastra.agent.runs", "agent", "weatherAgent", "outcome", "error")
                        .count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.find("gen_ai.client.operation.duration").timers())
                .anyMatch(t -> !"none".equals(t.getId().getTag("error.type")));
        SpanData run = span("invoke_agent Weather Agent");
        assertThat(str(run, "error.type")).isNotBlank();
    }

    @Test
    void authFailuresAreCountedByReason() {
        double before = count("mastra.auth.failures", "reason", "token-expired");
        HttpResponse<String> expired =
                server.get("/api/agents", "Authorization", "Bearer " + issuer.badToken(BadToken.EXPIRED));
        assertThat(expired.statusCode()).isEqualTo(401);
        server.get("/api/agents");
        assertThat(count("mastra.auth.failures", "reason", "token-expired")).isEqualTo(before + 1);
        assertThat(count("mastra.auth.failures", "reason", "token-missing")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void jwksFetchesAreCountedAndTheKeySetAgeIsAGauge() {
        assertThat(server.get("/api/agents", "Authorization", "Bearer " + issuer.token())
                        .statusCode())
                .isEqualTo(200);
        await(() -> count("mastra.jwks.fetches", "outcome", "success") >= 1);
        Gauge age = meters.find("mastra.jwks.key_set.age").gauge();
        assertThat(age).isNotNull();
        assertThat(age.value()).isBetween(0.0, 600.0);

        // An outage: a token signed by a new key makes the server fetch, and the fetch fails.
        issuer.pause();
        try {
            issuer.rotateKeys();
            server.get("/api/agents", "Authorization", "Bearer " + issuer.token());
            await(() -> count("mastra.jwks.fetches", "outcome", "failure") >= 1);
        } finally {
            issuer.resume();
        }
    }

    @Test
    void readinessIsUpWithKeysLoadedAndStorageReachable() {
        await(() -> server.get("/health/ready").statusCode() == 200);
        HttpResponse<String> ready = server.get("/health/ready");
        JsonNode body = ServerHarness.json(ready);
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("checks").path("auth").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("checks").path("storage").path("status").asText()).isEqualTo("UP");
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusScrapeIsOutsideApiAndShowsTheMeters() {
        server.get("/api/agents", "Authorization", "Bearer " + issuer.token());
        HttpResponse<String> scrape = server.get("/metrics");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(ServerHarness.header(scrape, "Content-Type")).startsWith("text/plain");
        assertThat(scrape.body())
                .contains("mastra_http_server_requests_seconds_count")
                .contains("mastra_auth_failures_total")
                .contains("mastra_jwks_fetches_total")
                .contains("mastra_jwks_key_set_age_seconds")
                .contains("mastra_streams_open");
    }

    @Test
    void anInsaneRequestIdIsReplaced() {
        HttpResponse<String> response = server.get("/health", "X-Request-Id", "bad id with spaces");
        assertThat(ServerHarness.header(response, "X-Request-Id"))
                .isNotEqualTo("bad id with spaces")
                .matches("[0-9a-f-]{36}");
        HttpResponse<String> tooLong = server.get("/health", "X-Request-Id", "a".repeat(129));
        assertThat(ServerHarness.header(tooLong, "X-Request-Id")).hasSize(36);
    }

    // --- helpers

    static String str(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    static SpanData span(String name) {
        List<SpanData> found = spans(name);
        assertThat(found).as("spans named " + name + " in " + names()).hasSize(1);
        return found.getFirst();
    }

    static List<SpanData> spans(String name) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals(name))
                .toList();
    }

    static List<String> names() {
        return spans.getFinishedSpanItems().stream().map(SpanData::getName).toList();
    }

    /** The server span ends just after the response is written: wait for it. */
    static SpanData awaitSpan(String name) {
        await(() -> !spans(name).isEmpty());
        return span(name);
    }

    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline)
                    .as("condition not met in time")
                    .isNegative();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static Timer timer(String name, String... tags) {
        Timer timer = meters.find(name).tags(tags).timer();
        assertThat(timer).as(name + " " + List.of(tags) + " in " + meterNames()).isNotNull();
        return timer;
    }

    static double count(String name, String... tags) {
        return Optional.ofNullable(meters.find(name).tags(tags).counter())
                .map(c -> c.count())
                .orElse(0.0);
    }

    static List<String> meterNames() {
        return meters.getMeters().stream()
                .map(m -> m.getId().getName() + m.getId().getTags())
                .toList();
    }
}
