package dev.mastra4j.server.capabilities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.model.ModelRouter;
import dev.mastra4j.core.model.ModelWithRetries;
import dev.mastra4j.core.model.ResolvedModel;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.OpenAiStub;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code model(List.of(primary, fallback))} against two OpenAI-compatible stubs: the primary failing each way (5xx,
 * timeout, no connection, 4xx), with its retries, and the result naming the model that answered.
 */
class ModelFallbackServerTest {

    private OpenAiStub primary;
    private OpenAiStub secondary;
    private ServerHarness server;

    @BeforeEach
    void start() {
        primary = OpenAiStub.start();
        secondary = OpenAiStub.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        primary.close();
        secondary.close();
    }

    private static ResolvedModel model(String id, Map<String, String> env) {
        return ModelRouter.resolve("openai/" + id, env, Duration.ofMillis(700));
    }

    private void serve(ResolvedModel first, int retries) {
        Agent agent = Agent.builder()
                .id("fallbackAgent")
                .model(List.of(
                        ModelWithRetries.of(first, retries),
                        ModelWithRetries.of(model("secondary-model", secondary.env("sk-2")), 0)))
                .build();
        server = ServerHarness.start(Mastra.builder().agent(agent));
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private HttpResponse<String> generate() {
        return server.post("/api/agents/fallbackAgent/generate", "{\"messages\":\"hi\"}");
    }

    @Test
    void aServerErrorIsRetriedThenTheNextModelAnswers() {
        primary.enqueue(OpenAiStub.Reply.error(500, "{}"), OpenAiStub.Reply.error(503, "{}"));
        secondary.enqueue(OpenAiStub.Reply.text("From the fallback."));
        serve(model("primary-model", primary.env("sk-1")), 1);

        HttpResponse<String> response = generate();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(primary.requests()).hasSize(2);
        assertThat(json(response).path("text").asText()).isEqualTo("From the fallback.");
        assertThat(json(response).path("response").path("modelId").asText()).isEqualTo("secondary-model");
        // As Mastra's fixture: the primary 500 twice (maxRetries 1), then the secondary once.
        JsonNode mastra = CapabilityFixtures.fixture("model-calls-fallback");
        assertThat(mastra.path("primary-500").asInt())
                .isEqualTo(primary.requests().size());
        assertThat(mastra.path("secondary").asInt())
                .isEqualTo(secondary.requests().size());
    }

    @Test
    void aRetryOfTheSameModelCanAnswer() {
        primary.enqueue(OpenAiStub.Reply.error(502, "{}"), OpenAiStub.Reply.text("Second try."));
        serve(model("primary-model", primary.env("sk-1")), 1);
        HttpResponse<String> response = generate();
        assertThat(json(response).path("response").path("modelId").asText()).isEqualTo("primary-model");
        assertThat(secondary.requests()).isEmpty();
    }

    @Test
    void aTimeoutMovesToTheNextModel() {
        primary.enqueue(OpenAiStub.Reply.text("too late").delayed(Duration.ofSeconds(3)));
        secondary.enqueue(OpenAiStub.Reply.text("In time."));
        serve(model("primary-model", primary.env("sk-1")), 0);
        HttpResponse<String> response = generate();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("text").asText()).isEqualTo("In time.");
    }

    @Test
    void aFailedConnectionMovesToTheNextModel() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        secondary.enqueue(OpenAiStub.Reply.text("Reachable."));
        serve(
                model(
                        "primary-model",
                        Map.of("OPENAI_API_KEY", "sk-1", "OPENAI_BASE_URL", "http://127.0.0.1:" + closedPort + "/v1")),
                0);
        HttpResponse<String> response = generate();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("response").path("modelId").asText()).isEqualTo("secondary-model");
    }

    @Test
    void aRejectedRequestIsNeitherRetriedNorSentElsewhere() {
        primary.enqueue(OpenAiStub.Reply.error(400, "{\"error\":{\"message\":\"bad\"}}"));
        serve(model("primary-model", primary.env("sk-1")), 2);
        HttpResponse<String> response = generate();
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("error").asText()).contains("HTTP 400");
        assertThat(primary.requests()).hasSize(1);
        assertThat(secondary.requests()).isEmpty();
    }

    @Test
    void aStreamFallsBackBeforeAnythingWasStreamed() {
        primary.enqueue(OpenAiStub.Reply.error(500, "{}"));
        secondary.enqueue(OpenAiStub.Reply.text("Streamed by the fallback."));
        serve(model("primary-model", primary.env("sk-1")), 0);
        HttpResponse<String> response = server.post("/api/agents/fallbackAgent/stream", "{\"messages\":\"hi\"}");
        assertThat(response.body()).contains("Streamed by the fallback.").contains("\"type\":\"finish\"");
        assertThat(primary.requests()).hasSize(1);
    }

    @Test
    void agentDetailsListTheModelsAsMastraDoes() {
        serve(model("primary-model", primary.env("sk-1")), 1);
        JsonNode details = json(server.get("/api/agents/fallbackAgent"));
        JsonNode mastra = CapabilityFixtures.fixture("fallback-agent").path("body");
        assertThat(details.path("modelId").asText()).isEqualTo("primary-model");
        assertThat(details.path("modelList")).hasSize(2);
        JsonNode first = details.path("modelList").get(0);
        JsonNode mastraFirst = mastra.path("modelList").get(0);
        List<String> ours = Json.MAPPER.convertValue(first, Map.class).keySet().stream()
                .map(Object::toString)
                .sorted()
                .toList();
        List<String> theirs = Json.MAPPER.convertValue(mastraFirst, Map.class).keySet().stream()
                .map(Object::toString)
                .sorted()
                .toList();
        assertThat(ours).isEqualTo(theirs);
        assertThat(first.path("maxRetries").asInt()).isEqualTo(1);
        assertThat(first.path("model").path("modelId").asText()).isEqualTo("primary-model");
    }
}
