package dev.mastra4j.core.agent;

import static dev.mastra4j.core.agent.OpenAiAgentTest.compress;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.core.tool.ToolContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The whole tool loop with the offline stand-in model: no network at all. */
class OfflineAgentTest {

    record WeatherInput(String location) {}

    private final AtomicInteger weatherCalls = new AtomicInteger();
    private final AtomicReference<ToolContext> seenContext = new AtomicReference<>();

    private Tool weatherTool() {
        return Tool.builder()
                .id("weatherTool")
                .description("Current weather for a city")
                .inputSchema(WeatherInput.class)
                .execute((input, ctx) -> {
                    weatherCalls.incrementAndGet();
                    seenContext.set(ctx);
                    return Json.MAPPER
                            .createObjectNode()
                            .put("location", input.location())
                            .put("temperature", 18);
                })
                .build();
    }

    private Agent agent(Tool... tools) {
        return Agent.builder()
                .id("weatherAgent")
                .name("Weather Agent")
                .instructions("You answer questions about the weather.")
                .model("offline/stand-in")
                .tools(tools)
                .build();
    }

    @Test
    void offlineAgentCallsTheToolThenReportsItsResult() {
        GenerateResult result = agent(weatherTool()).generate("Weather in London");

        assertThat(result.steps()).hasSize(2);
        assertThat(result.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.toolName()).isEqualTo("weatherTool");
            assertThat(call.args().path("location").asText()).isEqualTo("London");
        });
        assertThat(result.toolResults()).singleElement().satisfies(r -> {
            assertThat(r.isError()).isFalse();
            assertThat(r.result().path("temperature").asInt()).isEqualTo(18);
        });
        assertThat(result.text())
                .startsWith("[offline model] weatherTool returned: ")
                .contains("\"location\":\"London\"")
                .contains("\"temperature\":18");
        assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(result.steps().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(result.usage().totalTokens())
                .isEqualTo(result.usage().inputTokens() + result.usage().outputTokens())
                .isPositive();
        assertThat(weatherCalls).hasValue(1);
        assertThat(result.runId()).isNotBlank();
        assertThat(result.response().modelId()).isEqualTo("stand-in");
    }

    @Test
    void withoutToolsTheOfflineModelSaysWhatItIs() {
        GenerateResult result = agent().generate("hello there");

        assertThat(result.text())
                .isEqualTo("[offline model] You said: hello there. This reply comes from mastra4j's "
                        + "offline stand-in model, not an LLM; set MODEL and an API key for real answers.");
        assertThat(result.steps()).hasSize(1);
        assertThat(result.toolCalls()).isEmpty();
        // Word counts: "You answer questions about the weather." (6) + "hello there" (2).
        assertThat(result.usage().inputTokens()).isEqualTo(8);
        assertThat(result.usage().outputTokens()).isEqualTo(result.text().split("\\s+").length);
    }

    @Test
    void streamingOrderIsMastrasAndTextArrivesInPieces() {
        List<StreamChunk> chunks = new ArrayList<>();
        GenerateResult result = agent(weatherTool())
                .streamRun(List.of(Message.user("Weather in Berlin?")), AgentOptions.DEFAULTS)
                .run(chunks::add);

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
        assertThat(chunks.stream()
                        .filter(StreamChunk.TextDelta.class::isInstance)
                        .count())
                .isGreaterThan(3);
        String streamed = chunks.stream()
                .filter(StreamChunk.TextDelta.class::isInstance)
                .map(c -> ((StreamChunk.TextDelta) c).text())
                .reduce("", String::concat);
        assertThat(streamed).isEqualTo(result.text()).contains("Berlin");
        StreamChunk.Start start = (StreamChunk.Start) chunks.get(0);
        assertThat(start.runId()).isEqualTo(result.runId());
        assertThat(start.agentId()).isEqualTo("weatherAgent");
        StreamChunk.Finish finish = (StreamChunk.Finish) chunks.get(chunks.size() - 1);
        assertThat(finish.result()).isEqualTo(result);
        assertThat(finish.usage()).isEqualTo(result.usage());
    }

    @Test
    void textStreamYieldsOnlyText() {
        try (AgentStream stream = agent().stream("ping")) {
            assertThat(String.join("", stream.textStream().toList())).startsWith("[offline model] You said: ping.");
        }
    }

    @Test
    void maxStepsStopsALoopThatStillWantsToolsWithToolCalls() {
        GenerateResult result = agent(weatherTool())
                .generate(
                        List.of(Message.user("Weather in Rome")),
                        AgentOptions.builder().maxSteps(1).build());

        assertThat(result.steps()).hasSize(1);
        assertThat(result.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(result.toolResults()).hasSize(1);
        assertThat(result.text()).isEmpty();
    }

    @Test
    void aThrowingToolBecomesAnErrorResultTheModelSees() {
        Tool broken = Tool.builder()
                .id("weatherTool")
                .inputSchema(WeatherInput.class)
                .execute((input, ctx) -> {
                    throw new IllegalStateException("weather service down");
                })
                .build();

        GenerateResult result = agent(broken).generate("Weather in Oslo");

        assertThat(result.toolResults()).singleElement().satisfies(r -> {
            assertThat(r.isError()).isTrue();
            assertThat(r.result().path("error").asText()).isEqualTo("weather service down");
        });
        assertThat(result.text()).contains("returned: {\"error\":\"weather service down\"}");
        assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void invalidArgumentsFromTheModelNeverReachExecute() {
        JsonNode schema = Json.MAPPER.createObjectNode().put("type", "object");
        ((com.fasterxml.jackson.databind.node.ObjectNode) schema)
                .putObject("properties")
                .putObject("city")
                .put("type", "string")
                .put("pattern", "^[0-9]+$");
        ((com.fasterxml.jackson.databind.node.ObjectNode) schema)
                .putArray("required")
                .add("city");
        AtomicInteger executions = new AtomicInteger();
        Tool strict = Tool.builder()
                .id("zipTool")
                .inputSchema(schema)
                .execute((JsonNode input, ToolContext ctx) -> executions.incrementAndGet())
                .build();

        GenerateResult result = agent(strict).generate("Weather in Paris");

        assertThat(executions).hasValue(0);
        assertThat(result.toolResults()).singleElement().satisfies(r -> {
            assertThat(r.isError()).isTrue();
            assertThat(r.result().path("error").asText()).isEqualTo("Invalid arguments for tool zipTool");
            assertThat(r.result().at("/issues/0/field").asText()).isEqualTo("city");
        });
    }

    @Test
    void aHangingToolTimesOutAndIsInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Tool hanging = Tool.builder()
                .id("weatherTool")
                .inputSchema(WeatherInput.class)
                .timeout(Duration.ofMillis(200))
                .execute((input, ctx) -> {
                    try {
                        Thread.sleep(Duration.ofSeconds(30));
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                    return "never";
                })
                .build();

        GenerateResult result = agent(hanging).generate("Weather in Lima");

        assertThat(result.toolResults()).singleElement().satisfies(r -> {
            assertThat(r.isError()).isTrue();
            assertThat(r.result().path("error").asText()).isEqualTo("Tool weatherTool timed out after 200ms");
        });
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void toolsSeeTheCallersRequestContextAndTheirCall() {
        RequestContext context =
                new RequestContext().set(RequestContext.USER_KEY, "user_42").set("tenant", "acme");

        GenerateResult result = agent(weatherTool())
                .generate(
                        List.of(Message.user("Weather in Madrid")),
                        AgentOptions.builder().requestContext(context).build());

        ToolContext seen = seenContext.get();
        assertThat(seen.requestContext().get(RequestContext.USER_KEY)).isEqualTo("user_42");
        assertThat(seen.requestContext().get("tenant")).isEqualTo("acme");
        assertThat(seen.agentId()).isEqualTo("weatherAgent");
        assertThat(seen.runId()).isEqualTo(result.runId());
        assertThat(seen.toolCallId()).isEqualTo(result.toolCalls().get(0).toolCallId());
        assertThat(seen.isCancelled()).isFalse();
    }

    @Test
    void instructionsOverrideReplacesTheSystemPrompt() {
        GenerateResult result = agent().generate(
                        List.of(Message.user("hi")),
                        AgentOptions.builder().instructions("Short.").build());

        // "Short." (1) + "hi" (1) instead of the agent's six-word prompt.
        assertThat(result.usage().inputTokens()).isEqualTo(2);
    }
}
