package dev.mastra4j.auth.jwt;

import static dev.mastra4j.auth.jwt.TestTokens.claims;
import static dev.mastra4j.auth.jwt.TestTokens.sign;
import static dev.mastra4j.auth.jwt.TestTokens.tokenWithKid;
import static dev.mastra4j.auth.jwt.TestTokens.verifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import dev.mastra4j.auth.AuthReason;
import dev.mastra4j.auth.AuthenticationException;
import dev.mastra4j.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JwksKeySourceTest {

    private static final String ISSUER = "https://issuer.example";
    private static final RSAKey KEY = TestTokens.rsaKey("kid-1");

    private JwksServer server;

    @BeforeEach
    void start() throws Exception {
        server = new JwksServer(KEY);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aThousandVerificationsCostExactlyOneFetch() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tokens.add(sign(KEY, claims(ISSUER)));
        }
        try (JwtVerifier verifier = verifier(JwtKeySource.jwks(server.uri()).build())) {
            for (int i = 0; i < 1000; i++) {
                verifier.verify(tokens.get(i % tokens.size()));
            }
        }
        assertThat(server.fetches()).isEqualTo(1);
    }

    @Test
    void warmUpFetchesTheKeysOnceWithoutUsingTheUnknownKidRefetch() {
        try (JwtVerifier verifier = verifier(JwtKeySource.jwks(server.uri()).build())) {
            verifier.warmUp();
            assertThat(server.fetches()).isEqualTo(1);
            verifier.verify(sign(KEY, claims(ISSUER)));
            // A rotated key right after start still gets its refetch: the warm-up named a published kid.
            assertThatThrownBy(() -> verifier.verify(tokenWithKid("kid-rotated")))
                    .isInstanceOf(dev.mastra4j.auth.AuthenticationException.class);
            assertThat(server.fetches()).isEqualTo(2);
        }
    }

    @Test
    void warmUpNeverThrowsWhenTheJwksIsUnreachable() {
        java.net.URI nowhere = server.uri();
        server.close();
        try (JwtVerifier verifier = verifier(JwtKeySource.jwks(nowhere)
                .timeouts(Duration.ofMillis(200), Duration.ofMillis(200))
                .build())) {
            verifier.warmUp();
            assertThatThrownBy(() -> verifier.verify(sign(KEY, claims(ISSUER))))
                    .isInstanceOfSatisfying(
                            dev.mastra4j.auth.AuthenticationException.class,
                            e -> assertThat(e.status()).isEqualTo(503));
        }
    }

    @Test
    void theRefetchWindowReopensAfterItsInterval() throws Exception {
        Duration interval = Duration.ofMillis(200);
        long started = System.nanoTime();
        try (JwtVerifier verifier = verifier(
                JwtKeySource.jwks(server.uri()).refetchInterval(interval).build())) {
            verifier.verify(sign(KEY, claims(ISSUER)));
            while (System.nanoTime() - started < Duration.ofMillis(1000).toNanos()) {
                String token = tokenWithKid("kid-" + UUID.randomUUID());
                assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(AuthenticationException.class);
            }
        }
        long windows = Duration.ofNanos(System.nanoTime() - started).toMillis() / interval.toMillis() + 1;
        assertThat(server.fetches()).isBetween(3, (int) (1 + windows));
    }

    @Test
    void aRotatedKeyIsAcceptedAfterOneRefetch() {
        try (JwtVerifier verifier = verifier(JwtKeySource.jwks(server.uri()).build())) {
            verifier.verify(sign(KEY, claims(ISSUER)));
            RSAKey next = TestTokens.rsaKey("kid-2");
            server.keys(next, KEY);

            assertThat(verifier.verify(sign(next, claims(ISSUER))).header().keyId())
                    .isEqualTo("kid-2");
            assertThat(verifier.verify(sign(next, claims(ISSUER))).header().keyId())
                    .isEqualTo("kid-2");
            assertThat(verifier.verify(sign(KEY, claims(ISSUER))).header().keyId())
                    .isEqualTo("kid-1");
        }
        assertThat(server.fetches()).isEqualTo(2);
    }

    @Test
    void concurrentTokensWithANewKidShareOneRefetchAndAllPass() throws Exception {
        try (JwtVerifier verifier = verifier(JwtKeySource.jwks(server.uri()).build());
                ExecutorService pool = Executors.newFixedThreadPool(16)) {
            verifier.verify(sign(KEY, claims(ISSUER)));
            RSAKey next = TestTokens.rsaKey("kid-2");
            server.keys(next, KEY);
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                tokens.add(sign(next, claims(ISSUER)));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (String token : tokens) {
                results.add(pool.submit(() -> {
                    go.await();
                    return verifier.verify(token).header().keyId();
                }));
            }
            go.countDown();
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo("kid-2");
            }
        }
        assertThat(server.fetches()).isEqualTo(2);
    }

    @Test
    void keysPastTheirTimeToLiveAreRefreshedBeforeUseAtOnceAndServedAsTheyAreDuringAnOutage() {
        MutableClock clock = new MutableClock(java.time.Instant.now());
        RSAKey next = TestTokens.rsaKey("kid-2");
        try (JwtVerifier verifier = JwtVerifier.builder()
                .keySource(JwtKeySource.jwks(server.uri())
                        .clock(clock)
                        .refetchInterval(Duration.ofSeconds(30))
                        .build())
                .build()) {
            verifier.verify(sign(KEY, claims(ISSUER)));
            server.keys(next);
            clock.advance(Duration.ofMinutes(6));
            long started = System.nanoTime();
            // The expired set is refetched for this request, without waiting out the 30 s refetch interval.
            assertThatThrownBy(() -> verifier.verify(sign(KEY, claims(ISSUER))))
                    .isInstanceOfSatisfying(
                            AuthenticationException.class,
                            e -> assertThat(e.reason()).isEqualTo(AuthReason.JWK_KID_MISMATCH.wireName()));
            assertThat(verifier.verify(sign(next, claims(ISSUER))).header().keyId())
                    .isEqualTo("kid-2");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(server.fetches()).isEqualTo(2);

            // Expired again, with the endpoint down: one failed refresh, then the keys held are used as they are.
            server.mode(JwksServer.Mode.UNAVAILABLE);
            clock.advance(Duration.ofMinutes(6));
            for (int i = 0; i < 20; i++) {
                assertThat(verifier.verify(sign(next, claims(ISSUER))).header().keyId())
                        .isEqualTo("kid-2");
            }
            assertThat(server.fetches()).isEqualTo(3);
        }
    }

    @Test
    void anOutageKeepsTheLastGoodKeysAndIsLoggedOnce() throws Exception {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (JwtVerifier verifier = verifier(JwtKeySource.jwks(server.uri())
                .cacheTimeToLive(Duration.ofMillis(400))
                .refetchInterval(Duration.ofMillis(200))
                .build())) {
            verifier.verify(sign(KEY, claims(ISSUER)));
            server.mode(JwksServer.Mode.UNAVAILABLE);
            int before = server.fetches();
            // Well past the TTL, with several failed refreshes in between, the cached keys still verify.
            waitFor(() -> {
                assertThatCode(() -> verifier.verify(sign(KEY, claims(ISSUER)))).doesNotThrowAnyException();
                return server.fetches() >= before + 3;
            });
            String log = captured.toString(StandardCharsets.UTF_8);
            assertThat(count(log, "Cannot fetch the JWKS at " + server.uri())).isEqualTo(1);

            server.mode(JwksServer.Mode.NORMAL);
            waitFor(() -> {
                verifier.verify(sign(KEY, claims(ISSUER)));
                return captured.toString(StandardCharsets.UTF_8).contains("reachable again");
            });
            server.mode(JwksServer.Mode.UNAVAILABLE);
            waitFor(() -> {
                verifier.verify(sign(KEY, claims(ISSUER)));
                return count(captured.toString(StandardCharsets.UTF_8), "Cannot fetch the JWKS at") == 2;
            });
        } finally {
            System.setErr(originalErr);
        }
    }

    @Test
    void withoutAnyGoodKeysAFailingEndpointIsUnavailableNotUnauthorized() {
        for (JwksServer.Mode mode : List.of(
                JwksServer.Mode.UNAVAILABLE, JwksServer.Mode.HTML, JwksServer.Mode.HUGE, JwksServer.Mode.REDIRECT)) {
            server.mode(mode);
            try (JwtVerifier verifier = verifier(JwtKeySource.jwks(server.uri()).build())) {
                assertThatThrownBy(() -> verifier.verify(sign(KEY, claims(ISSUER))))
                        .as(mode.name())
                        .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                            assertThat(e.reason()).isEqualTo(AuthReason.JWK_REMOTE_FAILED_TO_LOAD.wireName());
                            assertThat(e.status()).isEqualTo(503);
                        });
            }
        }
    }

    @Test
    void anEmptyKeySetKnowsNoKid() {
        server.keys();
        try (JwtVerifier verifier = verifier(JwtKeySource.jwks(server.uri()).build())) {
            assertThatThrownBy(() -> verifier.verify(sign(KEY, claims(ISSUER))))
                    .isInstanceOfSatisfying(
                            AuthenticationException.class,
                            e -> assertThat(e.reason()).isEqualTo(AuthReason.JWK_KID_MISMATCH.wireName()));
        }
    }

    @Test
    void sendsTheBearerTokenWhenConfigured() {
        try (JwtVerifier verifier = verifier(JwtKeySource.jwks(server.uri())
                        .bearerToken("sk_test_abc")
                        .build());
                JwtVerifier anonymous = verifier(JwtKeySource.jwks(server.uri()).build())) {
            verifier.verify(sign(KEY, claims(ISSUER)));
            anonymous.verify(sign(KEY, claims(ISSUER)));
        }
        assertThat(server.authorizations()).containsExactly("Bearer sk_test_abc", "");
    }

    @Test
    void acceptsOnlyHttpsOrLoopbackUrls() {
        for (String bad : List.of(
                "http://example.com/jwks",
                "http://10.0.0.1/jwks",
                "ftp://127.0.0.1/jwks",
                "http://user:pw@127.0.0.1/jwks",
                "file:///etc/jwks.json")) {
            assertThatThrownBy(() -> JwtKeySource.jwks(URI.create(bad)).build())
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> JwtKeySource.jwks(URI.create("http://example.com/jwks")))
                .hasMessageContaining("https")
                .hasMessageContaining("loopback");
        for (String good : List.of(
                "https://example.com/.well-known/jwks.json",
                "http://127.0.0.1:1/jwks",
                "http://localhost:8080/jwks",
                "http://[::1]:8080/jwks")) {
            JwtKeySource.jwks(URI.create(good)).build().close();
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 20 s");
            }
            Thread.sleep(50);
        }
    }
}
