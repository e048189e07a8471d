package dev.mastra4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.core.tool.ToolContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The client against the real mastra4j server (mastra-server on loopback), with the offline stand-in model. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerIntegrationTest {

    record WeatherInput(String location) {}

    record Weather(String location, int temperature, String conditions) {}

    private final CountDownLatch slowToolStarted = new CountDownLatch(1);
    private final CountDownLatch slowToolCancelled = new CountDownLatch(1);
    private Mastra mastra;
    private MastraClient client;

    @BeforeAll
    void startServer() {
        Tool weather = Tool.builder()
                .id("weatherTool")
                .description("Current weather for a city")
                .inputSchema(WeatherInput.class)
                .execute((WeatherInput input, ToolContext ctx) -> new Weather(input.location(), 21, "Sunny"))
                .build();
        Tool slow = Tool.builder()
                .id("slowTool")
                .description("Waits until its run is cancelled")
                .inputSchema(WeatherInput.class)
                .execute((WeatherInput input, ToolContext ctx) -> {
                    slowToolStarted.countDown();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                    try {
                        while (System.nanoTime() < deadline) {
                            if (ctx.isCancelled()) {
                                slowToolCancelled.countDown();
                                return "cancelled";
                            }
                            Thread.sleep(10);
                        }
                    } catch (InterruptedException cancelled) {
                        // Cancelling a run interrupts its tools; that is the other way a tool learns of it.
                        slowToolCancelled.countDown();
                        throw cancelled;
                    }
                    return "never cancelled";
                })
                .build();
        mastra = Mastra.builder()
                .agent(Agent.builder()
                        .id("weatherAgent")
                        .name("Weather Agent")
                        .instructions("You answer questions about the weather.")
                        .model("offline/echo")
                        .tools(weather)
                        .build())
                .agent(Agent.builder()
                        .id("slowAgent")
                        .model("offline/echo")
                        .tools(slow)
                        .build())
                .server(s -> s.port(0).host("127.0.0.1"))
                .build()
                .start();
        client = MastraClient.builder().baseUrl(mastra.url()).build();
    }

    @AfterAll
    void stopServer() {
        if (client != null) {
            client.close();
        }
        if (mastra != null) {
            mastra.close();
        }
    }

    @Test
    void health() {
        assertThat(client.health()).isTrue();
    }

    @Test
    void listAgentsAndDetails() {
        Map<String, AgentInfo> agents = client.listAgents();

        assertThat(agents).containsKeys("weatherAgent", "slowAgent");
        AgentInfo listed = agents.get("weatherAgent");
        assertThat(listed.name()).isEqualTo("Weather Agent");
        assertThat(listed.instructions()).isEqualTo("You answer questions about the weather.");
        assertThat(listed.provider()).isEqualTo("offline");
        assertThat(listed.modelId()).isEqualTo("echo");
        assertThat(listed.tools()).containsOnlyKeys("weatherTool");
        assertThat(listed.tools()
                        .get("weatherTool")
                        .inputSchema()
                        .path("properties")
                        .has("location"))
                .isTrue();

        AgentInfo details = client.getAgent("weatherAgent").details();
        assertThat(details.id()).isEqualTo("weatherAgent");
        assertThat(details.tools().keySet()).isEqualTo(listed.tools().keySet());
        assertThat(details.instructions()).isEqualTo(listed.instructions());
    }

    @Test
    void generateRunsTheToolLoop() {
        GenerateResponse response = client.getAgent("weatherAgent").generate("Weather in London");

        assertThat(response.text()).startsWith("[offline model]").contains("weatherTool", "London", "Sunny");
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(response.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.toolName()).isEqualTo("weatherTool");
            assertThat(call.args().path("location").asText()).isEqualTo("London");
        });
        assertThat(response.toolResults())
                .singleElement()
                .satisfies(result ->
                        assertThat(result.result().path("temperature").asInt()).isEqualTo(21));
        assertThat(response.steps()).hasSize(2);
        assertThat(response.usage().totalTokens()).isPositive();
    }

    record Forecast(String location, double temperature) {}

    @Test
    void structuredOutputComesBackAsAnObject() throws Exception {
        GenerateResponse response = client.getAgent("weatherAgent")
                .generate(
                        "Weather in London",
                        GenerateOptions.builder()
                                .structuredOutput(JsonFields.MAPPER.readTree("{\"type\":\"object\",\"properties\":"
                                        + "{\"location\":{\"type\":\"string\"},\"temperature\":{\"type\":\"number\"}},"
                                        + "\"required\":[\"location\",\"temperature\"]}"))
                                .build());

        assertThat(response.toolCalls()).hasSize(1);
        assertThat(response.object(Forecast.class)).isEqualTo(new Forecast("offline", 0));
        assertThat(response.text()).isEqualTo(response.object().toString());
    }

    @Test
    void generateWithOptionsAndAConversation() {
        GenerateResponse response = client.getAgent("weatherAgent")
                .generate(
                        List.of(
                                ClientMessage.user("Hi"),
                                ClientMessage.assistant("Hello"),
                                ClientMessage.user("hello there")),
                        GenerateOptions.builder()
                                .toolChoice(ToolChoice.none())
                                .maxSteps(1)
                                .build());

        assertThat(response.text()).startsWith("[offline model]").contains("You said: hello there");
        assertThat(response.toolCalls()).isEmpty();
    }

    @Test
    void streamDeliversTheRunInOrder() {
        List<String> types = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try (StreamResponse stream = client.getAgent("weatherAgent").stream("Weather in London")) {
            for (StreamEvent event : stream) {
                types.add(event.type());
                assertThat(event.from()).isEqualTo("AGENT");
                assertThat(event.runId()).isNotBlank();
                if (event.type().equals("text-delta")) {
                    text.append(event.payload().path("text").asText());
                }
            }
        }
        assertThat(types.get(0)).isEqualTo("start");
        assertThat(types.get(types.size() - 1)).isEqualTo("finish");
        assertThat(types)
                .containsSubsequence(
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
        assertThat(text.toString()).startsWith("[offline model]").contains("London");
    }

    @Test
    void streamTextMatchesGenerate() {
        String streamed = client.getAgent("weatherAgent").stream(
                        "hello there",
                        GenerateOptions.builder().toolChoice(ToolChoice.none()).build())
                .text();
        String generated = client.getAgent("weatherAgent")
                .generate(
                        "hello there",
                        GenerateOptions.builder().toolChoice(ToolChoice.none()).build())
                .text();
        assertThat(streamed).isEqualTo(generated).contains("You said: hello there");
    }

    @Test
    void closingAStreamCancelsTheRunOnTheServer() throws Exception {
        StreamResponse stream = client.getAgent("slowAgent").stream("Wait in Paris");
        Iterator<StreamEvent> events = stream.iterator();
        StreamEvent event;
        do {
            event = events.next();
        } while (!event.type().equals("tool-call"));
        assertThat(slowToolStarted.await(20, TimeUnit.SECONDS)).isTrue();

        stream.close();

        // While a tool runs the server writes nothing but its periodic keep-alive comment, and only a failed write
        // reveals the closed connection; so this can take a couple of heartbeat intervals.
        assertThat(slowToolCancelled.await(90, TimeUnit.SECONDS))
                .as("the tool saw the run cancelled")
                .isTrue();
    }

    @Test
    void tools() {
        assertThat(client.listTools()).containsKeys("weatherTool", "slowTool");
        ToolClient tool = client.getTool("weatherTool");
        assertThat(tool.details().description()).isEqualTo("Current weather for a city");

        JsonNode output = tool.execute(new WeatherInput("Paris"));
        assertThat(output.path("location").asText()).isEqualTo("Paris");
        assertThat(output.path("conditions").asText()).isEqualTo("Sunny");

        assertThat(ToolClient.isValidationError(output)).isFalse();

        // Input that fails the schema: a result with error set, as client-js resolves it, not an exception.
        JsonNode invalid = tool.execute(Map.of("location", 42));
        assertThat(ToolClient.isValidationError(invalid)).isTrue();
        assertThat(invalid.path("message").asText())
                .startsWith("Tool input validation failed for weatherTool. Please fix the following errors");
        assertThat(invalid.path("validationErrors")
                        .path("fields")
                        .path("location")
                        .path("errors")
                        .get(0)
                        .asText())
                .isEqualTo("Invalid input: expected string, received number");
    }

    @Test
    void unknownAgentOrToolIsNotFound() {
        assertThatThrownBy(() -> client.getAgent("nope").details())
                .isInstanceOfSatisfying(MastraClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.error()).contains("nope");
                });
        assertThatThrownBy(() -> client.getAgent("nope").generate("hi"))
                .isInstanceOfSatisfying(
                        MastraClientException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> client.getTool("nope").execute(Map.of()))
                .isInstanceOfSatisfying(
                        MastraClientException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void aBodyTheServerRejectsGetsIssues() {
        // The server checks what the client leaves to it: maxSteps is 1..100 there.
        assertThatThrownBy(() -> client.getAgent("weatherAgent")
                        .generate(
                                "hi", GenerateOptions.builder().maxSteps(1_000).build()))
                .isInstanceOfSatisfying(MastraClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.issues()).extracting(Issue::field).contains("maxSteps");
                });
    }
}
