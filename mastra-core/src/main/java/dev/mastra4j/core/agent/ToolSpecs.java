package dev.mastra4j.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.mastra4j.core.tool.Tool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts our tools' JSON Schemas to LangChain4j's schema model, which every provider module understands. */
final class ToolSpecs {

    private ToolSpecs() {}

    static ToolSpecification of(Tool tool) {
        ToolSpecification.Builder spec = ToolSpecification.builder().name(tool.id());
        if (!tool.description().isBlank()) {
            spec.description(tool.description());
        }
        JsonNode schema = tool.inputSchema();
        JsonSchemaElement element = element(schema);
        JsonObjectSchema parameters = element instanceof JsonObjectSchema object
                ? object
                : JsonObjectSchema.builder().build();
        Map<String, JsonSchemaElement> definitions = definitions(schema);
        if (!definitions.isEmpty()) {
            parameters = parameters.toBuilder().definitions(definitions).build();
        }
        return spec.parameters(parameters).build();
    }

    private static Map<String, JsonSchemaElement> definitions(JsonNode schema) {
        Map<String, JsonSchemaElement> definitions = new LinkedHashMap<>();
        for (String key : List.of("$defs", "definitions")) {
            JsonNode defs = schema.path(key);
            defs.properties().forEach(e -> definitions.put(e.getKey(), element(e.getValue())));
        }
        return definitions;
    }

    static JsonSchemaElement element(JsonNode schema) {
        String description = schema.path("description").isTextual()
                ? schema.get("description").asText()
                : null;
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            return JsonReferenceSchema.builder().reference(name).build();
        }
        if (schema.has("enum") && schema.get("enum").isArray()) {
            List<String> values = new ArrayList<>();
            schema.get("enum").forEach(v -> values.add(v.asText()));
            return JsonEnumSchema.builder()
                    .description(description)
                    .enumValues(values)
                    .build();
        }
        if (schema.has("const")) {
            return JsonEnumSchema.builder()
                    .description(description)
                    .enumValues(schema.get("const").asText())
                    .build();
        }
        for (String combiner : List.of("anyOf", "oneOf")) {
            if (schema.path(combiner).isArray()) {
                List<JsonSchemaElement> options = new ArrayList<>();
                schema.get(combiner).forEach(option -> options.add(element(option)));
                return JsonAnyOfSchema.builder()
                        .description(description)
                        .anyOf(options)
                        .build();
            }
        }
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            List<JsonSchemaElement> options = new ArrayList<>();
            type.forEach(t -> options.add(ofType(t.asText(), schema, description)));
            return options.size() == 1
                    ? options.get(0)
                    : JsonAnyOfSchema.builder()
                            .description(description)
                            .anyOf(options)
                            .build();
        }
        if (type.isTextual()) {
            return ofType(type.asText(), schema, description);
        }
        if (schema.has("properties")) {
            return ofType("object", schema, description);
        }
        // No type: LangChain4j has no "any"; a string is the loosest form every provider accepts.
        return JsonStringSchema.builder().description(description).build();
    }

    private static JsonSchemaElement ofType(String type, JsonNode schema, String description) {
        return switch (type) {
            case "string" -> JsonStringSchema.builder().description(description).build();
            case "integer" ->
                JsonIntegerSchema.builder().description(description).build();
            case "number" -> JsonNumberSchema.builder().description(description).build();
            case "boolean" ->
                JsonBooleanSchema.builder().description(description).build();
            case "null" -> new JsonNullSchema();
            case "array" ->
                JsonArraySchema.builder()
                        .description(description)
                        .items(
                                schema.has("items")
                                        ? element(schema.get("items"))
                                        : JsonStringSchema.builder().build())
                        .build();
            case "object" -> {
                JsonObjectSchema.Builder object = JsonObjectSchema.builder().description(description);
                schema.path("properties")
                        .properties()
                        .forEach(e -> object.addProperty(e.getKey(), element(e.getValue())));
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                if (!required.isEmpty()) {
                    object.required(required);
                }
                JsonNode additional = schema.path("additionalProperties");
                if (additional.isBoolean()) {
                    object.additionalProperties(additional.asBoolean());
                }
                yield object.build();
            }
            default -> JsonStringSchema.builder().description(description).build();
        };
    }
}
