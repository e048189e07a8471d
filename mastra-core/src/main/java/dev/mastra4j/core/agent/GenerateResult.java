package dev.mastra4j.core.agent;

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
 */
public record GenerateResult(
        String text,
        FinishReason finishReason,
        Usage usage,
        List<ToolCall> toolCalls,
        List<ToolResult> toolResults,
        List<StepResult> steps,
        ResponseInfo response,
        String runId) {

    public GenerateResult {
        toolCalls = List.copyOf(toolCalls);
        toolResults = List.copyOf(toolResults);
        steps = List.copyOf(steps);
    }
}
