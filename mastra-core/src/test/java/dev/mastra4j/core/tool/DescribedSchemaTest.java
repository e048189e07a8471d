package dev.mastra4j.core.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The JSON Schema generated from a record: descriptions, required versus optional, enums and nested records. */
class DescribedSchemaTest {

    @Description("Temperature unit")
    enum Unit {
        CELSIUS,
        FAHRENHEIT
    }

    @Description("A point on the map")
    record Coordinates(@Description("Degrees north") double latitude, double longitude) {}

    @Description("Which forecast to fetch")
    record Forecast(
            @Description("City name, e.g. London") String location,
            @Description("Days ahead, 1 to 7") OptionalInt days,
            @Description("Unit of the temperatures") Optional<Unit> unit,
            Unit fallbackUnit,
            @Description("Exact place, if known") @Nullable Coordinates at,
            Coordinates home,
            List<Coordinates> stops,
            OptionalDouble radius,
            @Description("  ") String notes) {}

    record TreeNode(@Description("Label") String name, List<TreeNode> children) {}

    record Forest(@Description("The biggest tree") TreeNode biggest, TreeNode other) {}

    private static JsonNode schemaOf(Class<?> type) {
        return Tool.builder()
                .id("t")
                .inputSchema(type)
                .execute((input, ctx) -> null)
                .build()
                .inputSchema();
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void aDescribedRecordGivesZodsShapeWithEverySubSchemaInPlace() {
        JsonNode coordinates = json("""
                {"type":"object","properties":{"latitude":{"type":"number","description":"Degrees north"},
                 "longitude":{"type":"number"}},"required":["latitude","longitude"],
                 "additionalProperties":false,"description":"A point on the map"}""");
        JsonNode expected = json("""
                {"type":"object","description":"Which forecast to fetch","additionalProperties":false,
                 "required":["fallbackUnit","home","location","notes","stops"],
                 "properties":{
                  "location":{"type":"string","description":"City name, e.g. London"},
                  "days":{"type":["integer","null"],"description":"Days ahead, 1 to 7"},
                  "unit":{"anyOf":[{"type":"null"},{"type":"string","enum":["CELSIUS","FAHRENHEIT"],
                          "description":"Temperature unit"}],"description":"Unit of the temperatures"},
                  "fallbackUnit":{"type":"string","enum":["CELSIUS","FAHRENHEIT"],"description":"Temperature unit"},
                  "radius":{"type":["number","null"]},
                  "notes":{"type":"string"}}}""");
        ObjectNode schema = (ObjectNode) schemaOf(Forecast.class);

        ObjectNode withoutRecords = schema.deepCopy();
        ((ObjectNode) withoutRecords.get("properties")).remove(List.of("at", "home", "stops"));
        assertThat(withoutRecords).isEqualTo(expected);
        // A record used three times is written out each time (no $defs), as zod writes a reused object.
        assertThat(schema.has("$defs")).isFalse();
        assertThat(schema.at("/properties/home")).isEqualTo(coordinates);
        assertThat(schema.at("/properties/stops"))
                .isEqualTo(Json.MAPPER.createObjectNode().put("type", "array").set("items", coordinates));
        // The component's own description replaces its type's, as .describe() on a property does in zod.
        ObjectNode at = ((ObjectNode) coordinates.deepCopy()).put("description", "Exact place, if known");
        at.set("type", json("[\"object\",\"null\"]"));
        assertThat(schema.at("/properties/at")).isEqualTo(at);
    }

    @Test
    void optionalsAndNullablesAreTheOnlyOptionalProperties() {
        JsonNode schema = schemaOf(Forecast.class);

        assertThat(schema.path("required"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("location", "fallbackUnit", "home", "stops", "notes");
        assertThat(schema.path("properties").size()).isEqualTo(9);
    }

    @Test
    void aRecordThatContainsItselfKeepsItsDefinitionInDefsWithTheDescriptionBesideTheReference() {
        JsonNode schema = schemaOf(Forest.class);

        assertThat(schema.at("/properties/biggest"))
                .isEqualTo(json("{\"$ref\":\"#/$defs/TreeNode\",\"description\":\"The biggest tree\"}"));
        assertThat(schema.at("/properties/other")).isEqualTo(json("{\"$ref\":\"#/$defs/TreeNode\"}"));
        assertThat(schema.at("/$defs/TreeNode/properties/name/description").asText())
                .isEqualTo("Label");
        assertThat(schema.at("/$defs/TreeNode/properties/children/items/$ref").asText())
                .isEqualTo("#/$defs/TreeNode");
    }

    @Test
    void outputSchemasCarryDescriptionsToo() {
        Tool tool = Tool.builder()
                .id("t")
                .outputSchema(Coordinates.class)
                .execute((input, ctx) -> null)
                .build();

        assertThat(tool.outputSchema()
                        .orElseThrow()
                        .at("/properties/latitude/description")
                        .asText())
                .isEqualTo("Degrees north");
    }
}
