package dev.mastra4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.auth.SimpleAuth;
import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.LocalClerkBackendApi;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/auth/me} (and capabilities): public to the pipeline, so the provider checks the credential. */
class AuthMeRouteTest {

    private LocalClerkIssuer issuer;
    private LocalClerkBackendApi backend;

    @BeforeEach
    void start() {
        issuer = LocalClerkIssuer.start();
        backend = LocalClerkBackendApi.forIssuer(issuer);
        backend.addUser(
                "user_42", "ada@example.com", "Ada", "Lovelace", "https://img.example/ada.png", Map.of("plan", "pro"));
    }

    @AfterEach
    void stop() {
        backend.close();
        issuer.close();
    }

    private Mastra.Builder mastra() {
        return Mastra.builder()
                .agent(Agent.builder()
                        .id("echo")
                        .name("Echo")
                        .instructions("Echo.")
                        .env(Map.of())
                        .model("offline/echo")
                        .build());
    }

    private MastraAuthClerk clerk() {
        return MastraAuthClerk.builder()
                .env(Map.of())
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .jwksUri(issuer.jwksUri().toString())
                .apiUrl(backend.apiUrl().toString())
                .build();
    }

    @Test
    void returnsTheSignedInUsersProfileInMastrasShape() {
        try (ServerHarness server = ServerHarness.start(mastra(), s -> s.auth(clerk()))) {
            HttpResponse<String> response =
                    server.get("/api/auth/me", "Authorization", "Bearer " + issuer.token("user_42"));
            assertThat(response.statusCode()).isEqualTo(200);
            // Mastra's currentUserResponseSchema: no metadata.
            assertThat(ServerHarness.json(response)).isEqualTo(ServerHarness.json("""
                    {"id":"user_42","email":"ada@example.com","name":"Ada Lovelace",
                     "avatarUrl":"https://img.example/ada.png"}"""));
            assertThat(response.body()).doesNotContain(issuer.secretKey());
            assertThat(backend.count("/v1/users/user_42")).isEqualTo(1);
        }
    }

    @Test
    void signedOutOrWithABadTokenItIsNullAsInMastraWithoutAskingTheBackendApi() {
        try (ServerHarness server = ServerHarness.start(mastra(), s -> s.auth(clerk()))) {
            HttpResponse<String> none = server.get("/api/auth/me");
            assertThat(none.statusCode()).isEqualTo(200);
            assertThat(none.body()).isEqualTo("null");
            assertThat(ServerHarness.header(none, "Content-Type")).startsWith("application/json");

            String expired = issuer.badToken(dev.mastra4j.testing.BadToken.EXPIRED);
            HttpResponse<String> bad = server.get("/api/auth/me", "Authorization", "Bearer " + expired);
            assertThat(bad.statusCode()).isEqualTo(200);
            assertThat(bad.body()).isEqualTo("null");
            assertThat(backend.count("/v1/users")).isZero();
        }
    }

    @Test
    void aVerifierThatCannotReachItsKeysIsA503NotSignedOut() {
        issuer.pause();
        try (ServerHarness server = ServerHarness.start(mastra(), s -> s.auth(clerk()))) {
            for (String path : new String[] {"/api/auth/me", "/api/auth/capabilities"}) {
                HttpResponse<String> response = server.get(path, "Authorization", "Bearer " + issuer.token("user_42"));
                assertThat(response.statusCode()).as(path).isEqualTo(503);
                assertThat(ServerHarness.json(response).path("error").asText())
                        .isEqualTo("Authentication service unavailable");
            }
        } finally {
            issuer.resume();
        }
    }

    @Test
    void isServedByDefaultAndCanBeSwitchedOff() {
        try (ServerHarness server =
                ServerHarness.start(mastra(), s -> s.auth(clerk()).authMeRoute(false))) {
            String token = issuer.token("user_42");
            assertThat(server.get("/api/auth/me", "Authorization", "Bearer " + token)
                            .statusCode())
                    .isEqualTo(404);
            // Capabilities stay, without the user.
            HttpResponse<String> capabilities =
                    server.get("/api/auth/capabilities", "Authorization", "Bearer " + token);
            assertThat(ServerHarness.json(capabilities))
                    .isEqualTo(ServerHarness.json("{\"enabled\":true,\"login\":null}"));
            assertThat(backend.count("/v1/users")).isZero();
        }
    }

    @Test
    void aProviderThatCannotDescribeItsUsersAnswersNull() {
        String token = "t0ken-with-enough-length";
        try (ServerHarness server = ServerHarness.start(mastra(), s -> s.auth(SimpleAuth.of(Map.of(token, "user"))))) {
            HttpResponse<String> me = server.get("/api/auth/me", "Authorization", "Bearer " + token);
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).isEqualTo("null");
            HttpResponse<String> capabilities =
                    server.get("/api/auth/capabilities", "Authorization", "Bearer " + token);
            assertThat(ServerHarness.json(capabilities))
                    .isEqualTo(ServerHarness.json("{\"enabled\":true,\"login\":null}"));
            // The token still opens the protected routes.
            assertThat(server.get("/api/agents", "Authorization", "Bearer " + token)
                            .statusCode())
                    .isEqualTo(200);
        }
    }
}
