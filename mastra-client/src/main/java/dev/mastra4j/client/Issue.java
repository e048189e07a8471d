package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;

/** One problem with a request body, as listed in a 400 response's {@code issues}. */
public record Issue(String field, String message) {

    /**
     * Reads our {@code {"field", "message"}} shape and also a zod-style {@code {"path": [...], "message"}}, which
     * Mastra itself sends for some validation errors.
     */
    static Issue fromJson(JsonNode node) {
        String field = JsonFields.text(node, "field");
        if (field == null && node.path("path").isArray()) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode segment : node.path("path")) {
                if (!joined.isEmpty()) {
                    joined.append('.');
                }
                joined.append(segment.asText());
            }
            field = joined.toString();
        }
        String message = JsonFields.text(node, "message");
        if (message == null && node.isTextual()) {
            message = node.asText();
        }
        return new Issue(field, message);
    }
}
