package dev.mastra4j.core.tool;

import dev.mastra4j.core.error.MastraException;
import java.time.Duration;

/** A tool did not finish within its time limit (504). The message names the tool and the limit, nothing else. */
public class ToolTimeoutException extends MastraException {

    private final String toolId;

    public ToolTimeoutException(String toolId, Duration limit) {
        super(504, "Tool " + toolId + " timed out after " + format(limit));
        this.toolId = toolId;
    }

    public String toolId() {
        return toolId;
    }

    /** {@code 30s}, or {@code 300ms} when not whole seconds. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
