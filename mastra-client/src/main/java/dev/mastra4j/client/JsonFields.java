package dev.mastra4j.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Lenient readers for server JSON: a field that is missing or of another type reads as absent, never as a crash. */
final class JsonFields {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JsonFields() {}

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    static long number(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isNumber() ? value.asLong() : 0L;
    }

    static <T> List<T> list(JsonNode array, Function<JsonNode, T> reader) {
        if (array == null || !array.isArray()) {
            return List.of();
        }
        List<T> items = new ArrayList<>(array.size());
        for (JsonNode item : array) {
            items.add(reader.apply(item));
        }
        return List.copyOf(items);
    }

    /**
     * Mastra sends tool schemas as JSON text ({@code "inputSchema": "{\"type\":...}"}); mastra4j may send them as
     * objects. Both read as a tree here.
     */
    static JsonNode embeddedJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            try {
                return MAPPER.readTree(node.asText());
            } catch (Exception notJson) {
                return node;
            }
        }
        return node;
    }
}
