package dev.mastra4j.auth.jwt;

import static dev.mastra4j.auth.jwt.TestTokens.claims;
import static dev.mastra4j.auth.jwt.TestTokens.sign;
import static dev.mastra4j.auth.jwt.TestTokens.tokenWithKid;
import static dev.mastra4j.auth.jwt.TestTokens.verifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import dev.mastra4j.auth.AuthReason;
import dev.mastra4j.auth.AuthenticationException;
import dev.mastra4j.testing.CapturedStderr;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Unknown-kid traffic never locks out a newly published key: requests for an unknown kid wait for the next
 * permitted refetch (bounded in time and number), and the fetch rate stays bounded however many arrive, with keys
 * or without.
 */
class UnknownKidRefetchTest {

    private static final String ISSUER = "https://issuer.example";
    private static final RSAKey KEY = TestTokens.rsaKey("kid-1");
    private static final RSAKey NEXT = TestTokens.rsaKey("kid-2");
    /** Scheduling slack on a loaded two-core machine, on top of the documented bounds. */
    private static final Duration SLACK = Duration.ofMillis(1500);

    private JwksServer server;

    @BeforeEach
    void start() throws Exception {
        server = new JwksServer(KEY);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String randomKid() {
        return "kid-" + UUID.randomUUID();
    }

    private static String reasonOf(JwtVerifier verifier, String token) {
        try {
            verifier.verify(token);
            return "accepted";
        } catch (AuthenticationException e) {
            return e.reason();
        }
    }

    @Test
    void aNewKeyRightAfterAnUnknownKidIsAcceptedWithTheDefaults() {
        try (JwtVerifier verifier = verifier(JwtKeySource.jwks(server.uri()).build())) {
            verifier.verify(sign(KEY, claims(ISSUER)));
            assertThat(reasonOf(verifier, tokenWithKid(randomKid()))).isEqualTo(AuthReason.JWK_KID_MISMATCH.wireName());
            server.keys(NEXT, KEY);

            long started = System.nanoTime();
            assertThat(verifier.verify(sign(NEXT, claims(ISSUER))).header().keyId())
                    .isEqualTo("kid-2");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(((JwksKeySource) verifier.keySource()).maxWait().plus(SLACK));
        }
        assertThat(server.fetches()).isEqualTo(3);
    }

    @Test
    void aNewKeyAfterAFloodOfRandomKidsIsAccepted() throws Exception {
        try (JwtVerifier verifier = verifier(JwtKeySource.jwks(server.uri())
                        .refetchInterval(Duration.ofMillis(300))
                        .build());
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            verifier.verify(sign(KEY, claims(ISSUER)));
            List<Future<String>> flood = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                flood.add(threads.submit(() -> reasonOf(verifier, tokenWithKid(randomKid()))));
            }
            for (Future<String> reason : flood) {
                assertThat(reason.get()).isEqualTo(AuthReason.JWK_KID_MISMATCH.wireName());
            }
            server.keys(NEXT, KEY);
            assertThat(verifier.verify(sign(NEXT, claims(ISSUER))).header().keyId())
                    .isEqualTo("kid-2");
        }
    }

