package dev.mastra4j.core.error;

import java.util.List;

/** A request body or tool input that does not fit its schema. Mastra's shape: 400 "Invalid request body" plus issues. */
public class InvalidRequestException extends MastraException {

    public static final String MESSAGE = "Invalid request body";
    /** The message of a query string that does not fit its schema, as Mastra words it. */
    public static final String QUERY_MESSAGE = "Invalid query parameters";

    private final List<Issue> issues;

    public InvalidRequestException(List<Issue> issues) {
        this(MESSAGE, issues);
    }

    private InvalidRequestException(String message, List<Issue> issues) {
        super(400, message);
        this.issues = List.copyOf(issues);
    }

    /** A query string that does not fit its schema: 400 {@value #QUERY_MESSAGE} plus issues. */
    public static InvalidRequestException query(List<Issue> issues) {
        return new InvalidRequestException(QUERY_MESSAGE, issues);
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
        return getClass().getSimpleName() + ": " + getMessage() + " " + issues;
    }
}
