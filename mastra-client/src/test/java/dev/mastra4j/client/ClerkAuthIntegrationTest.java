package dev.mastra4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.testing.BadToken;
import dev.mastra4j.testing.LocalClerkIssuer;
import dev.mastra4j.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The client against the real server protected by MastraAuthClerk, with tokens from a LocalClerkIssuer (real RSA
 * keys, real signed session tokens, JWKS over loopback). The server's clock is a test clock, so "time passes"
 * without sleeping.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClerkAuthIntegrationTest {

    private final MutableClock serverClock = MutableClock.startingNow();
    private LocalClerkIssuer issuer;
    private MastraAuthClerk clerk;
    private Mastra mastra;

    @BeforeAll
    void start() throws Exception {
        issuer = LocalClerkIssuer.start();
        Path noDotenv = Files.createTempDirectory("no-dotenv");
        clerk = MastraAuthClerk.builder()
                .env(Map.of())
                .dotenvDirectory(noDotenv)
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .jwksUri(issuer.jwksUri().toString())
                .authorizedParties(LocalClerkIssuer.DEFAULT_AZP)
                .clock(serverClock)
                .build();
        mastra = Mastra.builder()
                .agent(Agent.builder().id("echoAgent").model("offline/echo").build())
                .server(s -> s.port(0).host("127.0.0.1").auth(clerk))
                .build()
                .start();
    }

    @AfterAll
    void stop() {
        if (mastra != null) {
            mastra.close();
        }
        if (clerk != null) {
            clerk.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    /** A session token valid from the server's point of view now, as Clerk's getToken() would hand out. */
    private String freshToken() {
        Instant now = serverClock.instant();
        return issuer.tokenBuilder()
                .iat(now)
                .nbf(now.minusSeconds(10))
                .exp(now.plusSeconds(60))
                .build();
    }

    private MastraClient client(java.util.function.Supplier<String> tokens) {
        return MastraClient.builder()
                .baseUrl(mastra.url())
                .tokenSupplier(tokens)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(20))
                .build();
    }

    @Test
    void aValidSessionTokenOpensTheApi() {
        try (MastraClient client = client(this::freshToken)) {
            assertThat(client.listAgents()).containsKey("echoAgent");
            assertThat(client.getAgent("echoAgent").generate("hello").text()).contains("You said: hello");
            assertThat(client.getAgent("echoAgent").stream("hello").text()).contains("You said: hello");
        }
    }

    @Test
    void aTokenRefreshedMidSessionKeepsWorkingAfterTheFirstExpires() {
        List<String> handedOut = new ArrayList<>();
        try (MastraClient client = client(() -> {
            String token = freshToken();
            handedOut.add(token);
            return token;
        })) {
            assertThat(client.getAgent("echoAgent").generate("first").text()).contains("You said: first");

            // Session tokens live 60 s; two minutes later the first one is dead.
            serverClock.advance(Duration.ofMinutes(2));
            String first = handedOut.get(0);
            try (MastraClient stale = client(() -> first)) {
                assertThatThrownBy(stale::listAgents).isInstanceOfSatisfying(MastraClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.reason()).isEqualTo("token-expired");
                    assertThat(e.getMessage()).doesNotContain(first);
                });
            }

            // The supplier is asked on every call, so the client itself never notices.
            assertThat(client.getAgent("echoAgent").generate("second").text()).contains("You said: second");
            assertThat(client.getAgent("echoAgent").stream("third").text()).contains("You said: third");
        }
        assertThat(handedOut).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void noTokenIsUnauthorizedAndNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        try (MastraClient client = client(() -> {
            attempts.incrementAndGet();
            return null;
        })) {
            assertThatThrownBy(client::listAgents).isInstanceOfSatisfying(MastraClientException.class, e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.error()).isEqualTo("Authentication required");
            });
            assertThat(attempts).hasValue(1);
            // Health stays public.
            assertThat(client.health()).isTrue();
        }
    }

    @Test
    void aBadTokenIsRejectedWithItsReasonAndNeverEchoed() {
        String forged = issuer.badToken(BadToken.TAMPERED_PAYLOAD);
        AtomicInteger attempts = new AtomicInteger();
        try (MastraClient client = client(() -> {
            attempts.incrementAndGet();
            return forged;
        })) {
            assertThatThrownBy(() -> client.getAgent("echoAgent").generate("hi"))
                    .isInstanceOfSatisfying(MastraClientException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.reason()).isEqualTo(BadToken.TAMPERED_PAYLOAD.expectedReason());
                        assertThat(e.getMessage()).doesNotContain(forged);
                    });
            assertThat(attempts).hasValue(1);
        }
    }
}
