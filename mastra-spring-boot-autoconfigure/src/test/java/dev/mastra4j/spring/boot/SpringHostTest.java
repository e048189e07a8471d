package dev.mastra4j.spring.boot;

import static dev.mastra4j.spring.boot.Http.header;
import static dev.mastra4j.spring.boot.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.testing.BadToken;
import dev.mastra4j.testing.LocalClerkIssuer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a Spring Boot application on Tomcat (virtual threads on), over real HTTP with real signed tokens: the
 * Mastra API on the application's port, protected by Clerk, and the application's own controller protected by the
 * same verifier, with the same refusals.
 */
@SpringBootTest(
        classes = TestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.threads.virtual.enabled=true",
            "server.address=127.0.0.1",
            "mastra.storage.url=:memory:",
            "mastra.auth.clerk.authorized-parties=" + LocalClerkIssuer.DEFAULT_AZP
        })
class SpringHostTest {

    static final LocalClerkIssuer ISSUER = LocalClerkIssuer.start();

    @DynamicPropertySource
    static void clerk(DynamicPropertyRegistry registry) {
        registry.add("mastra.auth.clerk.publishable-key", ISSUER::publishableKey);
        registry.add("mastra.auth.clerk.secret-key", ISSUER::secretKey);
        registry.add("mastra.auth.clerk.jwks-uri", () -> ISSUER.jwksUri().toString());
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    Mastra mastra;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    @Autowired
    SimpleMeterRegistry meters;

    @Test
    void bootsMeterRegistryGetsMastrasMeters() throws Exception {
        assertThat(mastra.serverOptions().observability().meterRegistry()).isSameAs(meters);
        http.get("/api/agents", bearer(ISSUER.token()));
        http.get("/api/agents", bearer("not-a-token"));
        assertThat(meters.find("mastra.http.server.requests").timers())
                .anySatisfy(t -> assertThat(t.getId().getTag("status")).isEqualTo("200"));
        assertThat(meters.find("mastra.auth.failures").counters())
                .anySatisfy(c -> assertThat(c.count()).isPositive());
    }

    @Test
    void agentAndToolBeansMakeTheMastraBean() {
        assertThat(mastra.getAgents()).containsOnlyKeys("weatherAgent", "echo");
        assertThat(mastra.getTools()).containsKey("cityTool");
        assertThat(mastra.storage()).isPresent();
        assertThat(mastra.serverOptions().authProvider()).isNotNull();
    }

    @Test
    void theAgentsAreListedOnTheApplicationsPort() {
        HttpResponse<String> response = http.get("/api/agents", bearer(ISSUER.token()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).has("weatherAgent")).isTrue();
        assertThat(header(response, "X-Request-Id")).isNotBlank();
        assertThat(http.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void generateAnswers() {
        HttpResponse<String> response =
                http.post("/api/agents/echo/generate", "{\"messages\":\"hello there\"}", bearer(ISSUER.token()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("text").asText()).contains("hello there");
    }

    @Test
    void aStreamArrivesAsServerSentEventsEndingWithDone() {
        HttpResponse<String> response =
                http.post("/api/agents/echo/stream", "{\"messages\":\"stream me\"}", bearer(ISSUER.token()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Content-Type")).startsWith("text/event-stream");
        List<String> frames = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data: ")) {
                frames.add(line.substring(6));
            }
        }
        assertThat(frames).isNotEmpty();
        assertThat(frames.getLast()).isEqualTo("[DONE]");
        assertThat(String.join("", frames)).contains("stream me");
    }

    @Test
    void memoryIsKeptPerThreadInTheConfiguredStore() {
        String token = ISSUER.token("user_mem");
        HttpResponse<String> first = http.post(
                "/api/agents/echo/generate",
                "{\"messages\":\"remember the blue door\",\"memory\":{\"thread\":\"t-1\",\"resource\":\"user_mem\"}}",
                bearer(token));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        HttpResponse<String> messages =
                http.get("/api/memory/threads/t-1/messages?agentId=echo&resourceId=user_mem", bearer(token));
        assertThat(messages.statusCode()).as(messages.body()).isEqualTo(200);
        assertThat(messages.body()).contains("remember the blue door");
        // Another user cannot read it.
        HttpResponse<String> other =
                http.get("/api/memory/threads/t-1/messages?agentId=echo", bearer(ISSUER.token("user_other")));
        assertThat(other.statusCode()).isIn(403, 404);
    }

    @Test
    void withoutCredentialsTheApiAndTheApplicationAnswerTheSame401() {
        HttpResponse<String> api = http.get("/api/agents");
        HttpResponse<String> app = http.get("/me");
        for (HttpResponse<String> response : List.of(api, app)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(json(response).path("error").asText()).isEqualTo("Authentication required");
            assertThat(header(response, "WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(header(response, "Content-Type")).startsWith("application/json");
        }
        assertThat(api.body()).isEqualTo(app.body());
    }

    @ParameterizedTest
    @EnumSource(BadToken.class)
    void everyBadTokenGetsTheSameRefusalFromTheApiAndTheApplication(BadToken kind) {
        String token = ISSUER.badToken(kind);
        HttpResponse<String> api = http.get("/api/agents", bearer(token));
        HttpResponse<String> app = http.get("/me", bearer(token));
        for (HttpResponse<String> response : List.of(api, app)) {
            assertThat(response.statusCode()).as(kind.name()).isEqualTo(401);
            JsonNode body = json(response);
            assertThat(body.path("error").asText()).isEqualTo("Invalid or expired token");
            assertThat(body.path("reason").asText()).as(kind.name()).isEqualTo(kind.expectedReason());
            assertThat(header(response, "WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
            assertThat(response.body()).doesNotContain(token);
        }
        assertThat(app.body()).isEqualTo(api.body());
    }

    @Test
    void theApplicationsControllerGetsTheClerkUserAndItsAuthorities() {
        String token = ISSUER.tokenBuilder()
                .subject("user_alice")
                .v1()
                .organization("org_1", "acme", "org:admin")
                .v1OrgPermissions(List.of("org:invoices:read"))
                .build();
        HttpResponse<String> me = http.get("/me", bearer(token));
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        JsonNode body = json(me);
        assertThat(body.path("userId").asText()).isEqualTo("user_alice");
        List<String> authorities = new ArrayList<>();
        body.path("authorities").forEach(node -> authorities.add(node.asText()));
        assertThat(authorities).containsExactlyInAnyOrder("org:admin", "org:invoices:read");

        HttpResponse<String> report = http.get("/admin/report", bearer(token));
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(json(report)).isEqualTo(Http.JSON.valueToTree(Map.of("org", "org_1")));
    }

    @Test
    void anAuthorityRuleRefusesWithMastrasAccessDenied() {
        String member = ISSUER.tokenBuilder()
                .subject("user_bob")
                .v1()
                .organization("org_1", "acme", "org:member")
                .build();
        HttpResponse<String> response = http.get("/admin/report", bearer(member));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).path("error").asText()).isEqualTo("Access denied");
    }

    @Test
    void theApplicationsPathsAreNotMastras() {
        HttpResponse<String> response = http.get("/nothing-here", bearer(ISSUER.token()));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(header(response, "X-Request-Id")).isNull();
    }
}
