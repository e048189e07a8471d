package dev.mastra4j.client;

import java.util.List;

/**
 * A call failed: the server answered with an error status, the server could not be reached (status 0), or a
 * stream broke off or reported an error. The message names the method, the path and the server's error text, and
 * never contains a token. When a stream broke off or reported an error, {@link #status()} is that of the stream (200).
 */
public final class MastraClientException extends RuntimeException {

    /** Status used when there was no HTTP response at all, e.g. connection refused. */
    public static final int NO_RESPONSE = 0;

    private final int status;
    private final String error;
    private final String reason;
    private final List<Issue> issues;
    private final String requestId;

    MastraClientException(
            String message,
            int status,
            String error,
            String reason,
            List<Issue> issues,
            String requestId,
            Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = error;
        this.reason = reason;
        this.issues = issues == null ? List.of() : List.copyOf(issues);
        this.requestId = requestId;
    }

    static MastraClientException withoutResponse(String message, Throwable cause) {
        return new MastraClientException(message, NO_RESPONSE, null, null, List.of(), null, cause);
    }

    /** The HTTP status, or {@link #NO_RESPONSE} when no response arrived. */
    public int status() {
        return status;
    }

    /** The body's {@code error} text, or null. */
    public String error() {
        return error;
    }

    /** The body's machine-readable {@code reason} (e.g. {@code token-expired}), or null. */
    public String reason() {
        return reason;
    }

    /** The body's {@code issues} (400 responses); empty when there are none. */
    public List<Issue> issues() {
        return issues;
    }

    /** The response's {@code X-Request-Id}, or null. Quote it when reporting a server error. */
    public String requestId() {
        return requestId;
    }
}
