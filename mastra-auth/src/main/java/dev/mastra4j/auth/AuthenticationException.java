package dev.mastra4j.auth;

/**
 * Authentication failed. {@link #reason()} is machine-readable (for example {@code token-expired}) and is
 * safe to log and to return to the caller; the message never contains the token or any secret.
 */
public class AuthenticationException extends RuntimeException {

    private final String reason;
    private final int status;

    public AuthenticationException(String reason, String message) {
        this(reason, message, 401, null);
    }

    public AuthenticationException(String reason, String message, int status, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
        this.status = status;
    }

    /** Machine-readable reason, as Clerk's SDKs name them. */
    public String reason() {
        return reason;
    }

    /** HTTP status the server answers with: 401 normally, 503 when a verifier is unavailable, 400 for a malformed request. */
    public int status() {
        return status;
    }
}
