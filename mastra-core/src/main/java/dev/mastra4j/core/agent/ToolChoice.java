package dev.mastra4j.core.agent;

import java.util.Objects;

/** Whether and which tools the model may call. */
public sealed interface ToolChoice {

    /** The model decides (the default). */
    record Auto() implements ToolChoice {}

    /** No tools are offered. */
    record None() implements ToolChoice {}

    /** The model must call some tool. */
    record Required() implements ToolChoice {}

    /** The model must call this tool; only it is offered. */
    record Specific(String toolName) implements ToolChoice {
        public Specific {
            Objects.requireNonNull(toolName, "toolName");
        }
    }

    ToolChoice AUTO = new Auto();
    ToolChoice NONE = new None();
    ToolChoice REQUIRED = new Required();

    static ToolChoice tool(String toolName) {
        return new Specific(toolName);
    }
}
