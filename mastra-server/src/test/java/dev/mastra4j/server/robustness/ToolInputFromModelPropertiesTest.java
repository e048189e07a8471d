package dev.mastra4j.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.model.ModelRouter;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.server.robustness.FaultyModelProvider.Fault;
import dev.mastra4j.server.testing.ServerHarness;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Tool arguments chosen by the model are input too: whatever a (misbehaving or manipulated) model sends as arguments,
 * only arguments that fit the tool's schema reach its code. Anything else becomes an error tool result the model is
 * told about, and the run goes on.
 */
class ToolInputFromModelPropertiesTest {

    record Place(String location) {}

    static final AtomicInteger EXECUTIONS = new AtomicInteger();
    private static FaultyModelProvider provider;
    private static ServerHarness server;

    @BeforeContainer
    static void start() {
        provider = FaultyModelProvider.start();
        Tool weather = Tool.builder()
                .id("weatherTool")
                .description("Weather")
                .inputSchema(Place.class)
                .execute((in, ctx) -> {
                    EXECUTIONS.incrementAndGet();
                    assertThat(in.location()).isNotNull();
                    return Map.of("location", in.location(), "temperature", 21);
                })
                .build();
        Agent agent = Agent.builder()
                .id("remote")
                .tools(weather)
                .model(ModelRouter.resolve("openai/gpt-4o-mini", provider.env("sk-test"), Duration.ofSeconds(10)))
                .build();
        server = ServerHarness.start(Mastra.builder().agent(agent));
    }

    @AfterContainer
    static void stop() {
        server.close();
        provider.close();
    }

    @Property(tries = 150)
    void onlyArgumentsThatFitTheSchemaReachTheTool(@ForAll("arguments") String arguments) {
        JsonNode parsed = parse(arguments);
        // The schema of a record: its one field required, nothing else allowed.
        boolean fits = parsed != null
                && parsed.isObject()
                && parsed.size() == 1
                && parsed.path("location").isTextual();
        int before = EXECUTIONS.get();
        provider.then(new Fault.CallTool("weatherTool", arguments), new Fault.Answer("All good."));
        HttpResponse<String> response = server.post("/api/agents/remote/generate", "{\"messages\":\"hi\"}");
        assertThat(response.statusCode()).as(arguments).isEqualTo(200);
        JsonNode result =
                ServerHarness.json(response).path("toolResults").get(0).path("result");
        if (fits) {
            assertThat(EXECUTIONS.get()).as(arguments).isEqualTo(before + 1);
            assertThat(result.path("temperature").asInt()).isEqualTo(21);
        } else {
            assertThat(EXECUTIONS.get()).as("the tool ran with " + arguments).isEqualTo(before);
            assertThat(result.path("error").asText()).as(arguments).isNotBlank();
        }
        assertThat(ServerHarness.json(response).path("text").asText()).isEqualTo("All good.");
    }

    @Example
    void argumentsThatAreNotJsonObjectsNeverRun() {
        int before = EXECUTIONS.get();
        for (String arguments : List.of(
                "",
                "null",
                "[]",
                "\"London\"",
                "42",
                "{\"location\":",
                "{\"location\":null}",
                "{\"location\":{\"city\":\"London\"}}",
                "{\"location\":[\"London\"]}",
                "{\"place\":\"London\"}",
                "{\"location\":\"London\"} trailing")) {
            provider.then(new Fault.CallTool("weatherTool", arguments), new Fault.Answer("All good."));
            HttpResponse<String> response = server.post("/api/agents/remote/generate", "{\"messages\":\"hi\"}");
            assertThat(response.statusCode()).as(arguments).isEqualTo(200);
        }
        assertThat(EXECUTIONS.get()).isEqualTo(before);
    }

    @Provide
    Arbitrary<String> arguments() {
        Arbitrary<String> locations = Arbitraries.oneOf(
                Arbitraries.strings()
                        .ofMaxLength(12)
                        .map(s -> "\"" + s.replace("\\", "").replace("\"", "") + "\""),
                Arbitraries.of("1", "true", "null", "[]", "{}", "[\"x\"]", "1.5e3"));
        Arbitrary<String> objects = Arbitraries.oneOf(
                locations.map(v -> "{\"location\":" + v + "}"),
                locations.map(v -> "{\"location\":" + v + ",\"extra\":" + v + "}"),
                locations.map(v -> "{\"Location\":" + v + "}"),
                Arbitraries.just("{}"));
        return Arbitraries.oneOf(objects, locations, Arbitraries.strings().ofMaxLength(20));
    }

    private static JsonNode parse(String text) {
        try {
            return text.isBlank()
                    ? null
                    : ServerHarness.JSON
                            .reader()
                            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                            .readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
