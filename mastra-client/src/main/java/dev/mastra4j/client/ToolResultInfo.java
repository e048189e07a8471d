package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;

/** The result a tool returned to the model. */
public record ToolResultInfo(String toolCallId, String toolName, JsonNode args, JsonNode result) {

    /** Accepts the flat shape and Mastra's chunk shape ({@code {"type":"tool-result","payload":{...}}}). */
    static ToolResultInfo fromJson(JsonNode node) {
        JsonNode body = node.path("payload").isObject() ? node.get("payload") : node;
        return new ToolResultInfo(
                JsonFields.text(body, "toolCallId"),
                JsonFields.text(body, "toolName"),
                body.get("args"),
                body.get("result"));
    }
}
