package dev.mastra4j.client;

import java.util.Objects;

/** Whether and which tools the model may call: {@code auto}, {@code none}, {@code required}, or one named tool. */
public sealed interface ToolChoice {

    static ToolChoice auto() {
        return new Auto();
    }

    static ToolChoice none() {
        return new None();
    }

    static ToolChoice required() {
        return new Required();
    }

    static ToolChoice tool(String toolName) {
        return new Named(toolName);
    }

    /** The model decides. */
    record Auto() implements ToolChoice {}

    /** No tool calls. */
    record None() implements ToolChoice {}

    /** At least one tool call. */
    record Required() implements ToolChoice {}

    /** Exactly this tool. */
    record Named(String toolName) implements ToolChoice {
        public Named {
            Objects.requireNonNull(toolName, "toolName");
        }
    }
}
