package dev.mastra4j.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.model.ModelProviderException;
import dev.mastra4j.core.model.ModelRouter;
import dev.mastra4j.core.model.ModelTimeoutException;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.testing.OpenAiStub;
import dev.mastra4j.testing.OpenAiStub.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tool loop against a real OpenAI-compatible HTTP server on loopback, through ModelRouter and LangChain4j. */
class OpenAiAgentTest {

    private static final String KEY = "sk-test-secret-0123456789";

    record WeatherInput(String location) {}

    record Weather(String location, int temperature, String conditions) {}

    private OpenAiStub stub;
    private final AtomicInteger toolRuns = new AtomicInteger();

    @BeforeEach
    void startStub() {
        stub = OpenAiStub.start();
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    private Tool weatherTool() {
        return Tool.builder()
                .id("weatherTool")
                .description("Current weather for a city")
                .inputSchema(WeatherInput.class)
                .execute((input, ctx) -> {
                    toolRuns.incrementAndGet();
                    return new Weather(input.location(), 21, "Sunny");
                })
                .build();
    }

    private Agent agent(Duration timeout) {
        return Agent.builder()
                .id("weatherAgent")
                .name("Weather Agent")
                .instructions("You answer questions about the weather.")
                .model(ModelRouter.resolve("openai/gpt-4o-mini", stub.env(KEY), timeout))
                .tools(weatherTool())
                .build();
    }

    @Test
    void generateRunsTheTwoStepToolLoop() {
        stub.enqueue(
                Reply.toolCall("call_1", "weatherTool", "{\"location\":\"London\"}"),
                Reply.text("It is sunny and 21 C in London."));

        GenerateResult result = agent(Duration.ofSeconds(20)).generate("What is the weather in London?");

        assertThat(result.text()).isEqualTo("It is sunny and 21 C in London.");
        assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(result.steps()).hasSize(2);
        assertThat(result.steps().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(result.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.toolCallId()).isEqualTo("call_1");
            assertThat(call.toolName()).isEqualTo("weatherTool");
            assertThat(call.args().path("location").asText()).isEqualTo("London");
        });
        assertThat(result.toolResults()).singleElement().satisfies(r -> {
            assertThat(r.isError()).isFalse();
            assertThat(r.result().path("temperature").asInt()).isEqualTo(21);
        });
        assertThat(toolRuns).hasValue(1);
        // 13+7 for the tool-call step, 11+8 for the final text (the stub counts words).
        assertThat(result.usage()).isEqualTo(new Usage(24, 15, 39));
        assertThat(result.response().modelId()).isEqualTo("gpt-4o-mini");

        List<OpenAiStub.Recorded> requests = stub.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.authorization()).isEqualTo("Bearer " + KEY);
            assertThat(r.streaming()).isFalse();
            assertThat(r.body().path("model").asText()).isEqualTo("gpt-4o-mini");
        });
        JsonNode first = requests.get(0).body();
        assertThat(first.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(first.at("/messages/0/content").asText()).isEqualTo("You answer questions about the weather.");
        assertThat(first.at("/messages/1/content").asText()).isEqualTo("What is the weather in London?");
        assertThat(first.at("/tools/0/function/name").asText()).isEqualTo("weatherTool");
        assertThat(first.at("/tools/0/function/parameters/properties/location/type")
                        .asText())
                .isEqualTo("string");
        assertThat(first.at("/tools/0/function/parameters/required/0").asText()).isEqualTo("location");

        JsonNode second = requests.get(1).body();
        JsonNode messages = second.path("messages");
        JsonNode assistant = messages.get(messages.size() - 2);
        JsonNode toolMessage = messages.get(messages.size() - 1);
        assertThat(assistant.at("/tool_calls/0/id").asText()).isEqualTo("call_1");
        assertThat(toolMessage.path("role").asText()).isEqualTo("tool");
        assertThat(toolMessage.path("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(toolMessage.path("content").asText()).contains("\"temperature\":21");
    }

    @Test
    void streamDeliversChunksInMastraOrderAcrossTwoSteps() {
        stub.enqueue(
                Reply.toolCall("call_7", "weatherTool", "{\"location\":\"Paris\"}"),
                Reply.text("Paris is sunny today."));

        List<StreamChunk> chunks = new ArrayList<>();
        GenerateResult result;
        try (AgentStream stream = agent(Duration.ofSeconds(20)).stream(
                List.of(Message.user("Weather in Paris?")), AgentOptions.DEFAULTS)) {
            stream.forEachRemaining(chunks::add);
            result = stream.result();
        }

        List<String> types = chunks.stream().map(StreamChunk::type).distinct().toList();
        assertThat(chunks.get(0)).isInstanceOf(StreamChunk.Start.class);
        assertThat(chunks.get(chunks.size() - 1)).isInstanceOf(StreamChunk.Finish.class);
        assertThat(compress(chunks))
                .containsExactly(
                        "start",
                        "step-start",
                        "tool-call",
                        "tool-result",
                        "step-finish",
                        "step-start",
                        "text-start",
                        "text-delta",
                        "text-end",
                        "step-finish",
                        "finish");
        assertThat(types).doesNotContain("error");
        String text = chunks.stream()
                .filter(StreamChunk.TextDelta.class::isInstance)
                .map(c -> ((StreamChunk.TextDelta) c).text())
                .reduce("", String::concat);
        assertThat(text).isEqualTo("Paris is sunny today.");
        assertThat(chunks.stream()
                        .filter(StreamChunk.TextDelta.class::isInstance)
                        .count())
                .as("the text arrives in several pieces")
                .isGreaterThan(1);
        StreamChunk.StepFinish firstStep = (StreamChunk.StepFinish) chunks.stream()
                .filter(StreamChunk.StepFinish.class::isInstance)
                .findFirst()
                .orElseThrow();
        assertThat(firstStep.isContinued()).isTrue();
        assertThat(firstStep.reason()).isEqualTo(FinishReason.TOOL_CALLS);
        StreamChunk.ToolCallChunk call = (StreamChunk.ToolCallChunk) chunks.stream()
                .filter(StreamChunk.ToolCallChunk.class::isInstance)
                .findFirst()
                .orElseThrow();
        assertThat(call.toolCall().args().path("location").asText()).isEqualTo("Paris");
        assertThat(result.text()).isEqualTo("Paris is sunny today.");
        assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(stub.requests()).allSatisfy(r -> assertThat(r.streaming()).isTrue());
    }

    @Test
    void providerErrorBecomesModelProviderExceptionWithoutUpstreamDetails() {
        stub.enqueue(Reply.error(500, "{\"error\":{\"message\":\"upstream exploded near " + KEY + "\"}}"));

        assertThatThrownBy(() -> agent(Duration.ofSeconds(20)).generate("hi"))
                .isInstanceOfSatisfying(ModelProviderException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.getMessage())
                            .startsWith("Model provider error: ")
                            .contains("500")
                            .doesNotContain(KEY)
                            .doesNotContain("exploded");
                });
    }

    @Test
    void providerAuthErrorNamesTheCauseButNotTheKey() {
        stub.enqueue(Reply.error(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));

        assertThatThrownBy(() -> agent(Duration.ofSeconds(20)).generate("hi"))
                .isInstanceOfSatisfying(
                        ModelProviderException.class,
                        e -> assertThat(e.getMessage())
                                .contains("authentication")
                                .contains("401")
                                .doesNotContain(KEY));
    }

    @Test
    void slowProviderBecomesModelTimeoutException() {
        stub.enqueue(Reply.text("too late").delayed(Duration.ofSeconds(3)));

        assertThatThrownBy(() -> agent(Duration.ofMillis(300)).generate("hi"))
                .isInstanceOfSatisfying(ModelTimeoutException.class, e -> {
                    assertThat(e.status()).isEqualTo(504);
                    assertThat(e.getMessage()).startsWith("Model provider error: ");
                });
    }

    @Test
    void streamFailureEndsWithAnErrorChunk() {
        stub.enqueue(Reply.error(503, "{\"error\":{\"message\":\"overloaded\"}}"));

        List<StreamChunk> chunks = new ArrayList<>();
        try (AgentStream stream = agent(Duration.ofSeconds(20)).stream("hi")) {
            stream.forEachRemaining(chunks::add);
            assertThatThrownBy(stream::result).isInstanceOf(ModelProviderException.class);
        }
        assertThat(chunks.get(0)).isInstanceOf(StreamChunk.Start.class);
        assertThat(chunks.get(chunks.size() - 1))
                .isInstanceOfSatisfying(
                        StreamChunk.ErrorChunk.class,
                        e -> assertThat(e.message())
                                .startsWith("Model provider error: ")
                                .doesNotContain("overloaded"));
    }

    @Test
    void closingTheStreamClosesTheProviderConnection() throws Exception {
        stub.enqueue(Reply.hanging("Thinking "));

        AgentStream stream = agent(Duration.ofSeconds(60)).stream("hi");
        StreamChunk chunk;
        do {
            chunk = stream.next();
        } while (!(chunk instanceof StreamChunk.TextDelta));
        assertThat(((StreamChunk.TextDelta) chunk).text()).isEqualTo("Thinking ");
        assertThat(stub.awaitHangStarted(Duration.ofSeconds(10))).isTrue();

        stream.close();

        assertThat(stub.awaitClientGone(Duration.ofSeconds(20)))
                .as("the stub saw the connection closed after the stream was closed")
                .isTrue();
        assertThat(stream.hasNext()).isFalse();
    }

    /** Chunk types with runs of the same type collapsed, e.g. many text-deltas into one. */
    static List<String> compress(List<StreamChunk> chunks) {
        List<String> types = new ArrayList<>();
        for (StreamChunk chunk : chunks) {
            if (types.isEmpty() || !types.get(types.size() - 1).equals(chunk.type())) {
                types.add(chunk.type());
            }
        }
        return types;
    }

    static Map<String, String> noEnv() {
        return Map.of();
    }
}
