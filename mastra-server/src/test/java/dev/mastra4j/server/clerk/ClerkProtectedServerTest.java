package dev.mastra4j.server.clerk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.auth.clerk.ClerkUser;
import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.BadToken;
import dev.mastra4j.testing.CapturedStderr;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The product's heart, end to end: a Mastra server protected by MastraAuthClerk, a real JWKS served by a
 * LocalClerkIssuer on loopback, real signed tokens, over real HTTP.
 */
class ClerkProtectedServerTest {

    private LocalClerkIssuer issuer;
    private ServerHarness server;
    private final AtomicInteger toolRuns = new AtomicInteger();

    record WhoInput(String note) {}

    @BeforeEach
    void start() {
        issuer = LocalClerkIssuer.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        issuer.close();
    }

    private void startServer(Consumer<MastraAuthClerk.Builder> clerk) {
        MastraAuthClerk.Builder builder = MastraAuthClerk.builder()
                .env(Map.of())
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .jwksUri(issuer.jwksUri().toString());
        clerk.accept(builder);
        Tool whoAmI = Tool.builder()
                .id("whoAmI")
                .description("Says who called")
                .inputSchema(WhoInput.class)
                .execute((in, ctx) -> {
                    toolRuns.incrementAndGet();
                    ClerkUser user = (ClerkUser) ctx.requestContext().user().orElseThrow();
                    return Map.of("userId", user.userId());
                })
                .build();
        Mastra.Builder mastra = Mastra.builder()
                .agent(Agent.builder()
                        .id("weatherAgent")
                        .name("Weather Agent")
                        .instructions("Weather.")
                        .env(Map.of())
                        .model("offline/weather")
                        .tools(whoAmI)
                        .build());
        MastraAuthClerk provider = builder.build();
        server = ServerHarness.start(mastra, s -> s.auth(provider));
    }

    private HttpResponse<String> listAgents(String token) {
        return server.get("/api/agents", "Authorization", "Bearer " + token);
    }

