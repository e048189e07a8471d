package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;

/** A tool call the model made: which tool, with which arguments. */
public record ToolCallInfo(String toolCallId, String toolName, JsonNode args) {

    /** Accepts the flat shape and Mastra's chunk shape ({@code {"type":"tool-call","payload":{...}}}). */
    static ToolCallInfo fromJson(JsonNode node) {
        JsonNode body = node.path("payload").isObject() ? node.get("payload") : node;
        return new ToolCallInfo(
                JsonFields.text(body, "toolCallId"), JsonFields.text(body, "toolName"), body.get("args"));
    }
}
