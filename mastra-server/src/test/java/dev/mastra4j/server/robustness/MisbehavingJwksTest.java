package dev.mastra4j.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.JwksResponse;
import dev.mastra4j.testing.LocalClerkIssuer;
import dev.mastra4j.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JWKS endpoint answers, but badly: with an HTML page, a 10 MB body, keys of the wrong type, encryption keys, no
 * keys, or only after 5 s (more than the 2 s fetch timeout). Under load, when the cached keys are due for a refresh,
 * the server keeps answering, keeps verifying with the last good keys, and no request waits much longer than one
 * fetch timeout.
 */
@Tag("slow")
class MisbehavingJwksTest {

    @ParameterizedTest
    @EnumSource(value = JwksResponse.class, names = "NORMAL", mode = EnumSource.Mode.EXCLUDE)
    void aBadAnswerKeepsTheLastGoodKeys(JwksResponse answer) throws Exception {
        LoadGenerator load = refreshUnderLoad(issuer -> issuer.serve(answer));
        assertThat(load.misses())
                .as("answers other than 200 while the JWKS answers " + answer)
                .isEmpty();
    }

    @Test
    void aSlowJwksBlocksNoRequestLongerThanTheFetchTimeout() throws Exception {
        LoadGenerator load = refreshUnderLoad(issuer -> issuer.latency(Duration.ofSeconds(5)));
        assertThat(load.misses()).isEmpty();
        // The provider's fetch timeout is 2 s; a request that waited for the 5 s answer would take over 5 s.
        assertThat(load.slowest()).isLessThan(Duration.ofMillis(4500));
    }

    private interface Fault {
        void apply(LocalClerkIssuer issuer);
    }

    /** Runs load, lets the key cache expire, applies the fault, and keeps the load going through refreshes. */
    private static LoadGenerator refreshUnderLoad(Fault fault) throws Exception {
        MutableClock clock = MutableClock.startingNow();
        try (LocalClerkIssuer issuer = LocalClerkIssuer.start();
                MastraAuthClerk clerk = Clerk.provider(issuer)
                        .clock(clock)
                        .verifiedTokenCacheSize(0)
                        .build();
                ServerHarness server = ServerHarness.start(Mastra.builder().agent(Clerk.agent()), s -> s.auth(clerk))) {
            List<String> tokens = Clerk.tokens(issuer, 10);
            clock.syncToNow();
            LoadGenerator load = LoadGenerator.start(server.client(), 8, () -> Clerk.listWithAnyOf(server, tokens));
            try {
                load.awaitMore(100);
                fault.apply(issuer);
                int before = issuer.jwksFetchCount();
                // Two cache periods pass; each expiry makes a request try a refresh.
                for (int step = 0; step < 2; step++) {
                    clock.advance(Duration.ofMinutes(6));
                    load.awaitMore(150);
                }
                assertThat(issuer.jwksFetchCount())
                        .as("refreshes were attempted")
                        .isGreaterThan(before);
                assertThat(server.get("/health").statusCode()).isEqualTo(200);
            } finally {
                load.stop();
            }
            return load;
        }
    }
}
