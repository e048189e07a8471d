package dev.mastra4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
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

/** The opt-in {@code GET /api/auth/me}: public to the pipeline, so it must verify the credential itself. */
class AuthMeRouteTest {

    private LocalClerkIssuer issuer;
    private LocalClerkBackendApi backend;

    @BeforeEach
    void start() {
        issuer = LocalClerkIssuer.start();
        backend = LocalClerkBackendApi.forIssuer(issuer);
        backend.addUser("user_42", "ada@example.com", "Ada", "Lovelace", "https://img.example/ada.png", Map.of("plan", "pro"));
    }

    @AfterEach
    void stop() {
        backend.close();
        issuer.close();
    }

    private Mastra.Builder mastra() {
        return Mastra.builder().agent(Agent.builder().id("echo").name("Echo").instructions("Echo.")
                .env(Map.of()).model("offline/echo").build());
    }

    private MastraAuthClerk clerk() {
        return MastraAuthClerk.builder().env(Map.of())
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .jwksUri(issuer.jwksUri().toString())
                .apiUrl(backend.apiUrl().toString())
                .build();
    }

    @Test
    void returnsTheSignedInUsersProfileFromTheBackendApi() {
        try (ServerHarness server = ServerHarness.start(mastra(), s -> s.auth(clerk()).authMeRoute(true))) {
            HttpResponse<String> response = server.get("/api/auth/me", "Authorization", "Bearer " + issuer.token("user_42"));
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode me = ServerHarness.json(response);
            assertThat(me.path("id").asText()).isEqualTo("user_42");
            assertThat(me.path("email").asText()).isEqualTo("ada@example.com");
            assertThat(me.path("name").asText()).isEqualTo("Ada Lovelace");
            assertThat(response.body()).doesNotContain(issuer.secretKey());
            assertThat(backend.count("/v1/users/user_42")).isEqualTo(1);
        }
    }

    @Test
    void withoutOrWithABadTokenItAnswersLikeAProtectedRoute() {
        try (ServerHarness server = ServerHarness.start(mastra(), s -> s.auth(clerk()).authMeRoute(true))) {
            HttpResponse<String> none = server.get("/api/auth/me");
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(ServerHarness.header(none, "WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(ServerHarness.json(none).path("error").asText()).isEqualTo("Authentication required");

            String expired = issuer.badToken(dev.mastra4j.testing.BadToken.EXPIRED);
            HttpResponse<String> bad = server.get("/api/auth/me", "Authorization", "Bearer " + expired);
            assertThat(bad.statusCode()).isEqualTo(401);
            assertThat(ServerHarness.json(bad).path("reason").asText()).isEqualTo("token-expired");
            assertThat(ServerHarness.header(bad, "WWW-Authenticate")).contains("invalid_token");
            assertThat(bad.body()).doesNotContain(expired);
            assertThat(backend.count("/v1/users")).isZero();
        }
    }

    @Test
    void isOffByDefault() {
        try (ServerHarness server = ServerHarness.start(mastra(), s -> s.auth(clerk()))) {
            HttpResponse<String> response = server.get("/api/auth/me", "Authorization", "Bearer " + issuer.token("user_42"));
            assertThat(response.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void needsAProviderThatCanDescribeItsUsers() {
        assertThatThrownBy(() -> ServerHarness.start(mastra(),
                s -> s.auth(SimpleAuth.of(Map.of("t0ken-with-enough-length", "user"))).authMeRoute(true)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("UserProfileProvider");
    }
}
