package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The result of {@link AgentClient#generate}. {@code finishReason} is one of {@code stop}, {@code length},
 * {@code tool-calls}, {@code content-filter}, {@code error}, {@code other}, {@code suspended} (a tool call waits for
 * approval: {@link #runId()}, {@link #suspendPayload()}); {@code raw} is the whole response body,
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

    /** The run's id ({@code runId}), or null. */
    public String runId() {
        JsonNode id = raw == null ? null : raw.get("runId");
        return id == null || !id.isTextual() ? null : id.asText();
    }

    /** Whether the run waits for a tool approval ({@code finishReason: "suspended"}). */
    public boolean isSuspended() {
        return "suspended".equals(finishReason);
    }

    /**
     * For a suspended run, the call waiting for a decision: {@code {toolCallId, toolName, args, resumeSchema}}
     * (Mastra's {@code suspendPayload}); null otherwise.
     */
    public JsonNode suspendPayload() {
        JsonNode payload = raw == null ? null : raw.get("suspendPayload");
        return payload == null || !payload.isObject() ? null : payload;
    }

    /** A structured-output run's object ({@code object} at the top level), or null. */
    public JsonNode object() {
        JsonNode object = raw == null ? null : raw.get("object");
        return object == null || object.isNull() ? null : object;
    }

    /**
     * The object as {@code type}.
     *
     * @throws IllegalStateException when the response has no object or it does not convert
     */
    public <T> T object(Class<T> type) {
        JsonNode object = object();
        if (object == null) {
            throw new IllegalStateException("The response has no structured-output object");
        }
        try {
            return JsonFields.MAPPER.convertValue(object, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The object does not convert to " + type.getName(), e);
        }
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
