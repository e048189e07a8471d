package dev.mastra4j.server;

import static dev.mastra4j.server.testing.ServerHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.auth.SimpleAuth;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.ServerEngine;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.server.helidon.HelidonServerEngine;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.server.testing.TestModels.GatedChatModel;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Engine discovery, the startup line, and graceful stop. */
class LifecycleTest {

    @Test
    void theHelidonEngineIsFoundThroughServiceLoader() {
        assertThat(ServiceLoader.load(ServerEngine.class).findFirst()).get().isInstanceOf(HelidonServerEngine.class);
    }

    @Test
    void theStartupLineNamesUrlAgentsModelsAndAuthMode() {
        Mastra open = Mastra.builder()
                .agent(Agent.builder()
                        .id("weatherAgent")
                        .model("offline/stand-in")
                        .build())
                .agent(Agent.builder()
                        .id("remote")
                        .model("openai/gpt-4o-mini")
                        .env(Map.of("OPENAI_API_KEY", "sk-never-printed"))
                        .build())
                .build();
        String line = MastraHttpApi.startupLine(open, "http://localhost:4111");
        assertThat(line)
                .contains("http://localhost:4111")
                .contains("weatherAgent [offline/stand-in (offline stand-in)]")
                .contains("remote [openai/gpt-4o-mini]")
                .endsWith("auth: off")
                .doesNotContain("sk-never-printed")
                .doesNotContain("\n");
        assertThat(line.indexOf("(offline stand-in)")).isEqualTo(line.lastIndexOf("(offline stand-in)"));

        Mastra secured = Mastra.builder()
                .server(s -> s.auth(SimpleAuth.of(Map.of("t0ken-value", "u"))))
                .build();
        assertThat(MastraHttpApi.startupLine(secured, "http://127.0.0.1:1"))
                .endsWith("auth: SimpleAuth")
                .contains("agents: none")
                .doesNotContain("t0ken-value");
    }

    @Test
    void stopLetsInFlightRequestsFinishAndAnswersNewOnesWith503() throws Exception {
        GatedChatModel gated = new GatedChatModel();
        ServerHarness server = ServerHarness.start(
                Mastra.builder().agent(Agent.builder().id("gated").model(gated).build()));
        CompletableFuture<HttpResponse<String>> inFlight =
                CompletableFuture.supplyAsync(() -> server.post("/api/agents/gated/generate", "{\"messages\":\"hi\"}"));
        assertThat(gated.started.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        HttpResponse<String> refused = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = server.get("/health");
            if (response.statusCode() == 503) {
                refused = response;
                break;
            }
            Thread.sleep(10);
        }
        assertThat(refused).as("a request during the drain").isNotNull();
        assertThat(json(refused)).isEqualTo(json("{\"error\":\"Server is shutting down\"}"));
        assertThat(refused.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(refused.headers().firstValue("Connection")).hasValue("close");
        // The promised close happens: a client on the connection sees the end right after the 503.
        try (java.net.Socket raw = new java.net.Socket("127.0.0.1", server.port())) {
            raw.setSoTimeout(5_000);
            raw.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            String answer = new String(raw.getInputStream().readAllBytes());
            assertThat(answer).startsWith("HTTP/1.1 503");
        }
        assertThat(closing).isNotDone();

        gated.release();
        HttpResponse<String> finished = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(json(finished).path("text").asText()).isEqualTo("released");
        closing.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> server.get("/health")).hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void stopGivesUpOnRequestsThatOutlastTheShutdownTimeout() throws Exception {
        GatedChatModel gated = new GatedChatModel();
        ServerHarness server = ServerHarness.start(
                Mastra.builder().agent(Agent.builder().id("gated").model(gated).build()),
                s -> s.shutdownTimeout(Duration.ofMillis(200)));
        CompletableFuture<HttpResponse<String>> inFlight =
                CompletableFuture.supplyAsync(() -> server.post("/api/agents/gated/generate", "{\"messages\":\"hi\"}"));
        try {
            assertThat(gated.started.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture.runAsync(server::close).get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> server.get("/health")).hasCauseInstanceOf(ConnectException.class);
        } finally {
            gated.release();
            inFlight.handle((r, e) -> null).get(10, TimeUnit.SECONDS);
        }
    }
}
