package dev.mastra4j.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.server.robustness.LoadGenerator.Shot;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.LocalClerkBackendApi;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Clerk's Backend API fails (500s, then nothing listening) while machine and session tokens arrive together. Machine
 * tokens get 503 {@code machine-token-verification-unavailable}; session tokens, verified locally, never notice. With
 * an organization restriction, a user whose membership cannot be checked is refused (403), never let in.
 */
class ClerkBackendOutageTest {

    private static final String UNAVAILABLE = "machine-token-verification-unavailable";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Tag("slow")
    @Test
    void machineTokensGet503AndSessionTokensAreUnaffected() throws Exception {
        try (LocalClerkIssuer issuer = LocalClerkIssuer.start()) {
            LocalClerkBackendApi backend = LocalClerkBackendApi.forIssuer(issuer);
            String m2m = opaque("mt_");
            String apiKey = opaque("ak_");
            backend.addM2mToken(m2m, "mch_reports", List.of(), Map.of());
            backend.addApiKey(apiKey, "user_owner", List.of("read"), Map.of());
            try (MastraAuthClerk clerk = Clerk.provider(issuer)
                            .apiUrl(backend.apiUrl().toString())
                            .acceptsToken("session_token", "m2m_token", "api_key")
                            // Ask Clerk every time, so each machine request really meets the outage.
                            .machineTokenCacheTtl(Duration.ZERO)
                            .build();
                    ServerHarness server =
                            ServerHarness.start(Mastra.builder().agent(Clerk.agent()), s -> s.auth(clerk))) {
                List<String> sessions = Clerk.tokens(issuer, 10);
                Predicate<HttpResponse<String>> ok = r -> r.statusCode() == 200;
                Predicate<HttpResponse<String>> unavailable =
                        r -> r.statusCode() == 503 && r.body().contains(UNAVAILABLE);

                LoadGenerator healthy = mixedLoad(server, sessions, List.of(m2m, apiKey), ok);
                healthy.awaitMore(200);
                healthy.stop();
                assertThat(healthy.misses()).isEmpty();

                backend.fail("/v1/", 500);
                LoadGenerator failing = mixedLoad(server, sessions, List.of(m2m, apiKey), unavailable);
                failing.awaitMore(200);
                failing.stop();
                assertThat(failing.misses()).isEmpty();
                assertThat(failing.counts()).containsKeys("session", "machine");

                backend.close();
                LoadGenerator down = mixedLoad(server, sessions, List.of(m2m, apiKey), unavailable);
                down.awaitMore(200);
                down.stop();
                assertThat(down.misses()).isEmpty();

                HttpResponse<String> refused = server.send(Clerk.get(server.uri("/api/agents"), m2m));
                JsonNode body = ServerHarness.json(refused);
                assertThat(body.path("error").asText()).isEqualTo("Authentication service unavailable");
                assertThat(refused.body()).doesNotContain(m2m).doesNotContain(issuer.secretKey());
            }
        }
    }

    @Test
    void theOrganizationRestrictionFailsClosed() throws Exception {
        try (LocalClerkIssuer issuer = LocalClerkIssuer.start()) {
            LocalClerkBackendApi backend = LocalClerkBackendApi.forIssuer(issuer);
            backend.addMembership("user_member", "org_acme", "acme", "org:member");
            backend.addMembership("user_late", "org_acme", "acme", "org:member");
            backend.addMembership("user_later", "org_acme", "acme", "org:member");
            try (MastraAuthClerk clerk = Clerk.provider(issuer)
                            .apiUrl(backend.apiUrl().toString())
                            .organizationId("org_acme")
                            .build();
                    ServerHarness server =
                            ServerHarness.start(Mastra.builder().agent(Clerk.agent()), s -> s.auth(clerk))) {
                // Active organization in the token: decided locally. No organization claim: the Backend API decides.
                String inOrg = issuer.tokenBuilder()
                        .subject("user_active")
                        .organization("org_acme", "acme", "admin")
                        .expiresIn(Duration.ofHours(1))
                        .build();
                String member = issuer.tokenBuilder()
                        .subject("user_member")
                        .expiresIn(Duration.ofHours(1))
                        .build();
                String late = issuer.tokenBuilder()
                        .subject("user_late")
                        .expiresIn(Duration.ofHours(1))
                        .build();
                String later = issuer.tokenBuilder()
                        .subject("user_later")
                        .expiresIn(Duration.ofHours(1))
                        .build();
                String stranger = issuer.tokenBuilder()
                        .subject("user_stranger")
                        .expiresIn(Duration.ofHours(1))
                        .build();
                assertThat(status(server, inOrg)).isEqualTo(200);
                assertThat(status(server, member)).isEqualTo(200);
                assertThat(status(server, stranger)).isEqualTo(403);

                backend.fail("/v1/", 500);
                // Not yet looked up, and the lookup fails: refused, although Clerk would have said yes.
                assertThat(status(server, late)).isEqualTo(403);
                assertThat(status(server, stranger)).isEqualTo(403);
                assertThat(status(server, inOrg)).isEqualTo(200);
                backend.clearFaults();
                assertThat(status(server, late)).isEqualTo(200);

                // Nothing listening at all: the same.
                backend.close();
                assertThat(status(server, later)).isEqualTo(403);
                assertThat(status(server, inOrg)).isEqualTo(200);
            }
        }
    }

    private static int status(ServerHarness server, String token) {
        return server.send(Clerk.get(server.uri("/api/agents"), token)).statusCode();
    }

    private static LoadGenerator mixedLoad(
            ServerHarness server,
            List<String> sessions,
            List<String> machines,
            Predicate<HttpResponse<String>> machineExpectation) {
        return LoadGenerator.start(server.client(), 8, () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (random.nextBoolean()) {
                return Shot.expecting(
                        "session",
                        Clerk.get(server.uri("/api/agents"), sessions.get(random.nextInt(sessions.size()))),
                        200);
            }
            return new Shot(
                    "machine",
                    Clerk.get(server.uri("/api/agents"), machines.get(random.nextInt(machines.size()))),
                    machineExpectation);
        });
    }

    private static String opaque(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
