package dev.mastra4j.core.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.storage.StorageMessage;
import java.util.List;

/**
 * The result of a whole run.
 *
 * @param text         the final step's text
 * @param finishReason the final step's reason ({@code TOOL_CALLS} when maxSteps cut a run that still wanted tools)
 * @param usage        summed over all steps
 * @param toolCalls    every tool call of the run, in order
 * @param toolResults  every tool result of the run, in order
 * @param steps        one per model call
 * @param response     the final step's response info
 * @param runId        this run's id
 * @param memory       for a run with memory, the thread's messages it recalled and saved; null otherwise
 * @param object       for a run with {@link StructuredOutput}, the final answer as a checked JSON value; else null
 * @param suspendPayload for a run that waits for a tool approval ({@link FinishReason#SUSPENDED}), the call to approve
 *                     or decline; else null
 */
public record GenerateResult(
        String text,
        FinishReason finishReason,
        Usage usage,
        List<ToolCall> toolCalls,
        List<ToolResult> toolResults,
        List<StepResult> steps,
        ResponseInfo response,
        String runId,
        MemoryMessages memory,
        JsonNode object,
        ToolApprovalRequest suspendPayload) {

    public GenerateResult {
        toolCalls = List.copyOf(toolCalls);
        toolResults = List.copyOf(toolResults);
        steps = List.copyOf(steps);
    }

    /** The same result with {@code memory} (null for none). */
    public GenerateResult withMemory(MemoryMessages newMemory) {
        return new GenerateResult(
                text,
                finishReason,
                usage,
                toolCalls,
                toolResults,
                steps,
                response,
                runId,
                newMemory,
                object,
                suspendPayload);
    }

    /** Whether the run waits for a tool approval ({@link #suspendPayload()} says which call). */
    public boolean isSuspended() {
        return suspendPayload != null;
    }

    /** For a suspended run, the JSON Schema of a decision as JSON text (Mastra's {@code resumeSchema}); else null. */
    public String resumeSchema() {
        return suspendPayload == null ? null : suspendPayload.resumeSchema();
    }

    /**
     * The structured-output object as {@code type} (a record, say).
     *
     * @throws IllegalStateException    when the run had no structured output
     * @throws IllegalArgumentException when the object does not convert to {@code type}
     */
    public <T> T object(Class<T> type) {
        if (object == null) {
            throw new IllegalStateException("This run had no structured output");
        }
        try {
            return Json.MAPPER.treeToValue(object, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The object does not convert to " + type.getName(), e);
        }
    }

    /**
     * The thread's messages a run with memory dealt with: Mastra's {@code rememberedMessages} and the new rows.
     *
     * @param remembered the messages recalled from the thread before the run, oldest first
     * @param saved      the messages the run saved (its request's messages, then the assistant's), in order
     */
    public record MemoryMessages(List<StorageMessage> remembered, List<StorageMessage> saved) {
        public MemoryMessages {
            remembered = List.copyOf(remembered);
            saved = List.copyOf(saved);
        }
    }
}
