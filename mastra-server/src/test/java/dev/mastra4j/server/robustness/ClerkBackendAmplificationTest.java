package dev.mastra4j.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client of the server must not be able to turn it into an amplifier against Clerk's Backend API, whose rate
 * limit the whole instance shares: repeated {@code /api/auth/me} calls, floods of made-up machine tokens, and a Clerk
 * that is rate-limiting or failing all cost a bounded number of Backend API calls, counted at the loopback stub.
 * Time is a stepped clock, so windows pass without sleeping.
 */
class ClerkBackendAmplificationTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String USERS = "/v1/users/";
    private static final String M2M_VERIFY = "/v1/m2m_tokens/verify";
    private static final String OAUTH_VERIFY = "/v1/oauth_applications/access_tokens/verify";

    private LocalClerkIssuer issuer;
    private LocalClerkBackendApi backend;
    private MutableClock clock;
    private MastraAuthClerk clerk;
    private ServerHarness server;
    private List<String> sessions;

    @BeforeEach
    void start() {
        issuer = LocalClerkIssuer.start();
        backend = LocalClerkBackendApi.forIssuer(issuer);
        clock = MutableClock.startingNow();
        for (int i = 0; i < 40; i++) {
            backend.addUser("user_" + i, "person" + i + "@example.com", "Person", String.valueOf(i), null, Map.of());
        }
        clerk = Clerk.provider(issuer)
                .apiUrl(backend.apiUrl().toString())
                .acceptsToken("session_token", "m2m_token", "oauth_token")
                .clock(clock)
                .build();
        server = ServerHarness.start(
                Mastra.builder().agent(Clerk.agent()), s -> s.auth(clerk).authMeRoute(true));
        sessions = Clerk.tokens(issuer, 40);
        clock.syncToNow();
    }

    @AfterEach
    void stop() {
        server.close();
        clerk.close();
        backend.close();
        issuer.close();
    }

    @Test
    void aHundredCallsOfAuthMeCostOneLookup() {
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> me = me(sessions.get(0));
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(ServerHarness.json(me).path("email").asText()).isEqualTo("person0@example.com");
        }
        assertThat(backend.count(USERS)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(61));
        assertThat(me(sessions.get(0)).statusCode()).isEqualTo(200);
        assertThat(backend.count(USERS))
                .as("one more lookup once the profile is a minute old")
                .isEqualTo(2);
    }

    @Test
    void a429IsNotRetriedAndNothingIsSentUntilRetryAfterHasPassed() {
        String m2m = opaque("mt_");
        backend.addM2mToken(m2m, "mch_reports", List.of(), Map.of());
        backend.rateLimit("/v1/", 1, "10");

        HttpResponse<String> first = me(sessions.get(1));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(ServerHarness.json(first).path("id").asText()).isEqualTo("user_1");
        assertThat(backend.requests()).as("no inline retry of the 429").hasSize(1);

        clock.advance(Duration.ofSeconds(9));
        for (int i = 2; i < 12; i++) {
            HttpResponse<String> me = me(sessions.get(i));
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).as("answered from the token's claims").doesNotContain("@example.com");
        }
        HttpResponse<String> machine = server.send(Clerk.get(server.uri("/api/agents"), m2m));
        assertThat(machine.statusCode()).isEqualTo(503);
        assertThat(ServerHarness.json(machine).path("reason").asText())
                .isEqualTo("machine-token-verification-unavailable");
        assertThat(backend.requests())
                .as("nothing is sent while Clerk asked us to wait")
                .hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(ServerHarness.json(me(sessions.get(2))).path("email").asText())
                .isEqualTo("person2@example.com");
        assertThat(server.send(Clerk.get(server.uri("/api/agents"), m2m)).statusCode())
                .isEqualTo(200);
        assertThat(backend.requests()).hasSize(3);
    }

    @Test
    void afterRepeatedFailuresTheBreakerAnswersAtOnceWithoutCallingClerk() {
        Duration slow = Duration.ofMillis(800);
        backend.fail("/v1/", 500);
        backend.delay("/v1/", slow);
        // Two users: three attempts for the first, the fifth failure in a row (second user) opens the breaker.
        assertThat(me(sessions.get(0)).statusCode()).isEqualTo(200);
        assertThat(me(sessions.get(1)).statusCode()).isEqualTo(200);
        assertThat(backend.count("/v1/")).isEqualTo(5);

        String m2m = opaque("mt_");
        for (int i = 2; i < 22; i++) {
            long started = System.nanoTime();
            HttpResponse<String> me = me(sessions.get(i));
            HttpResponse<String> machine = server.send(Clerk.get(server.uri("/api/agents"), m2m));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(me.statusCode())
                    .as("/api/auth/me answers from the token's claims")
                    .isEqualTo(200);
            assertThat(ServerHarness.json(me).path("id").asText()).isEqualTo("user_" + i);
            assertThat(machine.statusCode()).isEqualTo(503);
            JsonNode body = ServerHarness.json(machine);
            assertThat(body.path("reason").asText()).isEqualTo("machine-token-verification-unavailable");
            assertThat(took)
                    .as("both answered before the stub could have answered one")
                    .isLessThan(slow);
        }
        assertThat(backend.count("/v1/")).as("an open breaker sends nothing").isEqualTo(5);

        // After the open time one probe goes out; Clerk is back, so the breaker closes.
        backend.clearFaults();
        clock.advance(Duration.ofSeconds(30));
        assertThat(ServerHarness.json(me(sessions.get(30))).path("email").asText())
                .isEqualTo("person30@example.com");
        assertThat(server.send(Clerk.get(server.uri("/api/agents"), m2m)).statusCode())
                .isEqualTo(401);
        assertThat(backend.count("/v1/")).isEqualTo(7);
    }

    @Test
    void thirtyMadeUpMachineTokensFromOneAddressCostAtMostTheBurst() {
        int refused = 0;
        int limited = 0;
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> response = server.send(Clerk.get(server.uri("/api/agents"), opaque("mt_")));
            JsonNode body = ServerHarness.json(response);
            if (response.statusCode() == 401) {
                assertThat(body.path("reason").asText()).isEqualTo("token-invalid");
                refused++;
            } else {
                assertThat(response.statusCode()).isEqualTo(429);
                assertThat(body.path("reason").asText()).isEqualTo("machine-token-rate-limited");
                limited++;
            }
        }
        assertThat(backend.count(M2M_VERIFY)).isEqualTo(20);
        assertThat(refused).isEqualTo(20);
        assertThat(limited).isEqualTo(10);

        // A valid token is not refused for it once the bucket has a permit again, and gives the permit back.
        String valid = opaque("mt_");
        backend.addM2mToken(valid, "mch_reports", List.of(), Map.of());
        clock.advance(Duration.ofMillis(100));
        assertThat(server.send(Clerk.get(server.uri("/api/agents"), valid)).statusCode())
                .isEqualTo(200);
        assertThat(server.send(Clerk.get(server.uri("/api/agents"), opaque("mt_")))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void authMeWithMadeUpMachineTokensIsLimitedTheSameWay() {
        for (int i = 0; i < 20; i++) {
            // As in Mastra, a credential that is not valid reads as "signed out": 200 with null.
            HttpResponse<String> refused = me(opaque("mt_"));
            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body()).isEqualTo("null");
        }
        HttpResponse<String> limited = me(opaque("mt_"));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(ServerHarness.json(limited).path("error").asText()).isEqualTo("Too many requests");
        assertThat(ServerHarness.json(limited).path("reason").asText()).isEqualTo("machine-token-rate-limited");
        assertThat(backend.count(M2M_VERIFY)).isEqualTo(20);
    }

    @Test
    void oneUnknownOAuthTokenSentFiveTimesCostsOneCall() {
        String unknown = opaque("oat_");
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = server.send(Clerk.get(server.uri("/api/agents"), unknown));
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(ServerHarness.json(response).path("reason").asText()).isEqualTo("token-invalid");
            assertThat(response.body()).doesNotContain(unknown);
        }
        assertThat(backend.count(OAUTH_VERIFY)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(31));
        server.send(Clerk.get(server.uri("/api/agents"), unknown));
        assertThat(backend.count(OAUTH_VERIFY))
                .as("Clerk is asked again after 30 s")
                .isEqualTo(2);
    }

    private HttpResponse<String> me(String token) {
        return server.get("/api/auth/me", "Authorization", "Bearer " + token);
    }

    private static String opaque(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
