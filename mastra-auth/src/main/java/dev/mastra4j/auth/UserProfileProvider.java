package dev.mastra4j.auth;

/**
 * An auth provider that can describe the caller of a request, for a "who am I" route such as
 * {@code GET /api/auth/me}. Such routes are public to the auth pipeline (the defaults make {@code /api/auth/*}
 * public), so the provider verifies the request's credential itself.
 */
public interface UserProfileProvider {

    /**
     * The profile of whoever made {@code request}: a JSON-serialisable object (a record or a {@code Map}) that
     * never carries secrets or the credential.
     *
     * @throws AuthenticationException when the request has no valid credential (401, or 503 when the verifier is
     *         unavailable), with a machine-readable reason
     */
    Object currentUserProfile(AuthRequest request) throws AuthenticationException;
}
