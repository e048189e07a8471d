package dev.mastra4j.auth.jwt;

/**
 * The machine-readable reasons a token is refused with. They are Clerk's names (see {@code @clerk/backend}'s
 * {@code TokenVerificationErrorReason}), so logs and 401 bodies read the same as Clerk's own.
 */
public final class Reasons {

    /** Not a well-formed JWT: parts, base64url, JSON, duplicate keys, size, {@code typ}, missing {@code kid}. */
    public static final String TOKEN_INVALID = "token-invalid";
    /** {@code alg} outside the allow-list, or not matching the key. */
    public static final String TOKEN_INVALID_ALGORITHM = "token-invalid-algorithm";
    public static final String TOKEN_INVALID_SIGNATURE = "token-invalid-signature";
    /** A required claim is missing or has the wrong type, or {@code aud} does not match. */
    public static final String TOKEN_VERIFICATION_FAILED = "token-verification-failed";
    public static final String TOKEN_INVALID_AUTHORIZED_PARTIES = "token-invalid-authorized-parties";
    public static final String TOKEN_EXPIRED = "token-expired";
    public static final String TOKEN_NOT_ACTIVE_YET = "token-not-active-yet";
    public static final String TOKEN_IAT_IN_THE_FUTURE = "token-iat-in-the-future";
    public static final String TOKEN_INVALID_ISSUER = "token-invalid-issuer";
    /** No published key has the token's {@code kid}, also not after the refetch the request waited for. */
    public static final String JWK_KID_MISMATCH = "jwk-kid-mismatch";
    /** The key set could not be loaded and no usable cached copy exists (answered with 503). */
    public static final String JWK_REMOTE_FAILED_TO_LOAD = "jwk-remote-failed-to-load";
    /** A kind of token this verifier does not accept here (for example a machine token). */
    public static final String TOKEN_TYPE_MISMATCH = "token-type-mismatch";

    private Reasons() {
    }
}
