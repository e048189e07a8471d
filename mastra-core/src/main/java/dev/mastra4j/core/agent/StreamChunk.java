package dev.mastra4j.core.agent;

/**
 * One event of a streamed run. Order: {@link Start}; per step {@link StepStart}, {@link TextStart}, {@link TextDelta}*,
 * {@link TextEnd} (only when the step has text), {@link ToolCallChunk}*, {@link ToolResultChunk}*, {@link StepFinish};
 * with structured output, {@link ObjectChunk}s among the text deltas and {@link ObjectResult} before the last
 * {@link StepFinish};
 * last {@link Finish}, or {@link ErrorChunk} when the run fails after it started. A run that suspends for a tool
 * approval ends with {@link ToolCallApproval} instead (no {@link Finish}); its resumed stream starts at the tool's
 * {@link ToolResultChunk} (or {@link ToolOutputDenied}), with no {@link Start}.
 */
public sealed interface StreamChunk {

    /** The wire type, such as {@code text-delta}. */
    String type();

    record Start(String runId, String agentId, String messageId) implements StreamChunk {
        @Override
        public String type() {
            return "start";
        }
    }

    record StepStart(String messageId) implements StreamChunk {
        @Override
        public String type() {
            return "step-start";
        }
    }

    record TextStart(String id) implements StreamChunk {
        @Override
        public String type() {
            return "text-start";
        }
    }

    record TextDelta(String id, String text) implements StreamChunk {
        @Override
        public String type() {
            return "text-delta";
        }
    }

    record TextEnd(String id) implements StreamChunk {
        @Override
        public String type() {
            return "text-end";
        }
    }

    record ToolCallChunk(ToolCall toolCall) implements StreamChunk {
        @Override
        public String type() {
            return "tool-call";
        }
    }

    record ToolResultChunk(ToolResult toolResult) implements StreamChunk {
        @Override
        public String type() {
            return "tool-result";
        }
    }

    /**
     * The run suspends before {@code request}'s tool runs, until a person approves or declines it (Mastra's
     * {@code tool-call-approval}); the stream ends after this chunk, without {@link Finish}.
     */
    record ToolCallApproval(ToolApprovalRequest request) implements StreamChunk {
        @Override
        public String type() {
            return "tool-call-approval";
        }
    }

    /** A declined tool call: the tool did not run and the model is told so (Mastra's {@code tool-output-denied}). */
    record ToolOutputDenied(ToolCall toolCall, String reason) implements StreamChunk {
        @Override
        public String type() {
            return "tool-output-denied";
        }
    }

    /**
     * The end of one step. {@code isContinued} is true when another step follows (the model asked for tools and
     * the step limit allows one more call).
     */
    record StepFinish(
            FinishReason reason, Usage usage, boolean isContinued, String text, String messageId, StepResult step)
            implements StreamChunk {
        @Override
        public String type() {
            return "step-finish";
        }
    }

    /** The end of the run; {@code usage} is summed over all steps and {@code result} is what generate() returns. */
    record Finish(FinishReason reason, Usage usage, String text, String messageId, GenerateResult result)
            implements StreamChunk {
        @Override
        public String type() {
            return "finish";
        }
    }

    /**
     * A structured-output run's object as far as its text has streamed (Mastra's {@code object} chunk); sent before the
     * text delta that changed it.
     */
    record ObjectChunk(com.fasterxml.jackson.databind.JsonNode object) implements StreamChunk {
        @Override
        public String type() {
            return "object";
        }
    }

    /** A structured-output run's final object, checked against the schema; after the last {@code text-end}. */
    record ObjectResult(com.fasterxml.jackson.databind.JsonNode object) implements StreamChunk {
        @Override
        public String type() {
            return "object-result";
        }
    }

    /** The run failed; the stream ends after this chunk. {@code message} is safe to show to a client. */
    record ErrorChunk(String message) implements StreamChunk {
        @Override
        public String type() {
            return "error";
        }
    }
}
