package dev.mastra4j.core.error;

import java.util.List;

/** A request body or tool input that does not fit its schema. Mastra's shape: 400 "Invalid request body" plus issues. */
public class InvalidRequestException extends MastraException {

    public static final String MESSAGE = "Invalid request body";

    private final List<Issue> issues;

    public InvalidRequestException(List<Issue> issues) {
        super(400, MESSAGE);
        this.issues = List.copyOf(issues);
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new Issue(field, message)));
    }

    public List<Issue> issues() {
        return issues;
    }

    // getMessage stays the fixed MESSAGE that clients see; toString adds the issues for logs.
    @SuppressWarnings("OverrideThrowableToString")
    @Override
    public String toString() {
        return getClass().getSimpleName() + ": " + MESSAGE + " " + issues;
    }
}
