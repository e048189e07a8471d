package dev.mastra4j.core.tool;

import dev.mastra4j.core.error.MastraException;

/** A tool's own code failed. The message names the tool and repeats the cause's message, as Mastra does. */
public class ToolExecutionException extends MastraException {

    private final String toolId;

    public ToolExecutionException(String toolId, Throwable cause) {
        super(500, "Tool " + toolId + " failed: " + describe(cause), cause);
        this.toolId = toolId;
    }

    public String toolId() {
        return toolId;
    }

    /** The cause's message, or its simple class name when it has none. */
    public static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
