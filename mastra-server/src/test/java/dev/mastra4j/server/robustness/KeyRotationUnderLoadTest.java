package dev.mastra4j.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.LocalClerkIssuer;
import dev.mastra4j.testing.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The issuer rotates its signing key while authenticated load runs. Tokens signed with the new key pass after exactly
 * one refetch, however many arrive at once; tokens of the old key keep passing while it is still published; once it
 * is retired and the cache has refreshed, they are refused.
 */
@Tag("slow")
class KeyRotationUnderLoadTest {

    @Test
    void newKeyTokensPassAfterOneRefetchAndOldOnesWhileTheOldKeyIsPublished() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        try (LocalClerkIssuer issuer = LocalClerkIssuer.start();
                MastraAuthClerk clerk = Clerk.provider(issuer)
                        .clock(clock)
                        .verifiedTokenCacheSize(0)
                        .build();
                ServerHarness server = ServerHarness.start(Mastra.builder().agent(Clerk.agent()), s -> s.auth(clerk))) {
            List<String> oldKeyTokens = Clerk.tokens(issuer, 10);
            clock.syncToNow();

            // Old-key tokens first, so the cache holds the old key set only.
            List<String> newKeyTokens = new ArrayList<>();
            AtomicReference<List<String>> phase = new AtomicReference<>(oldKeyTokens);
            LoadGenerator load =
                    LoadGenerator.start(server.client(), 12, () -> Clerk.listWithAnyOf(server, phase.get()));
            try {
                load.awaitMore(150);
                assertThat(issuer.jwksFetchCount()).isEqualTo(1);

                issuer.rotateKeys();
                newKeyTokens.addAll(Clerk.tokens(issuer, 10));
                clock.syncToNow();
                // All twelve workers switch to a mix including the new kid at once.
                List<String> mixed = new ArrayList<>(oldKeyTokens);
                mixed.addAll(newKeyTokens);
                phase.set(mixed);
                load.awaitMore(400);
                assertThat(issuer.jwksFetchCount())
                        .as("one refetch for the new kid")
                        .isEqualTo(2);
            } finally {
                load.stop();
            }
            assertThat(load.misses()).isEmpty();

            // The old key is retired; after the next refresh its tokens are refused and the new ones still pass.
            issuer.retireOldKeys();
            clock.advance(Duration.ofMinutes(6));
            HttpResponse<String> old = server.send(Clerk.get(server.uri("/api/agents"), oldKeyTokens.get(0)));
            assertThat(old.statusCode()).isEqualTo(401);
            assertThat(old.body()).contains("jwk-kid-mismatch");
            assertThat(server.send(Clerk.get(server.uri("/api/agents"), newKeyTokens.get(0)))
                            .statusCode())
                    .isEqualTo(200);
        }
    }
}
