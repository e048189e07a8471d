package dev.mastra4j.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.LocalClerkBackendApi;
import dev.mastra4j.testing.LocalClerkIssuer;
import dev.mastra4j.testing.MutableClock;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client over the machine-token rate limit gets 429 with {@code Retry-After}: the whole seconds, rounded up, until
 * its address has a permit again, over HTTP from a real server, with Clerk's Backend API on loopback. The limit here
 * is a burst of 2, then one permit every 4 s; time is a stepped clock.
 */
class MachineTokenRetryAfterTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalClerkIssuer issuer;
    private LocalClerkBackendApi backend;
    private MutableClock clock;
    private MastraAuthClerk clerk;
    private ServerHarness server;

    @BeforeEach
    void start() {
        issuer = LocalClerkIssuer.start();
        backend = LocalClerkBackendApi.forIssuer(issuer);
        clock = MutableClock.startingNow();
        clerk = Clerk.provider(issuer)
                .apiUrl(backend.apiUrl().toString())
                .acceptsToken("session_token", "m2m_token")
                .machineTokenRateLimit(2, 0.25)
                .clock(clock)
                .build();
        server = ServerHarness.start(
                Mastra.builder().agent(Clerk.agent()), s -> s.auth(clerk).authMeRoute(true));
    }

    @AfterEach
    void stop() {
        server.close();
        clerk.close();
        backend.close();
        issuer.close();
    }

    @Test
    void overTheLimitTheAnswerSaysHowManySecondsToWait() {
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> refused = agents(madeUpToken());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Retry-After"))
                    .as("a 401 says nothing about waiting")
                    .isEmpty();
        }

        HttpResponse<String> limited = agents(madeUpToken());
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(ServerHarness.json(limited).path("reason").asText()).isEqualTo("machine-token-rate-limited");
        assertThat(limited.headers().allValues("Retry-After")).containsExactly("4");

        clock.advance(Duration.ofMillis(2_500));
        assertThat(agents(madeUpToken()).headers().allValues("Retry-After"))
                .as("1.5 s left, rounded up")
                .containsExactly("2");
        HttpResponse<String> me = server.get("/api/auth/me", "Authorization", "Bearer " + madeUpToken());
        assertThat(me.statusCode()).isEqualTo(429);
        assertThat(me.headers().allValues("Retry-After"))
                .as("/api/auth/me is limited the same way")
                .containsExactly("2");

        clock.advance(Duration.ofMillis(1_500));
        assertThat(agents(madeUpToken()).statusCode())
                .as("a permit again once the wait is over")
                .isEqualTo(401);
    }

    private HttpResponse<String> agents(String token) {
        return server.send(Clerk.get(server.uri("/api/agents"), token));
    }

    private static String madeUpToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "mt_" + HexFormat.of().formatHex(bytes);
    }
}
