package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An agent as the server describes it. {@code tools} is keyed by tool id in the server's order; {@code raw} is the
 * whole JSON object, for fields this record does not name.
 */
public record AgentInfo(
        String id,
        String name,
        String description,
        String instructions,
        String provider,
        String modelId,
        Map<String, ToolInfo> tools,
        JsonNode raw) {

    public AgentInfo {
        tools = Collections.unmodifiableMap(new LinkedHashMap<>(tools));
    }

    static AgentInfo fromJson(String fallbackId, JsonNode node) {
        String id = JsonFields.text(node, "id");
        Map<String, ToolInfo> tools = new LinkedHashMap<>();
        node.path("tools")
                .properties()
                .forEach(e -> tools.put(e.getKey(), ToolInfo.fromJson(e.getKey(), e.getValue())));
        return new AgentInfo(
                id == null ? fallbackId : id,
                JsonFields.text(node, "name"),
                JsonFields.text(node, "description"),
                instructions(node.get("instructions")),
                JsonFields.text(node, "provider"),
                JsonFields.text(node, "modelId"),
                tools,
                node);
    }

    /** Mastra allows instructions as a string, a list of strings, or system messages; this flattens them to text. */
    private static String instructions(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : node) {
                String piece = instructions(part);
                if (piece != null && !piece.isEmpty()) {
                    if (!text.isEmpty()) {
                        text.append('\n');
                    }
                    text.append(piece);
                }
            }
            return text.toString();
        }
        if (node.isObject() && node.has("content")) {
            return instructions(node.get("content"));
        }
        if (node.isObject() && node.has("text")) {
            return instructions(node.get("text"));
        }
        return node.toString();
    }
}
