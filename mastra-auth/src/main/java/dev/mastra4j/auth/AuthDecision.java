package dev.mastra4j.auth;

import java.time.Duration;

/** What the auth pipeline decided for one request. The server maps each case to a response. */
public sealed interface AuthDecision {

    /** The route is public, or auth is off: go on without a user. */
    record Open() implements AuthDecision {}

    /** Authenticated and authorized. {@code resourceId} is null unless the provider maps users to resources. */
    record Allowed(Object user, String resourceId) implements AuthDecision {}

    /**
     * Refused. {@code reason}, {@code wwwAuthenticate} and {@code retryAfter} may be null. {@code error} is the human
     * message for the JSON body; none of the fields ever carries a token. {@code retryAfter} is how long a
     * rate-limited caller should wait; the server sends it as {@code Retry-After}.
     */
    record Rejected(int status, String error, String reason, String wwwAuthenticate, Duration retryAfter)
            implements AuthDecision {

        public Rejected {
            if (retryAfter != null && retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative");
            }
        }

        /** A refusal without {@code Retry-After}. */
        public Rejected(int status, String error, String reason, String wwwAuthenticate) {
            this(status, error, reason, wwwAuthenticate, null);
        }
    }
}
