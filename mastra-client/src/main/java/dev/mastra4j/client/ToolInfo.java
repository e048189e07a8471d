package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool as the server describes it. The schemas are JSON Schema trees (Mastra sends them as JSON text; both forms
 * are read); {@code outputSchema} is null when the tool declares none.
 */
public record ToolInfo(String id, String description, JsonNode inputSchema, JsonNode outputSchema) {

    static ToolInfo fromJson(String fallbackId, JsonNode node) {
        String id = JsonFields.text(node, "id");
        return new ToolInfo(
                id == null ? fallbackId : id,
                JsonFields.text(node, "description"),
                JsonFields.embeddedJson(node.get("inputSchema")),
                JsonFields.embeddedJson(node.get("outputSchema")));
    }
}
