package dev.mastra4j.auth;

/**
 * Authentication failed. {@link #reason()} is machine-readable (for example {@code token-expired}) and is
 * safe to log and to return to the caller; the message never contains the token or any secret. This project's
 * providers always give an {@link AuthReason}; the {@code String} constructors are for a provider of your own with
 * reasons outside that set.
 */
public class AuthenticationException extends RuntimeException {

    private final String reason;
    private final int status;

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
        super(message, cause, false, false);
        this.reason = reason;
        this.status = status;
    }

    /** Machine-readable reason, as Clerk's SDKs name them: an {@link AuthReason#wireName()} for our providers. */
    public String reason() {
        return reason;
    }

    /** HTTP status the server answers with: 401 normally, 503 when a verifier is unavailable, 400 for a malformed request. */
    public int status() {
        return status;
    }
}
