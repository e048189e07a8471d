package dev.mastra4j.server.capabilities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.model.ModelRouter;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.OpenAiStub;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code structuredOutput: {schema}} over HTTP, against the OpenAI-compatible stub and the offline model. */
class StructuredOutputServerTest {

    /** As client-js sends it: with draft-07's {@code $schema}. */
    static final String SCHEMA =
            "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\","
                    + "\"description\":\"City name\"},\"temperature\":{\"type\":\"number\"}},"
                    + "\"required\":[\"city\",\"temperature\"],\"additionalProperties\":false}";

    record Input(String location) {}

    static OpenAiStub stub;
    static ServerHarness server;

    @BeforeAll
    static void start() {
        stub = OpenAiStub.start();
        Tool weather = Tool.builder()
                .id("weatherTool")
                .inputSchema(Input.class)
                .execute((in, ctx) -> Map.of("temperature", 21))
                .build();
        Agent remote = Agent.builder()
                .id("weatherAgent")
                .model(ModelRouter.resolve("openai/gpt-4o-mini", stub.env("sk-test"), Duration.ofSeconds(5)))
                .tools(weather)
                .build();
        Agent offline = Agent.builder()
                .id("offlineAgent")
                .model("offline/stand-in")
                .tools(weather)
                .build();
        server = ServerHarness.start(Mastra.builder().agent(remote).agent(offline));
    }

    @AfterAll
    static void stop() {
        server.close();
        stub.close();
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    private static List<JsonNode> frames(HttpResponse<String> response) {
        List<JsonNode> frames = new ArrayList<>();
        for (String block : response.body().split("\n\n")) {
            if (block.startsWith("data: ") && !block.equals("data: [DONE]")) {
                frames.add(json(block.substring(6)));
            }
        }
        return frames;
    }

    private static String body(String message) {
        return "{\"messages\":\"" + message + "\",\"structuredOutput\":{\"schema\":" + SCHEMA + "}}";
    }

    @Test
    void generateReturnsTheObjectAtTheTopLevelAsMastraDoes() {
        int before = stub.requests().size();
        stub.enqueue(
                OpenAiStub.Reply.toolCall("call_1", "weatherTool", "{\"location\":\"London\"}"),
                OpenAiStub.Reply.text("{\"city\":\"London\",\"temperature\":21}"));
        HttpResponse<String> response = server.post("/api/agents/weatherAgent/generate", body("weather?"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = json(response.body());
        JsonNode mastra =
                CapabilityFixtures.fixture("structured-generate-with-tool").path("body");
        assertThat(result.path("object")).isEqualTo(mastra.path("object"));
        assertThat(result.path("text").asText()).isEqualTo(mastra.path("text").asText());
        // Native JSON schema on every step, tools still offered.
        for (OpenAiStub.Recorded sent : stub.requests().subList(before, before + 2)) {
            assertThat(sent.body().path("response_format").path("type").asText())
                    .isEqualTo("json_schema");
            assertThat(sent.body()
                            .path("response_format")
                            .path("json_schema")
                            .path("schema")
                            .path("properties")
                            .path("city")
                            .path("description")
                            .asText())
                    .isEqualTo("City name");
            assertThat(sent.body().path("tools")).hasSize(1);
        }
    }

    @Test
    void aStreamSendsObjectChunksAndTheResultAsMastraDoes() {
        stub.enqueue(OpenAiStub.Reply.text("{\"city\":\"London\",\"temperature\":21}"));
        List<JsonNode> frames = frames(server.post("/api/agents/weatherAgent/stream", body("weather?")));
        List<String> types = frames.stream().map(f -> f.path("type").asText()).toList();

        JsonNode result = frames.get(types.indexOf("object-result"));
        assertThat(types.get(types.indexOf("object-result") - 1)).isEqualTo("text-end");
        List<JsonNode> mastra = new ArrayList<>();
        CapabilityFixtures.fixture("structured-stream").path("chunks").forEach(mastra::add);
        JsonNode mastraResult = mastra.stream()
                .filter(f -> f.path("type").asText().equals("object-result"))
                .findFirst()
                .orElseThrow();
        assertThat(names(result)).containsExactlyInAnyOrderElementsOf(names(mastraResult));
        assertThat(result.path("object")).isEqualTo(mastraResult.path("object"));
        assertThat(types).contains("object");
        assertThat(frames.get(types.indexOf("object")).has("payload")).isFalse();
        JsonNode finish = frames.get(types.indexOf("finish"));
        assertThat(finish.path("payload").path("output").path("object")).isEqualTo(mastraResult.path("object"));
    }

    @Test
    void theOfflineModelProducesAnObjectForAnySchema() {
        HttpResponse<String> response = server.post("/api/agents/offlineAgent/generate", body("Weather in London"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response.body()).path("object")).isEqualTo(json("{\"city\":\"offline\",\"temperature\":0}"));
    }

    @Test
    void aBadSchemaIsA400WithMastrasBody() {
        HttpResponse<String> response = server.post(
                "/api/agents/weatherAgent/generate",
                "{\"messages\":\"weather?\",\"structuredOutput\":{\"schema\":\"not a schema\"}}");
        JsonNode mastra = CapabilityFixtures.fixture("structured-generate-bad-schema");
        assertThat(response.statusCode()).isEqualTo(mastra.path("status").asInt());
        assertThat(json(response.body())).isEqualTo(mastra.path("body"));
    }

    @Test
    void anAnswerThatDoesNotFitIsAClearErrorNotA500() {
        stub.enqueue(OpenAiStub.Reply.text("{\"city\":42}"));
        HttpResponse<String> response = server.post("/api/agents/weatherAgent/generate", body("bad json"));
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response.body()).path("error").asText())
                .startsWith("Structured output validation failed: - ")
                .contains("city")
                .contains("temperature");

        stub.enqueue(OpenAiStub.Reply.text("{\"city\":42}"));
        List<JsonNode> frames = frames(server.post("/api/agents/weatherAgent/stream", body("bad json")));
        JsonNode error = frames.get(frames.size() - 1);
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("payload").path("error").path("message").asText())
                .startsWith("Structured output validation failed:");
        assertThat(frames).noneMatch(f -> f.path("type").asText().equals("object-result"));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
