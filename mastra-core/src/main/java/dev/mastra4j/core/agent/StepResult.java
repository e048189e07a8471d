package dev.mastra4j.core.agent;

import java.util.List;

/** One model call of a run, with the tools it triggered. */
public record StepResult(
        String text,
        List<ToolCall> toolCalls,
        List<ToolResult> toolResults,
        FinishReason finishReason,
        Usage usage,
        ResponseInfo response) {

    public StepResult {
        toolCalls = List.copyOf(toolCalls);
        toolResults = List.copyOf(toolResults);
    }
}
