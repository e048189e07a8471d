package dev.mastra4j.auth;

/** What the auth pipeline decided for one request. The server maps each case to a response. */
public sealed interface AuthDecision {

    /** The route is public, or auth is off: go on without a user. */
    record Open() implements AuthDecision {}

    /** Authenticated and authorized. {@code resourceId} is null unless the provider maps users to resources. */
    record Allowed(Object user, String resourceId) implements AuthDecision {}

    /**
     * Refused. {@code reason} and {@code wwwAuthenticate} may be null. {@code error} is the human message
     * for the JSON body; none of the fields ever carries a token.
     */
    record Rejected(int status, String error, String reason, String wwwAuthenticate) implements AuthDecision {}
}
