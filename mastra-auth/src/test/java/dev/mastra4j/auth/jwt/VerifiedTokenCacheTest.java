package dev.mastra4j.auth.jwt;

import static dev.mastra4j.auth.jwt.TestTokens.claims;
import static dev.mastra4j.auth.jwt.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import dev.mastra4j.auth.AuthReason;
import dev.mastra4j.auth.AuthenticationException;
import dev.mastra4j.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    private static final RSAKey KEY = TestTokens.rsaKey("kid-cache");
    private static final String ISSUER = "https://issuer.example";

    private final AtomicInteger fullVerifications = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.now());

    private JwtVerifier verifier(Duration skew) throws JOSEException {
        return JwtVerifier.builder()
                .keySource(JwtKeySource.rsaPublicKey(KEY.toRSAPublicKey()))
                .clock(clock)
                // Counts how often the claim stage runs, i.e. how many tokens were fully verified.
                .claimValidator((claims, now) -> fullVerifications.incrementAndGet())
                .claimValidator(ClaimValidator.expiry(skew))
                .claimValidator(ClaimValidator.notBefore(skew))
                .build();
    }

    @Test
    void aRepeatedTokenIsVerifiedOnce() throws Exception {
        VerifiedTokenCache<String> cache = new VerifiedTokenCache<>(100);
        JwtVerifier verifier = verifier(Duration.ofSeconds(5));
        String token = sign(KEY, claims(ISSUER));

        for (int i = 0; i < 100; i++) {
            assertThat(cache.get(token, verifier, jwt -> jwt.claims().subject()))
                    .isEqualTo("user_1");
        }
        assertThat(fullVerifications).hasValue(1);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void anEntryNeverOutlivesExpAndTheExpiredTokenGetsTheRealReason() throws Exception {
        VerifiedTokenCache<String> cache = new VerifiedTokenCache<>(100);
        JwtVerifier verifier = verifier(Duration.ZERO);
        long exp = clock.instant().getEpochSecond() + 30;
        Map<String, Object> claims = claims(ISSUER);
        claims.put("exp", exp);
        claims.put("nbf", clock.instant().getEpochSecond() - 10);
        String token = sign(KEY, claims);

        cache.get(token, verifier, jwt -> "ok");
        clock.set(Instant.ofEpochSecond(exp).minusMillis(1));
        assertThat(cache.get(token, verifier, jwt -> "ok")).isEqualTo("ok");
        assertThat(fullVerifications).hasValue(1);

        clock.set(Instant.ofEpochSecond(exp));
        assertThatThrownBy(() -> cache.get(token, verifier, jwt -> "ok"))
                .isInstanceOfSatisfying(
                        AuthenticationException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthReason.TOKEN_EXPIRED.wireName()));
        assertThat(fullVerifications).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aClockGoingBackBeforeTheVerificationIsNotServedFromTheCache() throws Exception {
        VerifiedTokenCache<String> cache = new VerifiedTokenCache<>(100);
        JwtVerifier verifier = verifier(Duration.ofSeconds(5));
        Map<String, Object> claims = claims(ISSUER);
        claims.put("nbf", clock.instant().getEpochSecond());
        String token = sign(KEY, claims);
        cache.get(token, verifier, jwt -> "ok");

        clock.advance(Duration.ofMinutes(-10));
        assertThatThrownBy(() -> cache.get(token, verifier, jwt -> "ok"))
                .isInstanceOfSatisfying(
                        AuthenticationException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthReason.TOKEN_NOT_ACTIVE_YET.wireName()));
    }

    @Test
    void failuresAreNotCached() throws Exception {
        VerifiedTokenCache<String> cache = new VerifiedTokenCache<>(100);
        JwtVerifier verifier = verifier(Duration.ofSeconds(5));
        String forged = sign(TestTokens.rsaKey(), claims(ISSUER));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.get(forged, verifier, jwt -> "ok"))
                    .isInstanceOf(AuthenticationException.class);
        }
        assertThat(cache.size()).isZero();
    }

    @Test
    void staysWithinItsBound() throws Exception {
        VerifiedTokenCache<String> cache = new VerifiedTokenCache<>(50);
        JwtVerifier verifier = verifier(Duration.ofSeconds(5));
        for (int i = 0; i < 400; i++) {
            Map<String, Object> claims = claims(ISSUER);
            claims.put("sub", "user_" + i);
            String token = sign(KEY, claims);
            assertThat(cache.get(token, verifier, jwt -> jwt.claims().subject()))
                    .isEqualTo("user_" + i);
            assertThat(cache.size()).isLessThanOrEqualTo(50);
        }
    }

    @Test
    void aTokenInSteadyUseStaysCachedWhileOneOffTokensChurnThrough() throws Exception {
        VerifiedTokenCache<String> cache = new VerifiedTokenCache<>(50);
        JwtVerifier verifier = verifier(Duration.ofSeconds(5));
        Map<String, Object> hotClaims = claims(ISSUER);
        hotClaims.put("sub", "user_hot");
        String hot = sign(KEY, hotClaims);
        AtomicInteger hotVerifications = new AtomicInteger();
        Function<VerifiedJwt, String> mapper = jwt -> {
            if (jwt.claims().subject().equals("user_hot")) {
                hotVerifications.incrementAndGet();
            }
            return jwt.claims().subject();
        };
        for (int i = 0; i < 20; i++) {
            assertThat(cache.get(hot, verifier, mapper)).isEqualTo("user_hot");
        }
        for (int i = 0; i < 400; i++) {
            Map<String, Object> claims = claims(ISSUER);
            claims.put("sub", "user_" + i);
            assertThat(cache.get(sign(KEY, claims), verifier, mapper)).isEqualTo("user_" + i);
            assertThat(cache.get(hot, verifier, mapper)).isEqualTo("user_hot");
            assertThat(cache.size()).isLessThanOrEqualTo(50);
        }
        assertThat(hotVerifications).hasValue(1);
    }

    @Test
    void sizeZeroTurnsCachingOff() throws Exception {
        VerifiedTokenCache<String> cache = new VerifiedTokenCache<>(0);
        JwtVerifier verifier = verifier(Duration.ofSeconds(5));
        String token = sign(KEY, claims(ISSUER));
        cache.get(token, verifier, jwt -> "ok");
        cache.get(token, verifier, jwt -> "ok");
        assertThat(fullVerifications).hasValue(2);
    }

    @Test
    void digestsIdentifyTokensWithoutHoldingThem() {
        String a = sign(KEY, claims(ISSUER));
        String b = a.substring(0, a.length() - 1) + (a.endsWith("A") ? "B" : "A");
        assertThat(TokenDigest.of(a)).isEqualTo(TokenDigest.of(new String(a.toCharArray())));
        assertThat(TokenDigest.of(a)).isNotEqualTo(TokenDigest.of(b));
        assertThat(TokenDigest.of(a).toString()).doesNotContain(a.substring(0, 20));
    }
}