    @Test
    void aKeyPublishedDuringAFloodIsFoundByTheNextRefetch() throws Exception {
        Duration interval = Duration.ofMillis(300);
        try (JwtVerifier verifier = verifier(JwtKeySource.jwks(server.uri())
                        .refetchInterval(interval)
                        .build());
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            verifier.verify(sign(KEY, claims(ISSUER)));
            long floodUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            List<Future<?>> flooders = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                flooders.add(threads.submit(() -> {
                    while (System.nanoTime() < floodUntil) {
                        assertThat(reasonOf(verifier, tokenWithKid(randomKid())))
                                .isEqualTo(AuthReason.JWK_KID_MISMATCH.wireName());
                    }
                    return null;
                }));
            }
            Thread.sleep(400);
            server.keys(NEXT, KEY);
            String fresh = sign(NEXT, claims(ISSUER));
            long started = System.nanoTime();
            assertThat(verifier.verify(fresh).header().keyId()).isEqualTo("kid-2");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(((JwksKeySource) verifier.keySource()).maxWait().plus(SLACK));
            for (Future<?> flooder : flooders) {
                flooder.get();
            }
        }
    }

    @Test
    void aFloodOfRandomKidsFetchesAtMostOncePerIntervalAndEveryAnswerComesWithinTheWaitBound() throws Exception {
        Duration interval = Duration.ofMillis(200);
        AtomicLong slowestNanos = new AtomicLong();
        long started;
        long elapsed;
        Duration maxWait;
        try (JwtVerifier verifier = verifier(JwtKeySource.jwks(server.uri())
                        .refetchInterval(interval)
                        .build());
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            maxWait = ((JwksKeySource) verifier.keySource()).maxWait();
            verifier.verify(sign(KEY, claims(ISSUER)));
            started = System.nanoTime();
            long until = started + TimeUnit.MILLISECONDS.toNanos(1500);
            List<Future<?>> flooders = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                flooders.add(threads.submit(() -> {
                    while (System.nanoTime() < until) {
                        long sent = System.nanoTime();
                        assertThat(reasonOf(verifier, tokenWithKid(randomKid())))
                                .isEqualTo(AuthReason.JWK_KID_MISMATCH.wireName());
                        slowestNanos.accumulateAndGet(System.nanoTime() - sent, Math::max);
                    }
                    return null;
                }));
            }
            for (Future<?> flooder : flooders) {
                flooder.get();
            }
            elapsed = System.nanoTime() - started;
        }
        // The initial load, then at most one fetch per interval that began during the flood.
        long intervals = elapsed / interval.toNanos() + 1;
        assertThat(server.fetches()).isGreaterThan(2).isLessThanOrEqualTo((int) (1 + intervals));
        assertThat(Duration.ofNanos(slowestNanos.get())).isLessThan(maxWait.plus(SLACK));
    }

    @Test
    void anUnknownKidWaitsForTheNextRefetchAndIsAnsweredFromIt() {
        Duration interval = Duration.ofMillis(800);
        try (JwtVerifier verifier = verifier(
                JwtKeySource.jwks(server.uri()).refetchInterval(interval).build())) {
            long loaded = System.nanoTime();
            verifier.verify(sign(KEY, claims(ISSUER)));
            // The kid is published only after the request has started waiting: the answer comes from a later fetch.
            server.keys(NEXT, KEY);
            long started = System.nanoTime();
            assertThat(verifier.verify(sign(NEXT, claims(ISSUER))).header().keyId())
                    .isEqualTo("kid-2");
            long waited = System.nanoTime() - started;
            assertThat(System.nanoTime() - loaded)
                    .as("the refetch respected the interval")
                    .isGreaterThanOrEqualTo(interval.toNanos());
            assertThat(Duration.ofNanos(waited)).isLessThan(interval.plus(SLACK));
        }
        assertThat(server.fetches()).isEqualTo(2);
    }

    @Test
    void requestsBeyondTheWaitingBoundAreAnsweredAtOnce() throws Exception {
        try (JwtVerifier verifier = verifier(JwtKeySource.jwks(server.uri())
                        .refetchInterval(Duration.ofSeconds(2))
                        .maxWaitingRequests(3)
                        .build());
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            verifier.verify(sign(KEY, claims(ISSUER)));
            List<Future<String>> waiting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiting.add(threads.submit(() -> reasonOf(verifier, tokenWithKid(randomKid()))));
            }
            Thread.sleep(300);
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                assertThat(reasonOf(verifier, tokenWithKid(randomKid())))
                        .isEqualTo(AuthReason.JWK_KID_MISMATCH.wireName());
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
            }
            assertThat(waiting).noneMatch(Future::isDone);
            for (Future<String> reason : waiting) {
                assertThat(reason.get()).isEqualTo(AuthReason.JWK_KID_MISMATCH.wireName());
            }
        }
        assertThat(server.fetches()).isEqualTo(2);
    }

    @Test
    void waitingRequestsParkWithoutHoldingAPlatformThread() throws Exception {
        try (JwtVerifier verifier = verifier(JwtKeySource.jwks(server.uri())
                .refetchInterval(Duration.ofSeconds(2))
                .build())) {
            verifier.verify(sign(KEY, claims(ISSUER)));
            int platformBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            CountDownLatch done = new CountDownLatch(300);
            List<Thread> waiters = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                waiters.add(Thread.ofVirtual().start(() -> {
                    assertThat(reasonOf(verifier, tokenWithKid(randomKid())))
                            .isEqualTo(AuthReason.JWK_KID_MISMATCH.wireName());
                    done.countDown();
                }));
            }
            Thread.sleep(500);
            assertThat(done.getCount()).as("still waiting for the refetch").isEqualTo(300);
            assertThat(waiters)
                    .allMatch(t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING);
            assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThan(platformBefore + 8);
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(server.fetches()).isEqualTo(2);
    }

    @Test
    void aKidShownAbsentIsRefusedAtOnceButAKeyPublishedLaterIsFoundByTheNextRefetch() {
        // Long enough that "refused at once" (well under the interval) holds on a busy machine; a wait would be longer.
        Duration interval = Duration.ofSeconds(1);
        RSAKey late = TestTokens.rsaKey("kid-late");
        try (JwtVerifier verifier = verifier(
                JwtKeySource.jwks(server.uri()).refetchInterval(interval).build())) {
            verifier.verify(sign(KEY, claims(ISSUER)));
            String early = sign(late, claims(ISSUER));
            assertThat(reasonOf(verifier, early)).isEqualTo(AuthReason.JWK_KID_MISMATCH.wireName());
            assertThat(server.fetches()).isEqualTo(2);
            // Well past the interval, the same absent kid neither waits nor fetches.
            sleep(interval.multipliedBy(2));
            for (int i = 0; i < 50; i++) {
                long started = System.nanoTime();
                assertThat(reasonOf(verifier, early)).isEqualTo(AuthReason.JWK_KID_MISMATCH.wireName());
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(interval);
            }
            assertThat(server.fetches()).isEqualTo(2);

            // The key is published; the next refetch, caused by any other unknown kid, finds it.
            server.keys(late, KEY);
            assertThat(reasonOf(verifier, tokenWithKid(randomKid()))).isEqualTo(AuthReason.JWK_KID_MISMATCH.wireName());
            assertThat(verifier.verify(sign(late, claims(ISSUER))).header().keyId())
                    .isEqualTo("kid-late");
        }
        assertThat(server.fetches()).isEqualTo(3);
    }

    @Test
    void withNoKeysEverLoadedRequestsDoNotEachFetchAndTheWarningSaysSo() {
        server.mode(JwksServer.Mode.UNAVAILABLE);
        String log = CapturedStderr.during(() -> {
            try (JwtVerifier verifier = verifier(JwtKeySource.jwks(server.uri()).build())) {
                for (int i = 0; i < 10; i++) {
                    assertThatThrownBy(() -> verifier.verify(sign(KEY, claims(ISSUER))))
                            .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                                assertThat(e.reason()).isEqualTo(AuthReason.JWK_REMOTE_FAILED_TO_LOAD.wireName());
                                assertThat(e.status()).isEqualTo(503);
                            });
                }
                assertThat(server.fetches())
                        .as("ten requests inside one refetch interval")
                        .isEqualTo(1);

                server.mode(JwksServer.Mode.NORMAL);
                sleep(JwksKeySource.DEFAULT_REFETCH_INTERVAL);
                assertThat(verifier.verify(sign(KEY, claims(ISSUER))).header().keyId())
                        .isEqualTo("kid-1");
            }
        });
        assertThat(log)
                .contains("Cannot fetch the JWKS at " + server.uri())
                .contains("no signing keys are loaded")
                .doesNotContain("stay in use");
        assertThat(server.fetches()).isEqualTo(2);
    }

    @Test
    void withNoKeysAFloodFetchesAtMostOncePerInterval() throws Exception {
        server.mode(JwksServer.Mode.UNAVAILABLE);
        Duration interval = Duration.ofMillis(200);
        long elapsed;
        try (JwtVerifier verifier = verifier(JwtKeySource.jwks(server.uri())
                        .refetchInterval(interval)
                        .build());
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            long started = System.nanoTime();
            long until = started + TimeUnit.MILLISECONDS.toNanos(1500);
            List<Future<?>> flooders = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                flooders.add(threads.submit(() -> {
                    while (System.nanoTime() < until) {
                        assertThat(reasonOf(verifier, sign(KEY, claims(ISSUER))))
                                .isEqualTo(AuthReason.JWK_REMOTE_FAILED_TO_LOAD.wireName());
                    }
                    return null;
                }));
            }
            for (Future<?> flooder : flooders) {
                flooder.get();
            }
            elapsed = System.nanoTime() - started;
        }
        assertThat(server.fetches()).isGreaterThan(1).isLessThanOrEqualTo((int) (elapsed / interval.toNanos() + 1));
    }

    @Test
    void duringAnOutageExpiredKeysAreServedAndRefreshesStayBounded() throws Exception {
        Duration interval = Duration.ofMillis(200);
        long elapsed;
        int before;
        try (JwtVerifier verifier = verifier(JwtKeySource.jwks(server.uri())
                        .refetchInterval(interval)
                        .cacheTimeToLive(Duration.ofMillis(300))
                        .build());
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            String token = sign(KEY, claims(ISSUER));
            verifier.verify(token);
            server.mode(JwksServer.Mode.UNAVAILABLE);
            before = server.fetches();
            long started = System.nanoTime();
            long until = started + TimeUnit.MILLISECONDS.toNanos(1500);
            List<Future<?>> load = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                load.add(threads.submit(() -> {
                    while (System.nanoTime() < until) {
                        assertThat(verifier.verify(token).header().keyId()).isEqualTo("kid-1");
                    }
                    return null;
                }));
            }
            for (Future<?> worker : load) {
                worker.get();
            }
            elapsed = System.nanoTime() - started;
        }
        // Past the time to live every request wants fresh keys; the refresh is tried once, then once per interval.
        assertThat(server.fetches() - before).isGreaterThan(1).isLessThanOrEqualTo((int)
                (2 + elapsed / interval.toNanos()));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
