package dev.mastra4j.server;

import static dev.mastra4j.server.testing.ServerHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.tool.Description;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.server.testing.ServerHarness;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A tool's described input schema over real HTTP: as listed by the tool and agent routes, and as validated. */
class ToolSchemaDescriptionsTest {

    @Description("Temperature unit")
    enum Unit {
        CELSIUS,
        FAHRENHEIT
    }

    @Description("Where and how to report the weather")
    record WeatherInput(
            @Description("City name, e.g. London") String location,

            @Description("Unit of the answer; Celsius when absent")
            Optional<Unit> unit) {}

    static final AtomicInteger RUNS = new AtomicInteger();
    static ServerHarness server;

    @BeforeAll
    static void start() {
        Tool weather = Tool.builder()
                .id("weatherTool")
                .description("Current weather for a city")
                .inputSchema(WeatherInput.class)
                .execute((input, ctx) -> {
                    RUNS.incrementAndGet();
                    return input.location() + " " + input.unit().orElse(Unit.CELSIUS);
                })
                .build();
        Agent agent = Agent.builder()
                .id("weatherAgent")
                .model("offline/stand-in")
                .tools(weather)
                .build();
        server = ServerHarness.start(Mastra.builder().agent(agent));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final JsonNode EXPECTED_SCHEMA = json("""
            {"type":"object","description":"Where and how to report the weather","additionalProperties":false,
             "required":["location"],
             "properties":{
              "location":{"type":"string","description":"City name, e.g. London"},
              "unit":{"anyOf":[{"type":"null"},
                               {"type":"string","enum":["CELSIUS","FAHRENHEIT"],"description":"Temperature unit"}],
                      "description":"Unit of the answer; Celsius when absent"}}}""");

    @Test
    void listToolsShowsTheDescribedSchema() {
        HttpResponse<String> response = server.get("/api/tools");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).at("/weatherTool/inputSchema")).isEqualTo(EXPECTED_SCHEMA);
        assertThat(json(server.get("/api/tools/weatherTool")).path("inputSchema"))
                .isEqualTo(EXPECTED_SCHEMA);
    }

    @Test
    void theAgentsToolsShowTheDescribedSchema() {
        assertThat(json(server.get("/api/agents")).at("/weatherAgent/tools/weatherTool/inputSchema"))
                .isEqualTo(EXPECTED_SCHEMA);
        assertThat(json(server.get("/api/agents/weatherAgent")).at("/tools/weatherTool/inputSchema"))
                .isEqualTo(EXPECTED_SCHEMA);
    }

    @Test
    void anOptionalEnumMayBeLeftOutButNotGivenAnUnknownOption() {
        int before = RUNS.get();
        HttpResponse<String> without =
                server.post("/api/tools/weatherTool/execute", "{\"data\":{\"location\":\"Oslo\"}}");
        assertThat(without.statusCode()).as(without.body()).isEqualTo(200);
        assertThat(json(without).asText()).isEqualTo("Oslo CELSIUS");

        HttpResponse<String> given = server.post(
                "/api/tools/weatherTool/execute", "{\"data\":{\"location\":\"Oslo\",\"unit\":\"FAHRENHEIT\"}}");
        assertThat(json(given).asText()).isEqualTo("Oslo FAHRENHEIT");

        HttpResponse<String> unknown =
                server.post("/api/tools/weatherTool/execute", "{\"data\":{\"location\":\"Oslo\",\"unit\":\"KELVIN\"}}");
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(json(unknown).path("error").asBoolean()).isTrue();
        assertThat(json(unknown).path("validationErrors")).isEqualTo(json("""
                {"errors":[],"fields":{"unit":{"errors":["Invalid option: expected one of \\"CELSIUS\\"|\\"FAHRENHEIT\\""],
                 "fields":{}}}}"""));
        assertThat(json(unknown).path("message").asText())
                .contains("\n- unit: Invalid option: expected one of \"CELSIUS\"|\"FAHRENHEIT\"\n");
        assertThat(RUNS.get()).isEqualTo(before + 2);
    }
}
