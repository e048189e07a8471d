package dev.mastra4j.core.agent;

/** Why a model call (or a whole run) ended; {@link #wireName()} is the AI SDK's spelling. */
public enum FinishReason {
    STOP("stop"),
    LENGTH("length"),
    TOOL_CALLS("tool-calls"),
    CONTENT_FILTER("content-filter"),
    ERROR("error"),
    OTHER("other"),
    /** The run waits for a person to approve or decline a tool call ({@link GenerateResult#suspendPayload()}). */
    SUSPENDED("suspended");

    private final String wireName;

    FinishReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static FinishReason fromWireName(String name) {
        for (FinishReason reason : values()) {
            if (reason.wireName.equals(name)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("Unknown finish reason: " + name);
    }
}
