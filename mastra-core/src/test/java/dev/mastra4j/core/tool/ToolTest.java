package dev.mastra4j.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.error.InvalidRequestException;
import dev.mastra4j.core.error.Issue;
import dev.mastra4j.core.json.Json;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ToolTest {

    record Forecast(String location, @Nullable Integer days, Optional<String> units, List<String> include) {}

    record Place(String city, Coordinates coordinates) {}

    record Coordinates(double latitude, double longitude) {}

    private final AtomicInteger executions = new AtomicInteger();

    private Tool forecastTool() {
        return Tool.builder()
                .id("forecastTool")
                .description("Forecast for a city")
                .inputSchema(Forecast.class)
                .execute((input, ctx) -> {
                    executions.incrementAndGet();
                    return new Echo(
                            input.location(), input.days(), input.units().orElse("metric"), input.include());
                })
                .build();
    }

    record Echo(String location, Integer days, String units, List<String> include) {}

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void schemaFromRecordRequiresEveryComponentExceptNullableAndOptional() {
        JsonNode schema = forecastTool().inputSchema();

        assertThat(schema.path("type").asText()).isEqualTo("object");
        assertThat(schema.at("/properties/location/type").asText()).isEqualTo("string");
        assertThat(schema.at("/properties/days/type").toString()).contains("integer");
        assertThat(schema.at("/properties/units/type").toString()).contains("string");
        assertThat(schema.at("/properties/include/type").asText()).isEqualTo("array");
        assertThat(schema.at("/properties/include/items/type").asText()).isEqualTo("string");
        assertThat(schema.path("required"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("location", "include");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void nestedRecordsGetNestedObjectSchemas() {
        Tool tool = Tool.builder()
                .id("placeTool")
                .inputSchema(Place.class)
                .execute((p, ctx) -> p.city())
                .build();

        JsonNode schema = tool.inputSchema();
        assertThat(schema.at("/properties/coordinates/type").asText()).isEqualTo("object");
        assertThat(schema.at("/properties/coordinates/properties/latitude/type").asText())
                .isEqualTo("number");
        JsonNode output = tool.execute(
                json("{\"city\":\"Oslo\",\"coordinates\":{\"latitude\":59.9,\"longitude\":10.7}}"),
                ToolContext.of(new RequestContext()));
        assertThat(output.asText()).isEqualTo("Oslo");
        assertThatThrownBy(() -> tool.execute(
                        json("{\"city\":\"Oslo\",\"coordinates\":{\"latitude\":\"north\"}}"),
                        ToolContext.of(new RequestContext())))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.issues())
                                .extracting(Issue::field)
                                .contains("coordinates.latitude", "coordinates.longitude"));
    }

    @Test
    void validInputIsConvertedAndTheOutputReturnedAsJson() {
        JsonNode output = forecastTool()
                .execute(
                        json("{\"location\":\"London\",\"days\":3,\"include\":[\"wind\"]}"),
                        ToolContext.of(new RequestContext()));

        assertThat(output.path("location").asText()).isEqualTo("London");
        assertThat(output.path("days").asInt()).isEqualTo(3);
        assertThat(output.path("units").asText()).isEqualTo("metric");
        assertThat(output.path("include").get(0).asText()).isEqualTo("wind");
        assertThat(executions).hasValue(1);
    }

    @Test
    void wrongTypeIsRejectedBeforeExecute() {
        assertThatThrownBy(() -> forecastTool()
                        .execute(json("{\"location\":5,\"include\":[]}"), ToolContext.of(new RequestContext())))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("Invalid request body");
                    assertThat(e.issues()).singleElement().satisfies(issue -> {
                        assertThat(issue.field()).isEqualTo("location");
                        assertThat(issue.message()).contains("string");
                    });
                });
        assertThat(executions).hasValue(0);
    }

    @Test
    void missingAndUnknownFieldsAreRejectedBeforeExecute() {
        assertThatThrownBy(() -> forecastTool()
                        .execute(json("{\"days\":2,\"colour\":\"red\"}"), ToolContext.of(new RequestContext())))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.issues())
                                .extracting(Issue::field)
                                .containsExactlyInAnyOrder("location", "include", "colour"));
        assertThatThrownBy(() -> forecastTool().execute(null, ToolContext.of(new RequestContext())))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> forecastTool().execute(json("[1,2]"), ToolContext.of(new RequestContext())))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.issues()).extracting(Issue::field).contains(""));
        assertThat(executions).hasValue(0);
    }

    @Test
    void rawSchemaToolsReceiveJsonAndAreValidatedToo() {
        JsonNode schema = json("{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\",\"minLength\":3}},"
                + "\"required\":[\"q\"]}");
        Tool search = Tool.builder()
                .id("search")
                .inputSchema(schema)
                .execute((JsonNode input, ToolContext ctx) ->
                        input.path("q").asText().toUpperCase())
                .build();

        assertThat(search.execute(json("{\"q\":\"java\"}"), ToolContext.of(new RequestContext()))
                        .asText())
                .isEqualTo("JAVA");
        assertThat(search.validate(json("{\"q\":\"j\"}")))
                .extracting(Issue::field)
                .containsExactly("q");
        assertThat(search.inputSchema()).isEqualTo(schema);
    }

    @Test
    void draft07RawSchemasWork() {
        JsonNode schema = json("{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\","
                + "\"properties\":{\"n\":{\"type\":\"integer\",\"maximum\":10}},\"required\":[\"n\"]}");
        Tool tool = Tool.builder()
                .id("count")
                .inputSchema(schema)
                .execute((JsonNode in, ToolContext ctx) -> in)
                .build();

        assertThat(tool.validate(json("{\"n\":4}"))).isEmpty();
        assertThat(tool.validate(json("{\"n\":40}"))).extracting(Issue::field).containsExactly("n");
    }

    @Test
    void throwingToolBecomesToolExecutionExceptionWithItsMessage() {
        Tool broken = Tool.builder()
                .id("broken")
                .execute((input, ctx) -> {
                    throw new IllegalStateException("upstream weather service is down");
                })
                .build();

        assertThatThrownBy(() -> broken.execute(json("{}"), ToolContext.of(new RequestContext())))
                .isInstanceOfSatisfying(ToolExecutionException.class, e -> {
                    assertThat(e.toolId()).isEqualTo("broken");
                    assertThat(e.getMessage()).isEqualTo("Tool broken failed: upstream weather service is down");
                });
    }

    @Test
    void toolsSeeTheRequestContext() {
        Tool whoAmI = Tool.builder()
                .id("whoAmI")
                .execute((input, ctx) -> ctx.requestContext().get(RequestContext.USER_KEY))
                .build();
        RequestContext context = new RequestContext().set(RequestContext.USER_KEY, "user_123");

        assertThat(whoAmI.execute(json("{}"), ToolContext.of(context)).asText()).isEqualTo("user_123");
    }

    @Test
    void outputsWithJavaTimeSerialiseAsIsoStrings() {
        Tool today = Tool.builder()
                .id("today")
                .execute((input, ctx) -> LocalDate.of(2026, 1, 2))
                .build();

        assertThat(today.execute(json("{}"), ToolContext.of(new RequestContext()))
                        .asText())
                .isEqualTo("2026-01-02");
    }

    @Test
    void builderRejectsBadIdsAndMissingExecute() {
        assertThatThrownBy(() -> Tool.builder().id("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tool.builder().id("").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tool.builder().id("noBody").build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("execute");
        assertThatThrownBy(() -> Tool.builder().id("order").execute((i, c) -> i).inputSchema(Forecast.class))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aToolWithoutAnIdIsRefusedAtBuild() {
        assertThatThrownBy(() -> Tool.builder().execute((i, c) -> i).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs an id");
    }
}
