package dev.mastra4j.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.mastra4j.core.json.Json;
import java.util.Map;

/**
 * The offline stand-in's structured answers: for a request with a JSON-schema response format, a value that fits the
 * schema (every property filled: strings {@code "offline"}, numbers 0, booleans false, the first enum value, arrays
 * with one item), so structured output works with no model at all.
 */
final class OfflineObjects {

    private static final int MAX_DEPTH = 8;

    private OfflineObjects() {}

    /** The JSON text for {@code request}, or null when it asks for no JSON schema. */
    static String answer(ChatRequest request) {
        ResponseFormat format = request.responseFormat();
        if (format == null || format.jsonSchema() == null) {
            return null;
        }
        return sample(format.jsonSchema().rootElement(), Map.of(), 0).toString();
    }

    private static JsonNode sample(JsonSchemaElement element, Map<String, JsonSchemaElement> defs, int depth) {
        if (depth > MAX_DEPTH) {
            return Json.MAPPER.nullNode();
        }
        return switch (element) {
            case JsonObjectSchema object -> {
                ObjectNode node = Json.MAPPER.createObjectNode();
                Map<String, JsonSchemaElement> nested = object.definitions() == null ? defs : object.definitions();
                object.properties().forEach((name, property) -> node.set(name, sample(property, nested, depth + 1)));
                yield node;
            }
            case JsonArraySchema array -> {
                ArrayNode node = Json.MAPPER.createArrayNode();
                node.add(sample(array.items(), defs, depth + 1));
                yield node;
            }
            case JsonEnumSchema enumeration ->
                Json.MAPPER.getNodeFactory().textNode(enumeration.enumValues().get(0));
            case JsonStringSchema string -> Json.MAPPER.getNodeFactory().textNode("offline");
            case JsonIntegerSchema integer -> Json.MAPPER.getNodeFactory().numberNode(0);
            case JsonNumberSchema number -> Json.MAPPER.getNodeFactory().numberNode(0);
            case JsonBooleanSchema bool -> Json.MAPPER.getNodeFactory().booleanNode(false);
            case JsonAnyOfSchema anyOf -> sample(anyOf.anyOf().get(0), defs, depth + 1);
            default -> Json.MAPPER.nullNode();
        };
    }
}
