package dev.mastra4j.auth.jwt;

/** A token whose decoding, key, algorithm, signature and claims all passed. */
public record VerifiedJwt(JwtHeader header, JwtClaims claims) {

    /** {@code exp} in epoch milliseconds, or {@code Long.MAX_VALUE} when the verifier did not require one. */
    public long expiresAtMillis() {
        try {
            long exp = claims.epochMillis("exp");
            return exp == JwtClaims.ABSENT ? Long.MAX_VALUE : exp;
        } catch (IllegalArgumentException e) {
            return Long.MAX_VALUE;
        }
    }
}
