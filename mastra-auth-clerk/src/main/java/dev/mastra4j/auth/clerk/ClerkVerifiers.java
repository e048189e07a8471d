package dev.mastra4j.auth.clerk;

import dev.mastra4j.auth.AuthReason;
import dev.mastra4j.auth.AuthenticationException;
import dev.mastra4j.auth.jwt.ClaimValidator;
import dev.mastra4j.auth.jwt.HeaderValidator;
import dev.mastra4j.auth.jwt.JwtClaims;
import dev.mastra4j.auth.jwt.JwtKeySource;
import dev.mastra4j.auth.jwt.JwtVerifier;
import java.net.URI;
import java.time.Instant;
import java.util.Set;

/**
 * Builds the JWT verifiers of {@link MastraAuthClerk}: the strict session-token verifier (the check order and reasons
 * of Clerk's SDK, plus issuer, authorized-party and duplicate-key checks it lacks; see docs/AUTH.md) with its key
 * source, and the verifier of JWT-form machine tokens, which shares the session keys.
 */
final class ClerkVerifiers {

    private ClerkVerifiers() {}

    /** Keys from {@code jwtKey} (no network), else {@code jwksUri}, else the Backend API JWKS with the secret key. */
    static JwtVerifier session(ClerkSettings settings, ClerkOptions options) {
        return JwtVerifier.builder()
                .keySource(keySource(settings, options))
                .clock(options.clock())
                // As Clerk's SDKs: no category (tokens minted before categories), the session one, or the neutral one.
                // JWT-template ("cl_B7d4PD222AAA"), M2M and any other category are not session tokens.
                .headerValidator(HeaderValidator.absentOrOneOf(
                        "cat", Set.of(TokenType.SESSION_JWT_CATEGORY, TokenType.IGNORED_JWT_CATEGORY)))
                .claimValidator(ClaimValidator.subject())
                .claimValidator(ClerkVerifiers::subjectMustBeAPerson)
                .claimValidator(ClaimValidator.audience(options.audiences()))
                .claimValidator(ClaimValidator.authorizedParties(settings.authorizedParties()))
                .claimValidator(ClaimValidator.expiry(options.clockSkew()))
                .claimValidator(ClaimValidator.notBefore(options.clockSkew()))
                .claimValidator(ClaimValidator.issuedAt(options.clockSkew()))
                .claimValidator(ClaimValidator.issuer(settings.issuer()))
                .claimValidator(ClerkVerifiers::sessionMustBeComplete)
                .build();
    }

    /**
     * JWT-form M2M and OAuth tokens, with the session keys so that there is no second JWKS cache; no audience or
     * {@code azp} check: an M2M JWT's {@code aud} lists the machines it may call and an OAuth token's {@code azp} is
     * its client.
     */
    static JwtVerifier machineJwts(JwtKeySource sessionKeys, ClerkSettings settings, ClerkOptions options) {
        return JwtVerifier.builder()
                .keySource(sessionKeys)
                .clock(options.clock())
                .types("JWT", "at+jwt", "application/at+jwt")
                .claimValidator(ClaimValidator.subject())
                .claimValidator(ClaimValidator.expiry(options.clockSkew()))
                .claimValidator(ClaimValidator.notBefore(options.clockSkew()))
                .claimValidator(ClaimValidator.issuedAt(options.clockSkew()))
                .claimValidator(ClaimValidator.issuer(settings.issuer()))
                .build();
    }

    private static JwtKeySource keySource(ClerkSettings settings, ClerkOptions options) {
        if (settings.jwtKey() != null) {
            return JwtKeySource.pem(settings.jwtKey());
        }
        if (settings.jwksUri() != null) {
            return JwtKeySource.jwks(settings.jwksUri())
                    .refetchInterval(options.jwksRefetchInterval())
                    .clock(options.clock())
                    .build();
        }
        return JwtKeySource.jwks(URI.create(settings.apiUrl() + "/v1/jwks"))
                .bearerToken(settings.secretKey())
                .refetchInterval(options.jwksRefetchInterval())
                .clock(options.clock())
                .build();
    }

    private static void sessionMustBeComplete(JwtClaims claims, Instant now) {
        if ("pending".equals(claims.string("sts"))) {
            throw new AuthenticationException(AuthReason.SESSION_PENDING, "The session has not finished signing in");
        }
    }

    /** A correctly signed M2M JWT without Clerk's {@code cat} header is still a machine, never a session. */
    private static void subjectMustBeAPerson(JwtClaims claims, Instant now) {
        if (claims.subject() != null && claims.subject().startsWith("mch_")) {
            throw new AuthenticationException(AuthReason.TOKEN_TYPE_MISMATCH, "A machine token is not a session token");
        }
    }
}
