package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The result of {@link AgentClient#generate}. {@code finishReason} is one of {@code stop}, {@code length},
 * {@code tool-calls}, {@code content-filter}, {@code error}, {@code other}; {@code raw} is the whole response body,
 * for fields this record does not name.
 */
public record GenerateResponse(
        String text,
        String finishReason,
        Usage usage,
        List<ToolCallInfo> toolCalls,
        List<ToolResultInfo> toolResults,
        List<StepInfo> steps,
        JsonNode raw) {

    public GenerateResponse {
        toolCalls = List.copyOf(toolCalls);
        toolResults = List.copyOf(toolResults);
        steps = List.copyOf(steps);
    }

    static GenerateResponse fromJson(JsonNode node) {
        JsonNode usage = node.path("usage").isObject() ? node.get("usage") : node.get("totalUsage");
        return new GenerateResponse(
                JsonFields.text(node, "text"),
                JsonFields.text(node, "finishReason"),
                Usage.fromJson(usage),
                JsonFields.list(node.get("toolCalls"), ToolCallInfo::fromJson),
                JsonFields.list(node.get("toolResults"), ToolResultInfo::fromJson),
                JsonFields.list(node.get("steps"), StepInfo::fromJson),
                node);
    }
}
