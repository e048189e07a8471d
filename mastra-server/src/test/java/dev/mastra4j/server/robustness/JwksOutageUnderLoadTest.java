package dev.mastra4j.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.LocalClerkIssuer;
import dev.mastra4j.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The JWKS endpoint goes down for several minutes while authenticated load runs. A stepped clock stands in for the
 * minutes: the provider's key cache (5-minute TTL) expires and its refreshes fail while requests keep coming. Valid
 * tokens keep passing on the cached keys, and each outage is one warning in the log, not one per request.
 */
@Tag("slow")
class JwksOutageUnderLoadTest {

    private static final String WARNING = "Cannot fetch the JWKS at ";
    private static final String RECOVERED = "is reachable again";

    @Test
    void validTokensKeepPassingThroughTwoOutagesEachLoggedOnce() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        try (LogTap log = LogTap.start();
                LocalClerkIssuer issuer = LocalClerkIssuer.start();
                // No verified-token cache: every request needs the signing key, so a lost key would show at once.
                MastraAuthClerk clerk = Clerk.provider(issuer)
                        .clock(clock)
                        .verifiedTokenCacheSize(0)
                        .build();
                ServerHarness server = ServerHarness.start(Mastra.builder().agent(Clerk.agent()), s -> s.auth(clerk))) {
            List<String> tokens = Clerk.tokens(issuer, 20);
            clock.syncToNow();
            LoadGenerator load = LoadGenerator.start(server.client(), 8, () -> Clerk.listWithAnyOf(server, tokens));
            try {
                load.awaitMore(200);
                assertThat(issuer.jwksFetchCount()).isEqualTo(1);

                // First outage: eight minutes, a minute at a time, with requests in every minute.
                issuer.pause();
                for (int minute = 1; minute <= 8; minute++) {
                    clock.advance(Duration.ofMinutes(1));
                    load.awaitMore(100);
                }
                int fetchesDuringOutage = issuer.jwksFetchCount() - 1;
                assertThat(fetchesDuringOutage)
                        .as("failed refreshes are per cache period, not per request")
                        .isBetween(1, 3);
                assertThat(log.count(WARNING)).isEqualTo(1);

                // Back up: the next refresh succeeds and says so.
                issuer.resume();
                clock.advance(Duration.ofMinutes(6));
                awaitLog(log, RECOVERED, 1, load);

                // Second outage: one more warning.
                issuer.pause();
                for (int minute = 1; minute <= 6; minute++) {
                    clock.advance(Duration.ofMinutes(1));
                    load.awaitMore(100);
                }
                assertThat(log.count(WARNING)).isEqualTo(2);
                issuer.resume();
            } finally {
                load.stop();
            }
            assertThat(load.misses()).as("false 401s or other failures").isEmpty();
            assertThat(load.completed()).isGreaterThan(1600);
            // The warning names the endpoint, never a token.
            tokens.forEach(token -> assertThat(log.text()).doesNotContain(token));
        }
    }

    private static void awaitLog(LogTap log, String needle, int times, LoadGenerator load) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (log.count(needle) < times) {
            assertThat(System.nanoTime())
                    .as("waiting for the log line " + needle)
                    .isLessThan(deadline);
            load.awaitMore(10);
        }
    }
}
