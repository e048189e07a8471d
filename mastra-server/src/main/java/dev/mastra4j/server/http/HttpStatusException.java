package dev.mastra4j.server.http;

import java.time.Duration;
import java.util.Map;

/**
 * An answer other than success decided by the HTTP layer itself: {@code {"error": error, "reason"?: reason}} with
 * {@code status} and optional extra headers. The message is safe to send: it never quotes the request.
 */
public final class HttpStatusException extends RuntimeException {

    private final int status;
    private final String reason;
    private final Map<String, String> headers;

    public HttpStatusException(int status, String error) {
        this(status, error, null, Map.of());
    }

    public HttpStatusException(int status, String error, String reason, Map<String, String> headers) {
        super(error, null, false, false);
        this.status = status;
        this.reason = reason;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    /** The human message, the {@code error} field of the body. */
    public String error() {
        return getMessage();
    }

    /** Machine-readable reason, or null. */
    public String reason() {
        return reason;
    }

    /** Extra response headers such as {@code Allow} or {@code WWW-Authenticate}. */
    public Map<String, String> headers() {
        return headers;
    }

    /** A wait as the value of {@code Retry-After}: whole seconds, rounded up, at least 1. */
    public static String retryAfterSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Long.toString(Math.max(1, seconds));
    }
}
