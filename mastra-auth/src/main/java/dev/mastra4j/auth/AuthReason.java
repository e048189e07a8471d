package dev.mastra4j.auth;

import java.util.Optional;

/**
 * Why a credential was refused: the one typed set of reasons every provider of this project reports, as Spring
 * Security's {@code BearerTokenErrors} and Clerk's {@code TokenVerificationErrorReason} are. {@link #wireName()} is
 * what logs, {@link AuthenticationException#reason()} and the 401/503 bodies carry; the token names are Clerk's own
 * (see {@code @clerk/backend}), so our answers read the same as Clerk's.
 *
 * <p>The HTTP status is not part of a reason: the code that refuses decides it (401 normally, 503 when a verifier
 * is unavailable, 429 for the machine-token rate limit, 400 for a malformed request).
 */
public enum AuthReason {

    /** The request carries an empty credential, or none where one is required. */
    TOKEN_MISSING("token-missing"),
    /** Not a well-formed token: parts, base64url, JSON, duplicate keys, size, {@code typ}, missing {@code kid}. */
    TOKEN_INVALID("token-invalid"),
    /** {@code alg} outside the allow-list, or not matching the key. */
    TOKEN_INVALID_ALGORITHM("token-invalid-algorithm"),
    TOKEN_INVALID_SIGNATURE("token-invalid-signature"),
    /** A required claim is missing or has the wrong type, or {@code aud} does not match. */
    TOKEN_VERIFICATION_FAILED("token-verification-failed"),
    TOKEN_INVALID_AUTHORIZED_PARTIES("token-invalid-authorized-parties"),
    TOKEN_EXPIRED("token-expired"),
    TOKEN_NOT_ACTIVE_YET("token-not-active-yet"),
    TOKEN_IAT_IN_THE_FUTURE("token-iat-in-the-future"),
    TOKEN_INVALID_ISSUER("token-invalid-issuer"),
    /** No published key has the token's {@code kid}, also not after the refetch the request waited for. */
    JWK_KID_MISMATCH("jwk-kid-mismatch"),
    /** The key set could not be loaded and no usable cached copy exists (answered with 503). */
    JWK_REMOTE_FAILED_TO_LOAD("jwk-remote-failed-to-load"),
    /** A kind of token this verifier does not accept here (for example a machine token). */
    TOKEN_TYPE_MISMATCH("token-type-mismatch"),
    /** A Clerk session that has not finished signing in ({@code sts: pending}). */
    SESSION_PENDING("session-pending"),
    /** Clerk's Backend API cannot be asked about a machine token right now (answered with 503). */
    MACHINE_TOKEN_VERIFICATION_UNAVAILABLE("machine-token-verification-unavailable"),
    /** One client address asked about too many unknown machine tokens (answered with 429). */
    MACHINE_TOKEN_RATE_LIMITED("machine-token-rate-limited");

    private final String wireName;

    AuthReason(String wireName) {
        this.wireName = wireName;
    }

    /** The reason as logs and response bodies carry it, for example {@code token-expired}. */
    public String wireName() {
        return wireName;
    }

    /** The reason with this wire name, if it is one of ours. */
    public static Optional<AuthReason> fromWireName(String wireName) {
        for (AuthReason reason : values()) {
            if (reason.wireName.equals(wireName)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
