package dev.mastra4j.testing;

/**
 * What the issuer's JWKS endpoints answer with, to test a verifier against a misbehaving key server.
 * Set with {@link LocalClerkIssuer#serve(JwksResponse)}; {@link LocalClerkIssuer#pause()} (503) is separate.
 */
public enum JwksResponse {
    /** The published RSA signing keys, as Clerk serves them. */
    NORMAL,
    /** {@code 200 text/html}: a captive portal or proxy error page instead of JSON. */
    GARBAGE_HTML,
    /** A 10 MB body, to check that a client caps what it reads. */
    HUGE_BODY,
    /** Well-formed JSON whose keys carry the published kids but are EC P-256 keys, so no RSA key is usable. */
    WRONG_KEY_TYPES,
    /** The published RSA keys marked {@code "use": "enc"}, which must not be used to verify signatures. */
    ENCRYPTION_KEYS,
    /** {@code {"keys": []}}. */
    EMPTY
}
