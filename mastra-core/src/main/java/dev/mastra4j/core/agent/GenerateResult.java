package dev.mastra4j.core.agent;

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
        MemoryMessages memory) {

    public GenerateResult {
        toolCalls = List.copyOf(toolCalls);
        toolResults = List.copyOf(toolResults);
        steps = List.copyOf(steps);
    }

    /** A result without memory. */
    public GenerateResult(
            String text,
            FinishReason finishReason,
            Usage usage,
            List<ToolCall> toolCalls,
            List<ToolResult> toolResults,
            List<StepResult> steps,
            ResponseInfo response,
            String runId) {
        this(text, finishReason, usage, toolCalls, toolResults, steps, response, runId, null);
    }

    /** The same result with {@code memory} (null for none). */
    public GenerateResult withMemory(MemoryMessages newMemory) {
        return new GenerateResult(text, finishReason, usage, toolCalls, toolResults, steps, response, runId, newMemory);
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
