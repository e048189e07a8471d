package dev.mastra4j.core.agent;

import dev.mastra4j.core.error.Issue;
import dev.mastra4j.core.error.MastraException;
import java.util.List;

/**
 * The model's final answer did not fit the structured-output schema (or was not JSON): a 502 with Mastra's message,
 * {@code Structured output validation failed: - city: must be string}, and Mastra's error code.
 */
public final class StructuredOutputException extends MastraException {

    /** Mastra's code for this failure. */
    public static final String CODE = "STRUCTURED_OUTPUT_SCHEMA_VALIDATION_FAILED";

    private final transient List<Issue> issues;
    private final String value;

    StructuredOutputException(List<Issue> issues, String value) {
        super(502, message(issues));
        this.issues = List.copyOf(issues);
        this.value = value;
    }

    private static String message(List<Issue> issues) {
        StringBuilder text = new StringBuilder("Structured output validation failed:");
        String separator = " ";
        for (Issue issue : issues) {
            text.append(separator)
                    .append("- ")
                    .append(issue.field() == null || issue.field().isEmpty() ? "root" : issue.field())
                    .append(": ")
                    .append(issue.message());
            separator = "\n";
        }
        return text.toString();
    }

    /** What did not fit, by path. */
    public List<Issue> issues() {
        return issues;
    }

    /** The model's answer as it came (at most 1,000 characters). */
    public String value() {
        return value;
    }

    public String code() {
        return CODE;
    }
}
