package dev.mastra4j.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.tool.Tool;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PerRequestConfigTest {

    record User(String name, List<String> permissions) {}

    record Input(String location) {}

    private final AtomicInteger adminCalls = new AtomicInteger();
    private final AtomicInteger toolsCalls = new AtomicInteger();
    private final AtomicInteger instructionsCalls = new AtomicInteger();

    private final Tool weather = Tool.builder()
            .id("weatherTool")
            .inputSchema(Input.class)
            .execute((input, ctx) -> Map.of("temperature", 21))
            .build();
    private final Tool admin = Tool.builder()
            .id("adminTool")
            .inputSchema(Input.class)
            .execute((input, ctx) -> {
                adminCalls.incrementAndGet();
                return Map.of("done", true);
            })
            .build();

    private static boolean isAdmin(RequestContext ctx) {
        User user = ctx.get(RequestContext.USER_KEY, User.class);
        return user != null && user.permissions().contains("org:weather:admin");
    }

    private Agent agent(ScriptedModel model) {
        return Agent.builder()
                .id("dynamicAgent")
                .instructions(ctx -> {
                    instructionsCalls.incrementAndGet();
                    User user = ctx.get(RequestContext.USER_KEY, User.class);
                    return "You help " + (user == null ? "a guest" : user.name()) + ".";
                })
                .model(model, model)
                .tools(ctx -> {
                    toolsCalls.incrementAndGet();
                    return isAdmin(ctx) ? List.of(weather, admin) : List.of(weather);
                })
                .build();
    }

    private static AgentOptions as(User user) {
        return AgentOptions.builder()
                .requestContext(new RequestContext().set(RequestContext.USER_KEY, user))
                .build();
    }

    @Test
    void aUserWithoutThePermissionCannotSeeOrCallTheTool() {
        ScriptedModel model = new ScriptedModel().thenToolCall("c1", "adminTool", "{\"location\":\"x\"}");
        Agent agent = agent(model);
        User bob = new User("Bob", List.of());

        assertThat(agent.listTools(as(bob).requestContext())).containsOnlyKeys("weatherTool");
        GenerateResult result = agent.generate(List.of(Message.user("call adminTool")), as(bob));

        // The model asked for the tool by name; it was not among this user's tools, so it never ran.
        assertThat(adminCalls).hasValue(0);
        assertThat(result.toolResults()).singleElement().satisfies(r -> {
            assertThat(r.isError()).isTrue();
            assertThat(r.result().path("error").asText()).isEqualTo("Tool adminTool not found");
        });
        // Nor was it offered to the model.
        assertThat(model.requests.get(0).toolSpecifications())
                .extracting(spec -> spec.name())
                .containsExactly("weatherTool");
        assertThat(ScriptedModel.prompt(model.requests.get(0))).first().isEqualTo("system: You help Bob.");
    }

    @Test
    void aUserWithThePermissionCallsTheTool() {
        ScriptedModel model = new ScriptedModel().thenToolCall("c1", "adminTool", "{\"location\":\"x\"}");
        GenerateResult result =
                agent(model).generate(List.of(Message.user("go")), as(new User("Ada", List.of("org:weather:admin"))));

        assertThat(adminCalls).hasValue(1);
        assertThat(result.toolResults())
                .singleElement()
                .satisfies(r -> assertThat(r.isError()).isFalse());
    }

    @Test
    void activeToolsCannotReachAToolTheUserIsNotAllowed() {
        Agent agent = agent(new ScriptedModel());
        assertThatThrownBy(() -> agent.generate(
                        List.of(Message.user("hi")),
                        as(new User("Bob", List.of())).toBuilder()
                                .activeTools(List.of("adminTool"))
                                .build()))
                .hasMessageContaining("Invalid");
        assertThat(adminCalls).hasValue(0);
    }

    @Test
    void theFunctionsRunOncePerRun() {
        ScriptedModel model = new ScriptedModel()
                .thenToolCall("c1", "weatherTool", "{\"location\":\"x\"}")
                .thenText("done");
        agent(model).generate(List.of(Message.user("go")), as(new User("Ada", List.of())));
        assertThat(model.calls()).isEqualTo(2);
        assertThat(toolsCalls).hasValue(1);
        assertThat(instructionsCalls).hasValue(1);
    }

    @Test
    void aModelFunctionPicksTheModelPerRequest() {
        Agent agent = Agent.builder()
                .id("byPlan")
                .model(ctx -> "pro".equals(ctx.get("plan")) ? "offline/pro-model" : "offline/basic-model")
                .build();
        assertThat(agent.hasDynamicModel()).isTrue();
        assertThat(agent.getModel(new RequestContext().set("plan", "pro")).modelId())
                .isEqualTo("pro-model");
        GenerateResult result = agent.generate(List.of(Message.user("hi")), AgentOptions.DEFAULTS);
        assertThat(result.response().modelId()).isEqualTo("basic-model");
        // The same model string resolves once.
        assertThat(agent.getModel(new RequestContext())).isSameAs(agent.getModel(new RequestContext()));
        assertThatThrownBy(agent::model).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void staticFormsStayAsTheyWere() {
        Agent agent = Agent.builder()
                .id("static")
                .instructions("Fixed.")
                .model("offline/stand-in")
                .tools(weather)
                .build();
        assertThat(agent.isDynamic()).isFalse();
        assertThat(agent.instructions()).isEqualTo("Fixed.");
        assertThat(agent.tools()).containsOnlyKeys("weatherTool");
        assertThat(agent.resolve(null).tools()).containsOnlyKeys("weatherTool");
        assertThat(Json.MAPPER.valueToTree(agent.resolve(null).instructions()).asText())
                .isEqualTo("Fixed.");
    }
}
