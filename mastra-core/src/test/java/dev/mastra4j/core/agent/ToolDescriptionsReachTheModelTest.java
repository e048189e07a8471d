package dev.mastra4j.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.model.ModelRouter;
import dev.mastra4j.core.tool.Description;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.testing.OpenAiStub;
import dev.mastra4j.testing.OpenAiStub.Reply;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The descriptions of a tool's input reach the model, in the request an OpenAI-compatible server receives. */
class ToolDescriptionsReachTheModelTest {

    @Description("Temperature unit")
    enum Unit {
        CELSIUS,
        FAHRENHEIT
    }

    @Description("A point on the map")
    record Coordinates(
            @Description("Degrees north") double latitude,
            @Description("Degrees east") double longitude) {}

    @Description("Which forecast to fetch")
    record ForecastInput(
            @Description("City name, e.g. London") String location,

            @Description("Unit of the answer; Celsius when absent")
            Optional<Unit> unit,

            @Description("Exact place") Coordinates at,
            @Description("Where the user lives") Optional<Coordinates> home) {}

    private OpenAiStub stub;

    @BeforeEach
    void startStub() {
        stub = OpenAiStub.start();
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void theModelSeesComponentTypeAndEnumDescriptionsAndWhatIsRequired() {
        Tool forecast = Tool.builder()
                .id("forecastTool")
                .description("Weather forecast for a place")
                .inputSchema(ForecastInput.class)
                .execute((input, ctx) -> "sunny")
                .build();
        Agent agent = Agent.builder()
                .id("a")
                .instructions("Answer.")
                .model(ModelRouter.resolve(
                        "openai/gpt-4o-mini", stub.env("sk-test-0123456789"), Duration.ofSeconds(20)))
                .tools(forecast)
                .build();
        stub.enqueue(Reply.text("Sunny."));

        agent.generate("Weather in Oslo?");

        JsonNode function = stub.requests().get(0).body().at("/tools/0/function");
        assertThat(function.path("name").asText()).isEqualTo("forecastTool");
        assertThat(function.path("description").asText()).isEqualTo("Weather forecast for a place");
        JsonNode parameters = function.path("parameters");
        assertThat(parameters.at("/properties/location/description").asText()).isEqualTo("City name, e.g. London");
        assertThat(parameters.at("/properties/unit/description").asText())
                .isEqualTo("Unit of the answer; Celsius when absent");
        assertThat(parameters.at("/properties/unit/anyOf").findValues("enum"))
                .singleElement()
                .satisfies(values ->
                        assertThat(values).extracting(JsonNode::asText).containsExactly("CELSIUS", "FAHRENHEIT"));
        JsonNode at = parameters.at("/properties/at");
        assertThat(at.path("description").asText()).isEqualTo("Exact place");
        assertThat(at.at("/properties/latitude/description").asText()).isEqualTo("Degrees north");
        assertThat(at.at("/properties/longitude/description").asText()).isEqualTo("Degrees east");
        // A record used twice is written out twice, so each use keeps its own description.
        assertThat(parameters.at("/properties/home/description").asText()).isEqualTo("Where the user lives");
        assertThat(parameters.at("/properties/home").findValues("latitude")).isNotEmpty();
        assertThat(parameters.path("required"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("location", "at");
    }
}
