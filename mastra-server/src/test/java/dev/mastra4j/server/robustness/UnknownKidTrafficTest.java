package dev.mastra4j.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.auth.jwt.JwksKeySource;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.BadToken;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hostile unknown-kid traffic over real sockets: tokens with random or mutated kids, alone or in a flood, never lock
 * out a key the issuer publishes afterwards, and JWKS fetches stay bounded, also when the JWKS has failed since the
 * server started.
 */
@Tag("slow")
class UnknownKidTrafficTest {

    /** Scheduling slack on a loaded two-core machine, on top of the documented wait bound. */
    private static final Duration SLACK = Duration.ofMillis(1500);

    private static final Duration MAX_WAIT = JwksKeySource.DEFAULT_REFETCH_INTERVAL.plusSeconds(4);

    @Test
    void randomAndMutatedKidsBeforeARotationDoNotLockOutTheNewKey() throws Exception {
        try (LocalClerkIssuer issuer = LocalClerkIssuer.start();
                MastraAuthClerk clerk = Clerk.provider(issuer).build();
                ServerHarness server = ServerHarness.start(Mastra.builder().agent(Clerk.agent()), s -> s.auth(clerk))) {
            assertThat(listAgents(server, issuer.token()).statusCode()).isEqualTo(200);
            assertRefused(listAgents(server, issuer.badToken(BadToken.UNKNOWN_KID)), "jwk-kid-mismatch");
            assertRefused(listAgents(server, withMutatedKid(issuer.token())), "jwk-kid-mismatch");

            issuer.rotateKeys();
            long started = System.nanoTime();
            HttpResponse<String> fresh = listAgents(server, issuer.token("user_after_rotation"));
            assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(MAX_WAIT.plus(SLACK));
        }
    }

    @Test
    void afterAFloodOfRandomKidsATokenOfANewKeyPassesAndFetchesStayBounded() throws Exception {
        try (LocalClerkIssuer issuer = LocalClerkIssuer.start();
                MastraAuthClerk clerk = Clerk.provider(issuer).build();
                ServerHarness server = ServerHarness.start(Mastra.builder().agent(Clerk.agent()), s -> s.auth(clerk))) {
            assertThat(listAgents(server, issuer.token()).statusCode()).isEqualTo(200);
            List<String> flood = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                flood.add(i % 2 == 0 ? issuer.badToken(BadToken.UNKNOWN_KID) : withMutatedKid(issuer.token()));
            }
            long started = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (String token : flood) {
                answers.add(server.client()
                        .sendAsync(Clerk.get(server.uri("/api/agents"), token), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                assertRefused(answer.get(30, TimeUnit.SECONDS), "jwk-kid-mismatch");
            }
            issuer.rotateKeys();
            HttpResponse<String> fresh = listAgents(server, issuer.token("user_after_flood"));
            assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(200);
            long elapsed = System.nanoTime() - started;
            // Warm-up, then at most one fetch per refetch interval from the start of the flood on.
            assertThat(issuer.jwksFetchCount())
                    .isLessThanOrEqualTo((int) (2 + elapsed / JwksKeySource.DEFAULT_REFETCH_INTERVAL.toNanos()));
        }
    }

    @Test
    void withTheBackendApiJwksFailingSinceStartRequestsDoNotEachFetch() throws Exception {
        try (LogTap log = LogTap.start();
                LocalClerkIssuer issuer = LocalClerkIssuer.start()) {
            issuer.pause();
            try (MastraAuthClerk clerk = MastraAuthClerk.builder()
                            .env(Map.of())
                            .dotenvDirectory(Path.of("target", "no-dotenv"))
                            .publishableKey(issuer.publishableKey())
                            .secretKey(issuer.secretKey())
                            .apiUrl(issuer.apiUrl().toString())
                            .build();
                    ServerHarness server =
                            ServerHarness.start(Mastra.builder().agent(Clerk.agent()), s -> s.auth(clerk))) {
                awaitFirstFetch(issuer);
                long started = System.nanoTime();
                for (int i = 0; i < 10; i++) {
                    HttpResponse<String> response = listAgents(server, issuer.token("user_" + i));
                    assertThat(response.statusCode()).isEqualTo(503);
                    assertThat(ServerHarness.json(response).path("reason").asText())
                            .isEqualTo("jwk-remote-failed-to-load");
                }
                long elapsed = System.nanoTime() - started;
                assertThat(issuer.jwksFetchCount())
                        .as("the warm-up, then at most one fetch per refetch interval")
                        .isLessThanOrEqualTo((int) (2 + elapsed / JwksKeySource.DEFAULT_REFETCH_INTERVAL.toNanos()));
                assertThat(log.text())
                        .contains("Cannot fetch the JWKS at " + issuer.apiUrl() + "/v1/jwks")
                        .contains("no signing keys are loaded")
                        .doesNotContain("stay in use");

                // Back up: within one refetch interval (and one fetch) requests pass again.
                issuer.resume();
                long deadline = System.nanoTime() + MAX_WAIT.plus(SLACK).toNanos();
                HttpResponse<String> response = listAgents(server, issuer.token());
                while (response.statusCode() == 503 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    response = listAgents(server, issuer.token());
                }
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
    }

    private static HttpResponse<String> listAgents(ServerHarness server, String token) {
        return server.send(Clerk.get(server.uri("/api/agents"), token));
    }

    private static void assertRefused(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(ServerHarness.json(response).path("reason").asText()).isEqualTo(reason);
    }

    /** The token with the last character of its kid changed, payload and signature kept. */
    private static String withMutatedKid(String token) throws Exception {
        String[] parts = token.split("\\.");
        ObjectMapper json = new ObjectMapper();
        @SuppressWarnings("unchecked")
        Map<String, Object> header = json.readValue(Base64.getUrlDecoder().decode(parts[0]), Map.class);
        String kid = (String) header.get("kid");
        char last = kid.charAt(kid.length() - 1);
        header.put("kid", kid.substring(0, kid.length() - 1) + (last == 'A' ? 'B' : 'A'));
        String mutated = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.writeValueAsString(header).getBytes(StandardCharsets.UTF_8));
        return mutated + "." + parts[1] + "." + parts[2];
    }

    private static void awaitFirstFetch(LocalClerkIssuer issuer) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (issuer.jwksFetchCount() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(issuer.jwksFetchCount()).as("the warm-up fetch at start").isEqualTo(1);
    }
}
