package dev.mastra4j.auth;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Authentication failed. {@link #reason()} is machine-readable (for example {@code token-expired}) and is
 * safe to log and to return to the caller; the message never contains the token or any secret. This project's
 * providers always give an {@link AuthReason}; the {@code String} constructors are for a provider of your own with
 * reasons outside that set.
 */
public class AuthenticationException extends RuntimeException {

    private final String reason;
    private final int status;
    private final Duration retryAfter;

    /** A 401 for this reason. */
    public AuthenticationException(AuthReason reason, String message) {
        this(reason.wireName(), message, 401, null);
    }

    public AuthenticationException(AuthReason reason, String message, int status, Throwable cause) {
        this(reason.wireName(), message, status, cause);
    }

    public AuthenticationException(String reason, String message) {
        this(reason, message, 401, null);
    }

    public AuthenticationException(String reason, String message, int status, Throwable cause) {
        this(reason, message, status, null, cause);
    }

    private AuthenticationException(String reason, String message, int status, Duration retryAfter, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /**
     * Too many attempts (429): the caller may try again after {@code retryAfter}, which the server sends as
     * {@code Retry-After} (whole seconds, rounded up, at least 1).
     */
    public static AuthenticationException rateLimited(String reason, String message, Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative");
        }
        return new AuthenticationException(reason, message, 429, retryAfter, null);
    }

    /** {@link #rateLimited(String, String, Duration)} with one of our typed reasons. */
    public static AuthenticationException rateLimited(AuthReason reason, String message, Duration retryAfter) {
        return rateLimited(reason.wireName(), message, retryAfter);
    }

    /** Machine-readable reason, as Clerk's SDKs name them: an {@link AuthReason#wireName()} for our providers. */
    public String reason() {
        return reason;
    }

    /** HTTP status the server answers with: 401 normally, 503 when a verifier is unavailable, 400 for a malformed request. */
    public int status() {
        return status;
    }

    /** How long the caller should wait before trying again; present only for {@link #rateLimited} failures. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
