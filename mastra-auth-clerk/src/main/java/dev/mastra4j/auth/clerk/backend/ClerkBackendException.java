package dev.mastra4j.auth.clerk.backend;

/**
 * A Backend API call did not produce an answer we can use. The message names the operation and what went wrong
 * (an HTTP status, a timeout, a refused connection, an unreadable body) and never contains the secret key, a
 * token, or the response body; no exception from the HTTP or SDK layers is attached as a cause, for the same reason.
 */
public final class ClerkBackendException extends RuntimeException {

    /** What kind of failure it was; decides whether an idempotent call may be retried. */
    public enum Failure {
        /** The API answered with a non-success HTTP status ({@link #status()}). */
        HTTP_STATUS,
        /** No complete answer within the read timeout. */
        TIMEOUT,
        /** The connection could not be made (refused, unreachable, connect timeout). */
        CONNECTION,
        /** A success status with a body that is not the documented JSON. */
        INVALID_RESPONSE,
        /** Any other transport error. */
        IO,
        /** Not sent: Clerk answered 429 and the time its {@code Retry-After} named has not passed yet. */
        PAUSED,
        /** Not sent: the circuit breaker is open after repeated failures. */
        CIRCUIT_OPEN
    }

    private final Failure failure;
    private final int status;

    ClerkBackendException(String message, Failure failure, int status) {
        super(message, null, false, false);
        this.failure = failure;
        this.status = status;
    }

    public Failure failure() {
        return failure;
    }

    /** The HTTP status for {@link Failure#HTTP_STATUS}, else 0. */
    public int status() {
        return status;
    }

    /** Worth trying again later: 429, a 5xx, a failed connection, or a call held back by a pause or the breaker. */
    public boolean isTransient() {
        return switch (failure) {
            case HTTP_STATUS -> status == 429 || status >= 500;
            case CONNECTION, PAUSED, CIRCUIT_OPEN -> true;
            default -> false;
        };
    }

    /** Worth one more attempt within the same request: a 5xx or a failed connection, never a 429. */
    boolean isRetryableInline() {
        return switch (failure) {
            case HTTP_STATUS -> status >= 500;
            case CONNECTION -> true;
            default -> false;
        };
    }

    /** Nothing was sent: the call was held back by a {@code Retry-After} pause or the open circuit breaker. */
    public boolean wasHeldBack() {
        return failure == Failure.PAUSED || failure == Failure.CIRCUIT_OPEN;
    }
}
