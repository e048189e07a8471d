package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One model call within a run. {@code raw} keeps every field the server sent. */
public record StepInfo(
        String text,
        String finishReason,
        Usage usage,
        List<ToolCallInfo> toolCalls,
        List<ToolResultInfo> toolResults,
        JsonNode raw) {

    public StepInfo {
        toolCalls = List.copyOf(toolCalls);
        toolResults = List.copyOf(toolResults);
    }

    static StepInfo fromJson(JsonNode node) {
        return new StepInfo(
                JsonFields.text(node, "text"),
                JsonFields.text(node, "finishReason"),
                Usage.fromJson(node.get("usage")),
                JsonFields.list(node.get("toolCalls"), ToolCallInfo::fromJson),
                JsonFields.list(node.get("toolResults"), ToolResultInfo::fromJson),
                node);
    }
}
