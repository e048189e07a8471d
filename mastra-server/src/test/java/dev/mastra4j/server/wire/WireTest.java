package dev.mastra4j.server.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.agent.AgentOptions;
import dev.mastra4j.core.agent.GenerateResult;
import dev.mastra4j.core.agent.Message;
import dev.mastra4j.core.agent.StreamChunk;
import dev.mastra4j.core.error.InvalidRequestException;
import dev.mastra4j.core.error.Issue;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.testing.MastraFixtures;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our JSON against responses captured from a real Mastra 1.71 server ({@link MastraFixtures}). */
class WireTest {

    record WeatherInput(String location) {}

    private static final String INSTRUCTIONS = "You answer questions about the weather in one short sentence.";

    private static String resource(String name) {
        return MastraFixtures.text(name);
    }

    private static JsonNode fixture(String name) {
        try {
            return Json.MAPPER.readTree(resource(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stream fixture's frames by type (the first of each type). */
    private static Map<String, JsonNode> fixtureFrames() {
        Map<String, JsonNode> frames = new LinkedHashMap<>();
        for (String line : resource("mastra-1.71-stream.sse").split("\n")) {
            if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                try {
                    JsonNode frame = Json.MAPPER.readTree(line.substring(6));
                    frames.putIfAbsent(frame.path("type").asText(), frame);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return frames;
    }

    private static Agent agent(Tool... tools) {
        return Agent.builder()
                .id("weatherAgent")
                .name("Weather Agent")
                .instructions(INSTRUCTIONS)
                .model("offline/stand-in")
                .tools(tools)
                .build();
    }

    private static Tool weatherTool() {
        return Tool.builder()
                .id("weatherTool")
                .description("Current weather")
                .inputSchema(WeatherInput.class)
                .execute((input, ctx) -> Map.of("temperature", 21))
                .build();
    }

    /** Every field both have must have the same JSON type, recursively; returns the paths compared. */
    private static List<String> assertSameShape(JsonNode expected, JsonNode actual, String path) {
        List<String> compared = new ArrayList<>();
        assertThat(actual.getNodeType())
                .as("type of %s", path.isEmpty() ? "$" : path)
                .isEqualTo(expected.getNodeType());
        compared.add(path);
        if (expected.isObject()) {
            Iterator<String> names = expected.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (actual.has(name)) {
                    compared.addAll(assertSameShape(expected.get(name), actual.get(name), path + "." + name));
                }
            }
        } else if (expected.isArray() && !expected.isEmpty() && !actual.isEmpty()) {
            compared.addAll(assertSameShape(expected.get(0), actual.get(0), path + "[0]"));
        }
        return compared;
    }

    @Test
    void agentDetailsHaveExactlyMastrasFields() {
        JsonNode expected = fixture("mastra-1.71-list-agents.json").get("weatherAgent");

        ObjectNode actual = Wire.agentDetails(agent());

        assertThat(iterable(actual.fieldNames())).containsExactlyElementsOf(iterable(expected.fieldNames()));
        assertSameShape(expected, actual, "");
        assertThat(actual.path("id").asText()).isEqualTo("weatherAgent");
        assertThat(actual.path("name").asText()).isEqualTo(expected.path("name").asText());
        assertThat(actual.path("instructions").asText())
                .isEqualTo(expected.path("instructions").asText());
        assertThat(actual.path("provider").asText()).isEqualTo("offline");
        assertThat(actual.path("modelId").asText()).isEqualTo("stand-in");
    }

    @Test
    void agentDetailsListToolsWithJsonSchemas() {
        ObjectNode details = Wire.agentDetails("registeredKey", agent(weatherTool()));

        assertThat(details.path("id").asText()).isEqualTo("registeredKey");
        JsonNode tool = details.at("/tools/weatherTool");
        assertThat(tool.path("id").asText()).isEqualTo("weatherTool");
        assertThat(tool.path("description").asText()).isEqualTo("Current weather");
        assertThat(tool.at("/inputSchema/properties/location/type").asText()).isEqualTo("string");
        assertThat(tool.has("outputSchema")).isFalse();
    }

    @Test
    void generateResultHasTheFixturesNamesAndNesting() {
        JsonNode expected = fixture("mastra-1.71-generate-response.json");
        GenerateResult result = agent().generate("Weather in London");

        ObjectNode actual = Wire.generateResult(result);

        assertThat(iterable(actual.fieldNames()))
                .contains(
                        "text",
                        "usage",
                        "steps",
                        "finishReason",
                        "toolCalls",
                        "toolResults",
                        "response",
                        "totalUsage",
                        "runId");
        assertThat(iterable(expected.fieldNames())).containsAll(iterable(actual.fieldNames()));
        List<String> compared = assertSameShape(expected, actual, "");
        assertThat(compared)
                .contains(
                        ".usage.inputTokens",
                        ".steps[0].text",
                        ".steps[0].finishReason",
                        ".steps[0].usage.totalTokens",
                        ".response.id",
                        ".response.timestamp",
                        ".response.modelId",
                        ".steps[0].response.messages[0].content[0].text");
        assertThat(actual.path("text").asText()).isEqualTo(result.text());
        assertThat(actual.path("finishReason").asText()).isEqualTo("stop");
        assertThat(actual.at("/usage/totalTokens").asLong())
                .isEqualTo(result.usage().totalTokens());
        assertThat(Instant.parse(actual.at("/response/timestamp").asText()))
                .isEqualTo(result.response().timestamp());
        assertThat(actual.path("runId").asText()).isEqualTo(result.runId());
    }

    @Test
    void generateResultToolCallsCarryBothFlatFieldsAndMastrasPayload() {
        GenerateResult result = agent(weatherTool()).generate("Weather in London");

        ObjectNode actual = Wire.generateResult(result);

        JsonNode call = actual.at("/toolCalls/0");
        assertThat(call.path("type").asText()).isEqualTo("tool-call");
        assertThat(call.path("toolName").asText()).isEqualTo("weatherTool");
        assertThat(call.at("/args/location").asText()).isEqualTo("London");
        // @mastra/client-js reads toolCalls[i].payload.toolName / .args / .toolCallId.
        assertThat(call.at("/payload/toolName").asText()).isEqualTo("weatherTool");
        assertThat(call.at("/payload/args/location").asText()).isEqualTo("London");
        assertThat(call.at("/payload/toolCallId").asText())
                .isEqualTo(call.path("toolCallId").asText())
                .isNotEmpty();
        JsonNode toolResult = actual.at("/toolResults/0");
        assertThat(toolResult.at("/result/temperature").asInt()).isEqualTo(21);
        assertThat(toolResult.at("/payload/result/temperature").asInt()).isEqualTo(21);
        assertThat(actual.path("steps")).hasSize(2);
        assertThat(actual.at("/steps/0/toolCalls/0/toolName").asText()).isEqualTo("weatherTool");
        assertThat(actual.at("/steps/0/finishReason").asText()).isEqualTo("tool-calls");
        assertThat(actual.at("/steps/1/stepType").asText()).isEqualTo("tool-result");
    }

    @Test
    void streamFramesMatchTheFixtureFrameByFrame() {
        Map<String, JsonNode> expected = fixtureFrames();
        List<StreamChunk> chunks = new ArrayList<>();
        GenerateResult result = agent().streamRun(List.of(Message.user("Weather in London")), AgentOptions.DEFAULTS)
                .run(chunks::add);

        Map<String, JsonNode> actual = new LinkedHashMap<>();
        for (StreamChunk chunk : chunks) {
            actual.putIfAbsent(chunk.type(), Wire.streamChunk(chunk, result.runId()));
        }

        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String type : expected.keySet()) {
            JsonNode frame = actual.get(type);
            assertThat(iterable(frame.fieldNames()))
                    .as(type)
                    .containsExactlyInAnyOrderElementsOf(
                            iterable(expected.get(type).fieldNames()));
            assertSameShape(expected.get(type), frame, type);
            assertThat(frame.path("runId").asText()).isEqualTo(result.runId());
            assertThat(frame.path("from").asText()).isEqualTo("AGENT");
        }
        assertThat(actual.get("start").at("/payload/id").asText()).isEqualTo("weatherAgent");
        assertThat(actual.get("text-delta").at("/payload/text").asText()).isNotEmpty();
        assertThat(actual.get("step-finish").at("/payload/stepResult/reason").asText())
                .isEqualTo("stop");
        assertThat(actual.get("step-finish")
                        .at("/payload/stepResult/isContinued")
                        .asBoolean(true))
                .isFalse();
        assertThat(actual.get("finish").at("/payload/stepResult/reason").asText())
                .isEqualTo("stop");
        assertThat(actual.get("finish").at("/payload/output/usage/totalTokens").asLong())
                .isEqualTo(result.usage().totalTokens());
        assertThat(actual.get("finish").at("/payload/metadata/modelId").asText())
                .isEqualTo("stand-in");
    }

    @Test
    void toolAndErrorFramesUseMastrasPayloads() {
        List<StreamChunk> chunks = new ArrayList<>();
        GenerateResult result = agent(weatherTool())
                .streamRun(List.of(Message.user("Weather in Oslo")), AgentOptions.DEFAULTS)
                .run(chunks::add);

        JsonNode call = Wire.streamChunk(
                chunks.stream()
                        .filter(StreamChunk.ToolCallChunk.class::isInstance)
                        .findFirst()
                        .orElseThrow(),
                result.runId());
        assertThat(call.path("type").asText()).isEqualTo("tool-call");
        assertThat(call.at("/payload/toolName").asText()).isEqualTo("weatherTool");
        assertThat(call.at("/payload/args/location").asText()).isEqualTo("Oslo");
        JsonNode toolResult = Wire.streamChunk(
                chunks.stream()
                        .filter(StreamChunk.ToolResultChunk.class::isInstance)
                        .findFirst()
                        .orElseThrow(),
                result.runId());
        assertThat(toolResult.at("/payload/toolCallId").asText())
                .isEqualTo(call.at("/payload/toolCallId").asText());
        assertThat(toolResult.at("/payload/result/temperature").asInt()).isEqualTo(21);
        assertThat(toolResult.at("/payload/isError").isMissingNode()).isTrue();

        JsonNode error = Wire.streamChunk(new StreamChunk.ErrorChunk("Model provider error: rate limited"), "run-1");
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.at("/payload/error/message").asText()).isEqualTo("Model provider error: rate limited");
    }

    @Test
    void invalidRequestBodyIsMastrasShape() {
        ObjectNode body = Wire.invalidRequest(new InvalidRequestException(List.of(new Issue("messages", "Required"))));

        assertThat(body.toString())
                .isEqualTo(
                        "{\"error\":\"Invalid request body\",\"issues\":[{\"field\":\"messages\",\"message\":\"Required\"}]}");
        assertThat(Wire.error("Agent with id x not found").toString())
                .isEqualTo("{\"error\":\"Agent with id x not found\"}");
    }

    private static <T> List<T> iterable(Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
