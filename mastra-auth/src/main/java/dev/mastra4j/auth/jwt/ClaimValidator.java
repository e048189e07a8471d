package dev.mastra4j.auth.jwt;

import dev.mastra4j.auth.AuthReason;
import dev.mastra4j.auth.AuthenticationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One check on the payload of a token whose signature is already verified. A failure throws
 * {@link AuthenticationException} with the reason from {@link AuthReason}. The factories below are the checks
 * Clerk's SDK makes, with its edge semantics; a {@link JwtVerifier} runs them in the order they were added.
 */
@FunctionalInterface
public interface ClaimValidator {

    void validate(JwtClaims claims, Instant now) throws AuthenticationException;

    /**
     * {@code sub} must be a string that is not blank (whitespace only) and holds no unpaired UTF-16 surrogate (JSON
     * can spell one as {@code "\ud800"}; no user id contains one, and it cannot be written back out as UTF-8).
     */
    static ClaimValidator subject() {
        return (claims, now) -> {
            String sub = claims.subject();
            if (sub == null || sub.isBlank()) {
                throw fail(AuthReason.TOKEN_VERIFICATION_FAILED, "Token subject (sub) is missing or blank");
            }
            if (hasUnpairedSurrogate(sub)) {
                throw fail(AuthReason.TOKEN_VERIFICATION_FAILED, "Token subject (sub) is not valid Unicode text");
            }
        };
    }

    /**
     * When {@code audiences} is non-empty and the token has an {@code aud} (string or array of strings), at least
     * one must be in {@code audiences}. A token without {@code aud} passes, as in Clerk's SDK.
     */
    static ClaimValidator audience(Collection<String> audiences) {
        Set<String> allowed = Set.copyOf(audiences);
        if (allowed.isEmpty()) {
            return (claims, now) -> {};
        }
        return (claims, now) -> {
            Object aud = claims.asMap().get("aud");
            if (aud == null) {
                return;
            }
            if (aud instanceof String single) {
                if (!allowed.contains(single)) {
                    throw fail(AuthReason.TOKEN_VERIFICATION_FAILED, "Token audience (aud) is not accepted");
                }
                return;
            }
            if (!(aud instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
                throw fail(
                        AuthReason.TOKEN_VERIFICATION_FAILED,
                        "Token audience (aud) must be a string or an array of strings");
            }
            if (!list.isEmpty() && list.stream().noneMatch(allowed::contains)) {
                throw fail(AuthReason.TOKEN_VERIFICATION_FAILED, "Token audience (aud) is not accepted");
            }
        };
    }

    /** When {@code parties} is non-empty, {@code azp} must be present and exactly one of them. */
    static ClaimValidator authorizedParties(Collection<String> parties) {
        Set<String> allowed = Set.copyOf(parties);
        if (allowed.isEmpty()) {
            return (claims, now) -> {};
        }
        return (claims, now) -> {
            String azp = claims.string("azp");
            if (azp == null || !allowed.contains(azp)) {
                throw fail(AuthReason.TOKEN_INVALID_AUTHORIZED_PARTIES, "Token authorized party (azp) is not accepted");
            }
        };
    }

    /**
     * {@code exp} is required, a NumericDate no later than {@value JwtClaims#MAX_NUMERIC_DATE} (9999-12-31T23:59:59Z);
     * the token is expired once {@code exp*1000 <= now - skew}.
     */
    static ClaimValidator expiry(Duration skew) {
        long skewMillis = skew.toMillis();
        return (claims, now) -> {
            long exp = numericDate(claims, "exp");
            if (exp == JwtClaims.ABSENT) {
                throw fail(AuthReason.TOKEN_VERIFICATION_FAILED, "Token expiry (exp) is missing");
            }
            if (exp <= now.toEpochMilli() - skewMillis) {
                throw fail(AuthReason.TOKEN_EXPIRED, "Token has expired");
            }
        };
    }

    /** {@code nbf} is optional; the token is not active yet while {@code nbf*1000 > now + skew}. */
    static ClaimValidator notBefore(Duration skew) {
        long skewMillis = skew.toMillis();
        return (claims, now) -> {
            long nbf = numericDate(claims, "nbf");
            if (nbf != JwtClaims.ABSENT && nbf > now.toEpochMilli() + skewMillis) {
                throw fail(AuthReason.TOKEN_NOT_ACTIVE_YET, "Token is not active yet");
            }
        };
    }

    /** {@code iat} is optional; it must not lie beyond {@code now + skew}. */
    static ClaimValidator issuedAt(Duration skew) {
        long skewMillis = skew.toMillis();
        return (claims, now) -> {
            long iat = numericDate(claims, "iat");
            if (iat != JwtClaims.ABSENT && iat > now.toEpochMilli() + skewMillis) {
                throw fail(AuthReason.TOKEN_IAT_IN_THE_FUTURE, "Token was issued in the future");
            }
        };
    }

    /** {@code iss} must equal {@code expected} exactly. */
    static ClaimValidator issuer(String expected) {
        Objects.requireNonNull(expected, "expected");
        return (claims, now) -> {
            if (!expected.equals(claims.issuer())) {
                throw fail(AuthReason.TOKEN_INVALID_ISSUER, "Token issuer (iss) is not accepted");
            }
        };
    }

    private static long numericDate(JwtClaims claims, String name) {
        try {
            return claims.epochMillis(name);
        } catch (IllegalArgumentException e) {
            throw fail(
                    AuthReason.TOKEN_VERIFICATION_FAILED,
                    "Token claim " + name + " must be a number of seconds between 1970 and the year 9999");
        }
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static AuthenticationException fail(AuthReason reason, String message) {
        return new AuthenticationException(reason, message);
    }
}
