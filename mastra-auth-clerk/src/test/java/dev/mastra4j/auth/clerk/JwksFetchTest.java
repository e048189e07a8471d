package dev.mastra4j.auth.clerk;

import static dev.mastra4j.auth.clerk.SessionTokenVerificationTest.assertReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.auth.AuthRequest;
import dev.mastra4j.auth.AuthenticationException;
import dev.mastra4j.auth.TestRequest;
import dev.mastra4j.testing.BadToken;
import dev.mastra4j.testing.LocalClerkBackendApi;
import dev.mastra4j.testing.LocalClerkIssuer;
import dev.mastra4j.testing.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How often keys are fetched: once per rotation in steady state, never per request, bounded under attack. */
class JwksFetchTest {

    private static final AuthRequest REQUEST = TestRequest.get("/api/agents");

    private LocalClerkIssuer issuer;

    @BeforeEach
    void start() {
        issuer = LocalClerkIssuer.start();
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    private MastraAuthClerk.Builder clerk() {
        return MastraAuthClerk.builder()
                .env(Map.of())
                .dotenvDirectory(Path.of("target", "no-dotenv"))
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .jwksUri(issuer.jwksUri().toString());
    }

    @Test
    void aThousandVerificationsFetchTheKeysOnce() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tokens.add(issuer.token("user_" + i));
        }
        // No verified-token cache: every one of the thousand is a full signature check.
        try (MastraAuthClerk clerk = clerk().verifiedTokenCacheSize(0).build()) {
            for (int i = 0; i < 1000; i++) {
                assertThat(clerk.authenticateToken(tokens.get(i % tokens.size()), REQUEST)
                                .subject())
                        .isEqualTo("user_" + (i % tokens.size()));
            }
        }
        assertThat(issuer.jwksFetchCount()).isEqualTo(1);
    }

    @Test
    void constructionFetchesNothing() {
        try (MastraAuthClerk clerk = clerk().build()) {
            assertThat(clerk.issuer()).isEqualTo(issuer.issuer());
        }
        assertThat(issuer.jwksFetchCount()).isZero();
    }

    @Test
    void aFloodOfRandomKidsCostsAtMostOneFetchPerInterval() throws Exception {
        Duration interval = Duration.ofMillis(300);
        List<String> flood = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            flood.add(issuer.badToken(BadToken.UNKNOWN_KID));
        }
        long elapsed;
        try (MastraAuthClerk clerk = clerk().jwksRefetchInterval(interval).build();
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            clerk.authenticateToken(issuer.token(), REQUEST);
            long started = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (String token : flood) {
                done.add(threads.submit(() -> assertReason(clerk, token, "jwk-kid-mismatch")));
            }
            for (Future<?> f : done) {
                f.get();
            }
            elapsed = System.nanoTime() - started;
        }
        // The initial load, then at most one refetch per interval while the flood lasted.
        assertThat(issuer.jwksFetchCount()).isGreaterThan(1).isLessThanOrEqualTo((int)
                (2 + elapsed / interval.toNanos()));
    }

    @Test
    void theRefetchIntervalIsConfigurable() {
        Duration interval = Duration.ofMillis(250);
        long started = System.nanoTime();
        try (MastraAuthClerk clerk = clerk().jwksRefetchInterval(interval).build()) {
            clerk.authenticateToken(issuer.token(), REQUEST);
            while (System.nanoTime() - started < Duration.ofMillis(1200).toNanos()) {
                assertReason(clerk, issuer.badToken(BadToken.UNKNOWN_KID), "jwk-kid-mismatch");
            }
        }
        long windows = Duration.ofNanos(System.nanoTime() - started).toMillis() / interval.toMillis() + 1;
        assertThat(issuer.jwksFetchCount()).isBetween(3, (int) (1 + windows));
    }

    @Test
    void duringAnOutageCachedKeysKeepVerifying() {
        try (MastraAuthClerk clerk = clerk().build()) {
            clerk.authenticateToken(issuer.token(), REQUEST);
            issuer.pause();
            for (int i = 0; i < 20; i++) {
                assertThat(clerk.authenticateToken(issuer.token("user_" + i), REQUEST)
                                .subject())
                        .isEqualTo("user_" + i);
            }
            // An unknown kid forces a refetch, which fails; the keys already held stay in use.
            assertReason(clerk, issuer.badToken(BadToken.UNKNOWN_KID), "jwk-kid-mismatch");
            assertThat(clerk.authenticateToken(issuer.token("user_after"), REQUEST)
                            .subject())
                    .isEqualTo("user_after");
            issuer.resume();
        }
        assertThat(issuer.jwksFetchCount()).isEqualTo(2);
    }

    @Test
    void withNoKeysYetAnOutageIsAServiceError() {
        issuer.pause();
        try (MastraAuthClerk clerk = clerk().build()) {
            assertThatThrownBy(() -> clerk.authenticateToken(issuer.token(), REQUEST))
                    .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                        assertThat(e.reason()).isEqualTo("jwk-remote-failed-to-load");
                        assertThat(e.status()).isEqualTo(503);
                    });
        }
    }

    @Test
    void aTokenFromARotatedKeyIsAcceptedAfterOneRefetch() {
        try (MastraAuthClerk clerk = clerk().build()) {
            clerk.authenticateToken(issuer.token(), REQUEST);
            String oldKid = issuer.currentKid();
            issuer.rotateKeys();
            assertThat(issuer.currentKid()).isNotEqualTo(oldKid);

            assertThat(clerk.authenticateToken(issuer.token("user_new_key"), REQUEST)
                            .subject())
                    .isEqualTo("user_new_key");
            assertThat(clerk.authenticateToken(issuer.token("user_new_key_2"), REQUEST)
                            .subject())
                    .isEqualTo("user_new_key_2");
        }
        assertThat(issuer.jwksFetchCount()).isEqualTo(2);
    }

    @Test
    void concurrentTokensFromARotatedKeyAllPassOnOneRefetch() throws Exception {
        try (MastraAuthClerk clerk = clerk().build();
                ExecutorService pool = Executors.newFixedThreadPool(12)) {
            clerk.authenticateToken(issuer.token(), REQUEST);
            issuer.rotateKeys();
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                tokens.add(issuer.token("user_" + i));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> users = new ArrayList<>();
            for (String token : tokens) {
                users.add(pool.submit(() -> {
                    go.await();
                    return clerk.authenticateToken(token, REQUEST).subject();
                }));
            }
            go.countDown();
            for (int i = 0; i < users.size(); i++) {
                assertThat(users.get(i).get()).isEqualTo("user_" + i);
            }
        }
        assertThat(issuer.jwksFetchCount()).isEqualTo(2);
    }

    @Test
    void theBackendApiJwksNeedsTheRightSecretKey() {
        try (MastraAuthClerk clerk = MastraAuthClerk.builder()
                .env(Map.of())
                .dotenvDirectory(Path.of("target", "no-dotenv"))
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .apiUrl(issuer.apiUrl().toString())
                .build()) {
            assertThat(clerk.authenticateToken(issuer.token(), REQUEST).subject())
                    .isEqualTo("user_test");
        }
        assertThat(issuer.jwksFetchCount()).isEqualTo(1);
        try (MastraAuthClerk wrongSecret = MastraAuthClerk.builder()
                .env(Map.of())
                .dotenvDirectory(Path.of("target", "no-dotenv"))
                .publishableKey(issuer.publishableKey())
                .secretKey("sk_test_not-the-right-one")
                .apiUrl(issuer.apiUrl().toString())
                .build()) {
            assertThatThrownBy(() -> wrongSecret.authenticateToken(issuer.token(), REQUEST))
                    .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                        assertThat(e.reason()).isEqualTo("jwk-remote-failed-to-load");
                        assertThat(e.getMessage()).doesNotContain("not-the-right-one");
                    });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1", "/v1/", "//v1//", ""})
    void aClerkApiUrlWithTheVersionSegmentStillFetchesV1Jwks(String suffix) {
        try (LocalClerkBackendApi backend = LocalClerkBackendApi.forIssuer(issuer);
                MastraAuthClerk clerk = MastraAuthClerk.builder()
                        .dotenvDirectory(Path.of("target", "no-dotenv"))
                        .env(Map.of(
                                "CLERK_PUBLISHABLE_KEY",
                                issuer.publishableKey(),
                                "CLERK_SECRET_KEY",
                                issuer.secretKey(),
                                "CLERK_API_URL",
                                backend.apiUrl() + suffix))
                        .acceptsToken("session_token", "m2m_token")
                        .build()) {
            backend.addM2mToken("mt_known", "mch_robot", List.of(), Map.of());

            assertThat(clerk.authenticateToken(issuer.token(), REQUEST).subject())
                    .isEqualTo("user_test");
            assertThat(clerk.authenticateToken(
                                    "mt_known",
                                    TestRequest.get("/api/agents").header("Authorization", "Bearer mt_known"))
                            .subject())
                    .isEqualTo("mch_robot");

            assertThat(clerk.backendApi().apiUrl()).isEqualTo(backend.apiUrl());
            assertThat(backend.requests())
                    .extracting(RecordedRequest::path)
                    .containsExactly("/v1/jwks", "/v1/m2m_tokens/verify");
        }
    }

    @Test
    void aJwtKeyNeedsNoNetworkAtAll() {
        try (MastraAuthClerk clerk = clerk().jwtKey(issuer.jwtKeyPem()).build()) {
            for (int i = 0; i < 50; i++) {
                clerk.authenticateToken(issuer.token("user_" + i), REQUEST);
            }
            assertReason(clerk, issuer.badToken(BadToken.SIGNED_BY_OTHER_KEY_SAME_KID), "token-invalid-signature");
        }
        assertThat(issuer.jwksFetchCount()).isZero();
    }

    @Test
    void eachInstanceHasItsOwnKeyCache() {
        try (MastraAuthClerk first = clerk().build();
                MastraAuthClerk second = clerk().build()) {
            first.authenticateToken(issuer.token(), REQUEST);
            second.authenticateToken(issuer.token(), REQUEST);
        }
        assertThat(issuer.jwksFetchCount()).isEqualTo(2);
    }
}
