package dev.mastra4j.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.auth.AuthReason;
import dev.mastra4j.auth.AuthenticationException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimValidatorTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final long NOW_S = NOW.getEpochSecond();
    private static final Duration SKEW = Duration.ofSeconds(5);

    @Test
    void subjectMustBeANonEmptyString() {
        ClaimValidator v = ClaimValidator.subject();
        passes(v, Map.of("sub", "user_1"));
        fails(v, Map.of(), AuthReason.TOKEN_VERIFICATION_FAILED.wireName());
        fails(v, Map.of("sub", ""), AuthReason.TOKEN_VERIFICATION_FAILED.wireName());
        fails(v, Map.of("sub", 42L), AuthReason.TOKEN_VERIFICATION_FAILED.wireName());
    }

    @Test
    void aBlankSubjectIsRefused() {
        ClaimValidator v = ClaimValidator.subject();
        for (String blank : List.of(" ", "   ", "\t", "\n", " \u2003 ")) {
            fails(v, Map.of("sub", blank), AuthReason.TOKEN_VERIFICATION_FAILED.wireName());
        }
        passes(v, Map.of("sub", " user_1 "));
    }

    @Test
    void aSubjectWithAnUnpairedSurrogateIsRefused() {
        ClaimValidator v = ClaimValidator.subject();
        for (String broken : List.of("user_\uD800", "\uDC00user", "us\uD83Der", "user_\uDE00\uD83D", "\uD800")) {
            fails(v, Map.of("sub", broken), AuthReason.TOKEN_VERIFICATION_FAILED.wireName());
        }
        passes(v, Map.of("sub", "user_\uD83D\uDE00"));
        passes(v, Map.of("sub", "usér_ü"));
    }

    @Test
    void anExpiryBeyondTheYear9999OrBeforeTheEpochIsRefused() {
        ClaimValidator v = ClaimValidator.expiry(SKEW);
        passes(v, Map.of("exp", JwtClaims.MAX_NUMERIC_DATE));
        passes(v, Map.of("exp", (double) JwtClaims.MAX_NUMERIC_DATE));
        for (Object outOfRange : List.<Object>of(
                1e308,
                Double.MAX_VALUE,
                JwtClaims.MAX_NUMERIC_DATE + 1,
                Long.MAX_VALUE,
                new BigInteger("99999999999999999999999"),
                new BigInteger("-99999999999999999999999"),
                -1L,
                -0.5,
                Long.MIN_VALUE)) {
            fails(v, Map.of("exp", outOfRange), AuthReason.TOKEN_VERIFICATION_FAILED.wireName());
        }
        // nbf and iat are read the same way.
        fails(ClaimValidator.notBefore(SKEW), Map.of("nbf", 1e308), AuthReason.TOKEN_VERIFICATION_FAILED.wireName());
        fails(ClaimValidator.issuedAt(SKEW), Map.of("iat", -1L), AuthReason.TOKEN_VERIFICATION_FAILED.wireName());
    }

    @Test
    void expiryIsRequiredAndTheEdgeIsExclusive() {
        ClaimValidator zeroSkew = ClaimValidator.expiry(Duration.ZERO);
        fails(zeroSkew, Map.of("exp", NOW_S), AuthReason.TOKEN_EXPIRED.wireName());
        passes(zeroSkew, Map.of("exp", NOW_S + 1));
        fails(zeroSkew, Map.of(), AuthReason.TOKEN_VERIFICATION_FAILED.wireName());
        fails(zeroSkew, Map.of("exp", "tomorrow"), AuthReason.TOKEN_VERIFICATION_FAILED.wireName());

        ClaimValidator skewed = ClaimValidator.expiry(SKEW);
        passes(skewed, Map.of("exp", NOW_S - 4));
        fails(skewed, Map.of("exp", NOW_S - 5), AuthReason.TOKEN_EXPIRED.wireName());
        fails(skewed, Map.of("exp", NOW_S - 6), AuthReason.TOKEN_EXPIRED.wireName());
        passes(skewed, Map.of("exp", (double) NOW_S + 0.5));
        fails(skewed, Map.of("exp", 0L), AuthReason.TOKEN_EXPIRED.wireName());
    }

    @Test
    void notBeforeIsOptionalAndSkewed() {
        ClaimValidator v = ClaimValidator.notBefore(SKEW);
        passes(v, Map.of());
        passes(v, Map.of("nbf", NOW_S + 5));
        fails(v, Map.of("nbf", NOW_S + 6), AuthReason.TOKEN_NOT_ACTIVE_YET.wireName());
        fails(v, Map.of("nbf", true), AuthReason.TOKEN_VERIFICATION_FAILED.wireName());
        Map<String, Object> explicitNull = new HashMap<>();
        explicitNull.put("nbf", null);
        fails(v, explicitNull, AuthReason.TOKEN_VERIFICATION_FAILED.wireName());
    }

    @Test
    void issuedAtMustNotBeInTheFuture() {
        ClaimValidator v = ClaimValidator.issuedAt(SKEW);
        passes(v, Map.of());
        passes(v, Map.of("iat", NOW_S + 5));
        fails(v, Map.of("iat", NOW_S + 6), AuthReason.TOKEN_IAT_IN_THE_FUTURE.wireName());
    }

    @Test
    void audienceIsCheckedOnlyWhenConfiguredAndPresent() {
        ClaimValidator none = ClaimValidator.audience(List.of());
        passes(none, Map.of("aud", "anything"));

        ClaimValidator v = ClaimValidator.audience(List.of("api-1", "api-2"));
        passes(v, Map.of());
        passes(v, Map.of("aud", "api-2"));
        passes(v, Map.of("aud", List.of("other", "api-1")));
        passes(v, Map.of("aud", List.of()));
        fails(v, Map.of("aud", "other"), AuthReason.TOKEN_VERIFICATION_FAILED.wireName());
        fails(v, Map.of("aud", List.of("x", "y")), AuthReason.TOKEN_VERIFICATION_FAILED.wireName());
        fails(v, Map.of("aud", 5L), AuthReason.TOKEN_VERIFICATION_FAILED.wireName());
        fails(v, Map.of("aud", List.of("api-1", 5L)), AuthReason.TOKEN_VERIFICATION_FAILED.wireName());
    }

    @Test
    void authorizedPartiesRequireAnExactAzpWhenConfigured() {
        passes(ClaimValidator.authorizedParties(List.of()), Map.of());
        ClaimValidator v = ClaimValidator.authorizedParties(List.of("https://app.example"));
        passes(v, Map.of("azp", "https://app.example"));
        fails(v, Map.of(), AuthReason.TOKEN_INVALID_AUTHORIZED_PARTIES.wireName());
        fails(v, Map.of("azp", "https://app.example/"), AuthReason.TOKEN_INVALID_AUTHORIZED_PARTIES.wireName());
        fails(v, Map.of("azp", "https://evil.example"), AuthReason.TOKEN_INVALID_AUTHORIZED_PARTIES.wireName());
    }

    @Test
    void issuerMustMatchExactly() {
        ClaimValidator v = ClaimValidator.issuer("https://a.example");
        passes(v, Map.of("iss", "https://a.example"));
        fails(v, Map.of(), AuthReason.TOKEN_INVALID_ISSUER.wireName());
        fails(v, Map.of("iss", "https://a.example/"), AuthReason.TOKEN_INVALID_ISSUER.wireName());
        fails(v, Map.of("iss", "https://b.example"), AuthReason.TOKEN_INVALID_ISSUER.wireName());
    }

    private static void passes(ClaimValidator v, Map<String, Object> claims) {
        assertThatCode(() -> v.validate(new JwtClaims(claims), NOW)).doesNotThrowAnyException();
    }

    private static void fails(ClaimValidator v, Map<String, Object> claims, String reason) {
        assertThatThrownBy(() -> v.validate(new JwtClaims(claims), NOW))
                .isInstanceOfSatisfying(
                        AuthenticationException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
