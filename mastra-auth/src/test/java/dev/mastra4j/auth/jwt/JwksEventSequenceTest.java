package dev.mastra4j.auth.jwt;

import static dev.mastra4j.auth.jwt.TestTokens.b64;
import static dev.mastra4j.auth.jwt.TestTokens.claims;
import static dev.mastra4j.auth.jwt.TestTokens.header;
import static dev.mastra4j.auth.jwt.TestTokens.json;
import static dev.mastra4j.auth.jwt.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import dev.mastra4j.auth.AuthReason;
import dev.mastra4j.auth.AuthenticationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Key rotation, unknown-kid floods, JWKS outages and warm-up, in every order and in random sequences: after each
 * event, with the endpoint up, a token signed with the newest published key is accepted within the wait bound and
 * never refused as an unknown kid; every answer comes within the wait bound; fetches stay within one per refetch
 * interval.
 */
class JwksEventSequenceTest {

    enum Event {
        WARM_UP,
        ROTATE,
        FLOOD,
        OUTAGE
    }

    private static final String ISSUER = "https://issuer.example";
    private static final Duration INTERVAL = Duration.ofMillis(60);
    private static final Duration TIMEOUT = Duration.ofMillis(250);
    /** Scheduling slack on a loaded two-core machine, on top of the documented bounds. */
    private static final Duration SLACK = Duration.ofMillis(1500);

    private static final List<RSAKey> KEYS =
            Stream.generate(TestTokens::rsaKey).limit(8).toList();

    static Stream<List<Event>> everyOrder() {
        return permutations(List.of(Event.values()));
    }

    @ParameterizedTest
    @MethodSource("everyOrder")
    void everyOrderOfTheFourEvents(List<Event> events) throws Exception {
        run(events);
    }

    @Property(tries = 15)
    void randomSequencesOfEvents(@ForAll @Size(min = 1, max = 6) List<Event> events) throws Exception {
        run(events);
    }

    private static void run(List<Event> events) throws Exception {
        try (Issuer issuer = new Issuer()) {
            for (Event event : events) {
                issuer.apply(event);
                issuer.assertNewestKeyAccepted(event);
            }
            issuer.assertFetchRateBounded();
        }
    }

    /** A JWKS server, a verifier on it, and the keys the issuer has published (newest first). */
    private static final class Issuer implements AutoCloseable {
        private final JwksServer server;
        private final JwtVerifier verifier;
        private final Duration maxWait;
        private final List<RSAKey> published = new ArrayList<>();
        private final long started = System.nanoTime();

        Issuer() throws Exception {
            published.add(KEYS.get(0));
            server = new JwksServer(KEYS.get(0));
            JwksKeySource source = JwtKeySource.jwks(server.uri())
                    .refetchInterval(INTERVAL)
                    .timeouts(TIMEOUT, TIMEOUT)
                    .build();
            maxWait = source.maxWait();
            verifier = JwtVerifier.builder()
                    .keySource(source)
                    .claimValidator(ClaimValidator.expiry(Duration.ofSeconds(5)))
                    .build();
        }

        void apply(Event event) throws Exception {
            switch (event) {
                case WARM_UP -> verifier.warmUp();
                case ROTATE -> {
                    published.addFirst(KEYS.get(published.size() % KEYS.size()));
                    server.keys(published.toArray(JWK[]::new));
                }
                case FLOOD -> flood();
                case OUTAGE -> {
                    server.mode(JwksServer.Mode.UNAVAILABLE);
                    assertThat(timedReason(sign(published.getFirst(), claims(ISSUER))))
                            .isIn(
                                    "accepted",
                                    AuthReason.JWK_KID_MISMATCH.wireName(),
                                    AuthReason.JWK_REMOTE_FAILED_TO_LOAD.wireName());
                    assertThat(timedReason(tokenWithKid("kid-" + UUID.randomUUID())))
                            .isIn(
                                    AuthReason.JWK_KID_MISMATCH.wireName(),
                                    AuthReason.JWK_REMOTE_FAILED_TO_LOAD.wireName());
                    server.mode(JwksServer.Mode.NORMAL);
                }
            }
        }

        private void flood() throws Exception {
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    answers.add(threads.submit(() -> timedReason(tokenWithKid("kid-" + UUID.randomUUID()))));
                }
                for (Future<String> answer : answers) {
                    assertThat(answer.get())
                            .isIn(
                                    AuthReason.JWK_KID_MISMATCH.wireName(),
                                    AuthReason.JWK_REMOTE_FAILED_TO_LOAD.wireName());
                }
            }
        }

        /**
         * The newest key's token passes. The one refusal allowed is 503 right after a failed fetch while no keys are
         * loaded, for at most one refetch interval.
         */
        void assertNewestKeyAccepted(Event after) throws InterruptedException {
            String token = sign(published.getFirst(), claims(ISSUER));
            String reason = timedReason(token);
            if (reason.equals(AuthReason.JWK_REMOTE_FAILED_TO_LOAD.wireName())) {
                Thread.sleep(INTERVAL);
                reason = timedReason(token);
            }
            assertThat(reason).as("a token of the newest key after " + after).isEqualTo("accepted");
        }

        void assertFetchRateBounded() {
            long intervals = (System.nanoTime() - started) / INTERVAL.toNanos();
            assertThat(server.fetches()).isLessThanOrEqualTo((int) (2 + intervals));
        }

        /** The verification's outcome, after checking that it came within the wait bound. */
        private String timedReason(String token) {
            long sent = System.nanoTime();
            String reason;
            try {
                verifier.verify(token);
                reason = "accepted";
            } catch (AuthenticationException e) {
                reason = e.reason();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(maxWait.plus(SLACK));
            return reason;
        }

        @Override
        public void close() {
            verifier.close();
            server.close();
        }
    }

    private static String tokenWithKid(String kid) {
        return b64(json(header("RS256", kid))) + "." + b64(json(claims(ISSUER))) + ".c2lnbmF0dXJl";
    }

    private static <T> Stream<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return Stream.of(List.of());
        }
        return items.stream().flatMap(first -> {
            List<T> rest = new ArrayList<>(items);
            rest.remove(first);
            return permutations(rest).map(tail -> {
                List<T> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                return order;
            });
        });
    }
}
