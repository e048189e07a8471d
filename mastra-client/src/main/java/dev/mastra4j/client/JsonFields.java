package dev.mastra4j.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Lenient readers for server JSON: a field that is missing or of another type reads as absent, never as a crash. */
final class JsonFields {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Mastra's date form: ISO-8601 UTC with milliseconds, as JavaScript's {@code Date.toJSON()} writes it. */
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final JavaType OBJECT =
            MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class);

    private JsonFields() {}

    /** An ISO-8601 date string as an instant; absent, of another type or unparseable reads as null. */
    static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    /** {@code instant} as {@code Date.toJSON()} writes it, e.g. {@code 2026-12-05T06:00:00.000Z}. */
    static String iso(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    /** A JSON object as an unmodifiable map of plain Java values; anything else reads as an empty map. */
    static Map<String, Object> object(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(MAPPER.convertValue(node, OBJECT));
    }

    /** An unmodifiable copy that keeps the order and allows null values; null reads as empty. */
    static Map<String, Object> map(Map<String, ?> values) {
        return values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

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