    @ParameterizedTest
    @EnumSource(BadToken.class)
    void everyBadTokenGets401WithItsReasonAndNeverReachesATool(BadToken kind) {
        startServer(clerk -> clerk.authorizedParties(LocalClerkIssuer.DEFAULT_AZP));
        String token = issuer.badToken(kind);

        HttpResponse<String> response = server.post(
                "/api/tools/whoAmI/execute", "{\"data\":{\"note\":\"x\"}}", "Authorization", "Bearer " + token);

        assertThat(response.statusCode()).as(kind.name()).isEqualTo(401);
        JsonNode body = ServerHarness.json(response);
        assertThat(body.path("error").asText()).isEqualTo("Invalid or expired token");
        assertThat(body.path("reason").asText()).as(kind.name()).isEqualTo(kind.expectedReason());
        assertThat(ServerHarness.header(response, "WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(response.body()).doesNotContain(token).doesNotContain(issuer.secretKey());
        assertThat(toolRuns).hasValue(0);
    }

    @Test
    void missingAndEmptyCredentialsAreRefused() {
        startServer(clerk -> {});
        HttpResponse<String> none = server.get("/api/agents");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(ServerHarness.json(none).path("error").asText()).isEqualTo("Authentication required");
        assertThat(ServerHarness.header(none, "WWW-Authenticate")).isEqualTo("Bearer");

        HttpResponse<String> empty = server.get("/api/agents", "Authorization", "Bearer ");
        assertThat(empty.statusCode()).isEqualTo(401);
        assertThat(ServerHarness.json(empty).path("reason").asText()).isEqualTo("token-missing");

        HttpResponse<String> basic = server.get("/api/agents", "Authorization", "Basic dXNlcjpwYXNz");
        assertThat(basic.statusCode()).isEqualTo(401);
    }

    @Test
    void validTokensPassFromTheHeaderTheCookieAndTheSuffixedCookie() {
        startServer(clerk -> {});
        assertThat(listAgents(issuer.token()).statusCode()).isEqualTo(200);
        assertThat(server.get("/api/agents", "Authorization", "bearer " + issuer.token())
                        .statusCode())
                .isEqualTo(200);
        assertThat(server.get("/api/agents", "Cookie", "theme=dark; __session=" + issuer.token())
                        .statusCode())
                .isEqualTo(200);
        assertThat(server.get("/api/agents", "Cookie", "__session_Ab3dEf9h=" + issuer.token())
                        .statusCode())
                .isEqualTo(200);
        assertThat(listAgents(issuer.tokenBuilder()
                                .v1()
                                .organization("org_1", "acme", "admin")
                                .build())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void theAuthenticatedUserReachesToolsThroughTheRequestContext() {
        startServer(clerk -> {});
        HttpResponse<String> response = server.post(
                "/api/tools/whoAmI/execute",
                "{\"data\":{\"note\":\"hi\"}}",
                "Authorization",
                "Bearer " + issuer.token("user_alice"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ServerHarness.json(response).path("userId").asText()).isEqualTo("user_alice");
    }

    /** The server fetches the JWKS as it starts (warm-up), so no request waits for it and none fetches again. */
    @Tag("slow")
    @Test
    void aThousandValidRequestsCostNoFetchBeyondTheOneAtStart() throws InterruptedException {
        startServer(clerk -> {});
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (issuer.jwksFetchCount() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(issuer.jwksFetchCount())
                .as("fetched at start, before any request")
                .isEqualTo(1);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(issuer.tokenBuilder().sessionId("sess_" + i).build());
        }
        for (String token : tokens) {
            assertThat(listAgents(token).statusCode()).isEqualTo(200);
        }
        assertThat(issuer.jwksFetchCount()).isEqualTo(1);
    }

    @Tag("slow")
    @Test
    void aFloodOfRandomKidsCostsAtMostOneFetchPerRefetchInterval() throws Exception {
        startServer(clerk -> {});
        assertThat(listAgents(issuer.token()).statusCode()).isEqualTo(200);
        issuer.resetCounts();
        List<String> flood = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            flood.add(issuer.tokenBuilder().kid("ins_" + UUID.randomUUID()).build());
        }
        long started = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (String token : flood) {
            answers.add(server.client()
                    .sendAsync(
                            server.request("/api/agents", "Authorization", "Bearer " + token)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()));
        }
        for (var answer : answers) {
            HttpResponse<String> response = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(ServerHarness.json(response).path("reason").asText()).isEqualTo("jwk-kid-mismatch");
        }
        long elapsed = System.nanoTime() - started;
        assertThat(issuer.jwksFetchCount()).isGreaterThanOrEqualTo(1).isLessThanOrEqualTo((int)
                (1 + elapsed / dev.mastra4j.auth.jwt.JwksKeySource.DEFAULT_REFETCH_INTERVAL.toNanos()));
    }

    @Test
    void duringAJwksOutageCachedKeysKeepVerifying() {
        startServer(clerk -> {});
        assertThat(listAgents(issuer.token()).statusCode()).isEqualTo(200);
        issuer.pause();
        for (int i = 0; i < 50; i++) {
            assertThat(listAgents(issuer.tokenBuilder()
                                    .sessionId("sess_outage_" + i)
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
        }
        issuer.resume();
    }

    @Test
    void aTokenMintedJustAfterAKeyRotationIsAcceptedAfterOneRefetch() {
        startServer(clerk -> {});
        String beforeRotation = issuer.token();
        assertThat(listAgents(beforeRotation).statusCode()).isEqualTo(200);
        issuer.rotateKeys();
        issuer.resetCounts();
        assertThat(listAgents(issuer.token()).statusCode()).isEqualTo(200);
        assertThat(listAgents(issuer.tokenBuilder().sessionId("sess_after").build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(listAgents(beforeRotation).statusCode())
                .as("old kid still published")
                .isEqualTo(200);
        assertThat(issuer.jwksFetchCount()).isEqualTo(1);
    }

    @Test
    void authorizeUserFalseIs403AndThrowingIs500() {
        startServer(
                clerk -> clerk.authorizeUser((user, request) -> user.userId().startsWith("user_admin")));
        assertThat(listAgents(issuer.token("user_admin_1")).statusCode()).isEqualTo(200);
        HttpResponse<String> denied = listAgents(issuer.token("user_guest"));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(ServerHarness.json(denied).path("error").asText()).isEqualTo("Access denied");
        server.close();

        startServer(clerk -> clerk.authorizeUser((user, request) -> {
            throw new IllegalStateException("directory down");
        }));
        HttpResponse<String> broken = listAgents(issuer.token());
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(ServerHarness.json(broken).path("error").asText()).isEqualTo("Authorization error");
        assertThat(broken.body()).doesNotContain("directory down").doesNotContain("IllegalStateException");
    }

    @Test
    void organizationRestrictionUsesTheTokensOrganizationClaims() {
        startServer(clerk -> clerk.organizationId("org_acme"));
        assertThat(listAgents(issuer.tokenBuilder()
                                .organization("org_acme", "acme", "member")
                                .build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(listAgents(issuer.tokenBuilder()
                                .organization("org_other", "other", "admin")
                                .build())
                        .statusCode())
                .isEqualTo(403);
        assertThat(listAgents(issuer.token()).statusCode()).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "//api/agents",
                "/api/./agents",
                "/api/x/../agents",
                "/%61pi/agents",
                "/api/agents/",
                "/api/agents;x",
                "/API/agents",
                "/api/Agents",
                "/api//agents",
                "/api/agents/weatherAgent/../../agents"
            })
    void noSpellingOfAProtectedRouteSkipsAuth(String path) {
        startServer(clerk -> {});
        HttpResponse<String> response = server.send(server.request(path).GET().build());
        assertThat(response.statusCode()).as(path).isIn(401, 404);
        if (path.startsWith("/api/") || path.startsWith("//api") || path.startsWith("/%61pi")) {
            assertThat(response.statusCode())
                    .as(path + " is under /api, so auth comes before 404")
                    .isEqualTo(401);
        }
        assertThat(server.send(server.request("/api%2Fagents").GET().build()).statusCode())
                .isEqualTo(400);
    }

    // helidon-wire: reads slf4j-simple's stderr; the Spring host logs with Logback (the Spring host runs this suite
    // without it).
    @Tag("helidon-wire")
    @Test
    void neitherLogsNorBodiesEverCarryATokenOrTheSecretKey() {
        List<String> bodies = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        String logs = CapturedStderr.during(() -> {
            startServer(clerk -> clerk.authorizedParties(LocalClerkIssuer.DEFAULT_AZP));
            for (BadToken kind : BadToken.values()) {
                String token = issuer.badToken(kind);
                tokens.add(token);
                bodies.add(listAgents(token).body());
                bodies.add(server.get("/api/agents?apiKey=" + token).body());
            }
            String good = issuer.token();
            tokens.add(good);
            bodies.add(listAgents(good).body());
            bodies.add(server.post(
                            "/api/agents/weatherAgent/generate",
                            "{\"messages\": 42}",
                            "Authorization",
                            "Bearer " + good)
                    .body());
            bodies.add(
                    server.post("/api/agents/nope/generate", "{\"messages\":\"x\"}", "Authorization", "Bearer " + good)
                            .body());
        });
        assertThat(logs)
                .as("the capture sees the auth log lines")
                .contains("token-expired")
                .contains("token-invalid-signature");
        for (String token : tokens) {
            String signature = token.length() > 40 ? token.substring(token.length() - 40) : token;
            assertThat(logs).doesNotContain(token).doesNotContain(signature);
            for (String body : bodies) {
                assertThat(body).doesNotContain(token);
            }
        }
        assertThat(logs).doesNotContain(issuer.secretKey());
        bodies.forEach(
                body -> assertThat(body).doesNotContain(issuer.secretKey()).doesNotContain("Exception"));
    }
}
