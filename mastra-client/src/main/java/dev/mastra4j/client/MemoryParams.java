package dev.mastra4j.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Checks and writers shared by the memory parameter records. */
final class MemoryParams {

    private MemoryParams() {}

    static void paging(Integer page, Integer perPage) {
        if (page != null && page < 0) {
            throw new IllegalArgumentException("page must not be negative, got " + page);
        }
        if (perPage != null && perPage < 0) {
            throw new IllegalArgumentException("perPage must not be negative, got " + perPage);
        }
    }

    static void direction(String direction) {
        if (direction != null && !direction.equals("ASC") && !direction.equals("DESC")) {
            throw new IllegalArgumentException("orderBy direction must be ASC or DESC, got: " + direction);
        }
    }

    static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /** Puts {@code name: value} when the value is not null. */
    static void put(ObjectNode body, String name, String value) {
        if (value != null) {
            body.put(name, value);
        }
    }

    /** Puts {@code name: {...}} when the map is not empty. */
    static void put(ObjectNode body, String name, Map<String, Object> value) {
        if (value != null && !value.isEmpty()) {
            body.set(name, JsonFields.MAPPER.valueToTree(value));
        }
    }
}
