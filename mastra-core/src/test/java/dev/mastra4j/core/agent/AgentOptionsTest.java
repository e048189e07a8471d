package dev.mastra4j.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.error.InvalidRequestException;
import dev.mastra4j.core.error.Issue;
import dev.mastra4j.core.model.ModelRouter;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.testing.OpenAiStub;
import dev.mastra4j.testing.OpenAiStub.Reply;
import dev.mastra4j.testing.OpenAiStub.ToolCallSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How per-call options reach the provider, seen in the requests an OpenAI-compatible stub records. */
class AgentOptionsTest {

    record CityInput(String city) {}

    private OpenAiStub stub;
    private final CyclicBarrier bothToolsRunning = new CyclicBarrier(2);

    @BeforeEach
    void startStub() {
        stub = OpenAiStub.start();
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    private Tool barrierTool(String id) {
        return Tool.builder()
                .id(id)
                .description(id)
                .inputSchema(CityInput.class)
                .execute((input, ctx) -> {
                    // Both tools must be inside execute at the same time, or this times out.
                    bothToolsRunning.await(10, TimeUnit.SECONDS);
                    return id + ":" + input.city();
                })
                .build();
    }

    private Agent agent() {
        return Agent.builder()
                .id("travelAgent")
                .instructions("Plan trips.")
                .model(ModelRouter.resolve("openai/gpt-4o-mini", stub.env("sk-test"), Duration.ofSeconds(20)))
                .tools(barrierTool("weatherTool"), barrierTool("hotelTool"))
                .build();
    }

    private JsonNode onlyRequest() {
        assertThat(stub.requests()).hasSize(1);
        return stub.requests().get(0).body();
    }

    @Test
    void allToolsAreOfferedByDefaultWithoutForcing() {
        stub.enqueue(Reply.text("ok"));
        agent().generate("hi");

        JsonNode body = onlyRequest();
        assertThat(body.path("tools"))
                .extracting(t -> t.at("/function/name").asText())
                .containsExactly("weatherTool", "hotelTool");
        assertThat(body.has("tool_choice")).isFalse();
    }

    @Test
    void toolChoiceNoneOffersNoTools() {
        stub.enqueue(Reply.text("ok"));
        agent().generate(
                        List.of(Message.user("hi")),
                        AgentOptions.builder().toolChoice(ToolChoice.NONE).build());

        assertThat(onlyRequest().has("tools")).isFalse();
    }

    @Test
    void toolChoiceRequiredForcesAToolOnTheFirstStepOnly() {
        stub.enqueue(Reply.toolCall("c1", "weatherTool", "{\"city\":\"Rome\"}"), Reply.text("done"));
        Tool weather = Tool.builder()
                .id("weatherTool")
                .inputSchema(CityInput.class)
                .execute((input, ctx) -> "sunny")
                .build();
        Agent agent = Agent.builder()
                .id("a")
                .model(ModelRouter.resolve("openai/gpt-4o-mini", stub.env("sk-test")))
                .tools(weather)
                .build();

        agent.generate(
                List.of(Message.user("hi")),
                AgentOptions.builder().toolChoice(ToolChoice.REQUIRED).build());

        assertThat(stub.requests().get(0).body().path("tool_choice").asText()).isEqualTo("required");
        assertThat(stub.requests().get(1).body().has("tool_choice")).isFalse();
    }

    @Test
    void specificToolChoiceOffersOnlyThatToolAndForcesIt() {
        stub.enqueue(Reply.text("ok"));
        agent().generate(
                        List.of(Message.user("hi")),
                        AgentOptions.builder()
                                .toolChoice(ToolChoice.tool("hotelTool"))
                                .build());

        JsonNode body = onlyRequest();
        assertThat(body.path("tools"))
                .extracting(t -> t.at("/function/name").asText())
                .containsExactly("hotelTool");
        assertThat(body.path("tool_choice").asText()).isEqualTo("required");
    }

    @Test
    void activeToolsLimitsTheOfferedTools() {
        stub.enqueue(Reply.text("ok"));
        agent().generate(
                        List.of(Message.user("hi")),
                        AgentOptions.builder().activeTools(List.of("hotelTool")).build());

        assertThat(onlyRequest().path("tools"))
                .extracting(t -> t.at("/function/name").asText())
                .containsExactly("hotelTool");
    }

    @Test
    void unknownActiveToolOrToolChoiceIsABadRequestBeforeAnyCall() {
        assertThatThrownBy(() -> agent().generate(
                                List.of(Message.user("hi")),
                                AgentOptions.builder()
                                        .activeTools(List.of("hotelTool", "spaceTool"))
                                        .build()))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.issues()).extracting(Issue::field).containsExactly("activeTools[1]"));
        assertThatThrownBy(() -> agent().stream(
                        List.of(Message.user("hi")),
                        AgentOptions.builder()
                                .toolChoice(ToolChoice.tool("spaceTool"))
                                .build()))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.issues()).extracting(Issue::field).containsExactly("toolChoice.toolName"));
        assertThatThrownBy(() -> agent().generate(List.of()))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.issues()).extracting(Issue::field).containsExactly("messages"));
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void modelSettingsReachTheProvider() {
        stub.enqueue(Reply.text("ok"));
        agent().generate(
                        List.of(Message.user("hi")),
                        AgentOptions.builder()
                                .modelSettings(new ModelSettings(0.2, 77, 0.9))
                                .build());

        JsonNode body = onlyRequest();
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        int maxTokens = body.has("max_completion_tokens")
                ? body.path("max_completion_tokens").asInt()
                : body.path("max_tokens").asInt();
        assertThat(maxTokens).isEqualTo(77);
    }

    @Test
    void conversationRolesAreSentInOrder() {
        stub.enqueue(Reply.text("ok"));
        agent().generate(List.of(
                Message.system("Be brief."),
                Message.user("first"),
                Message.assistant("answer"),
                Message.user("second")));

        JsonNode messages = onlyRequest().path("messages");
        assertThat(messages)
                .extracting(m -> m.path("role").asText())
                .containsExactly("system", "system", "user", "assistant", "user");
        assertThat(messages.get(3).path("content").asText()).isEqualTo("answer");
    }

    @Test
    void severalToolCallsOfOneStepRunConcurrently() {
        stub.enqueue(
                Reply.toolCalls(
                        new ToolCallSpec("c1", "weatherTool", "{\"city\":\"Rome\"}"),
                        new ToolCallSpec("c2", "hotelTool", "{\"city\":\"Rome\"}")),
                Reply.text("Booked."));

        GenerateResult result = agent().generate("Plan Rome");

        assertThat(result.toolResults())
                .extracting(r -> r.result().asText())
                .containsExactly("weatherTool:Rome", "hotelTool:Rome");
        assertThat(result.toolResults()).noneMatch(ToolResult::isError);
        JsonNode toolMessages = stub.requests().get(1).body().path("messages");
        assertThat(toolMessages)
                .filteredOn(m -> m.path("role").asText().equals("tool"))
                .extracting(m -> m.path("tool_call_id").asText())
                .containsExactly("c1", "c2");
    }

    @Test
    void unknownToolOrMalformedArgumentsBecomeErrorResults() {
        stub.enqueue(
                Reply.toolCalls(
                        new ToolCallSpec("c1", "spaceTool", "{}"), new ToolCallSpec("c2", "weatherTool", "{not json")),
                Reply.text("Sorry."));

        GenerateResult result = agent().generate("Plan Mars");

        assertThat(result.toolResults()).allMatch(ToolResult::isError);
        assertThat(result.toolResults().get(0).result().path("error").asText()).isEqualTo("Tool spaceTool not found");
        assertThat(result.toolResults().get(1).result().path("error").asText()).contains("JSON object");
        assertThat(result.text()).isEqualTo("Sorry.");
    }
}
