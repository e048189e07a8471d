package dev.mastra4j.server;

import static dev.mastra4j.server.testing.ServerHarness.header;
import static dev.mastra4j.server.testing.ServerHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.auth.SimpleAuth;
import dev.mastra4j.core.CorsOptions;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.server.testing.RawHttp;
import dev.mastra4j.server.testing.ServerHarness;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server with auth on (SimpleAuth, one fixed token): public and protected routes, 401 shapes, CORS preflight
 * before auth, the user and resource id reaching tools, and no spelling of a protected path getting past auth.
 */
class AuthServerTest {

    record User(String id, String role) {}

    record Note(String note) {}

    static final String TOKEN = "alice-token-0123456789";
    static final String ORIGIN = "https://app.example";
    static final AtomicInteger COUNTED = new AtomicInteger();
    static ServerHarness server;

    @BeforeAll
    static void start() {
        Tool whoAmI = Tool.builder()
                .id("whoAmI")
                .description("What the tool can see")
                .inputSchema(Note.class)
                .execute((input, ctx) -> {
                    Map<String, Object> seen =
                            new LinkedHashMap<>(ctx.requestContext().asMap());
                    seen.put("note", input.note());
                    return seen;
                })
                .build();
        Tool counter = Tool.builder()
                .id("counter")
                .execute((input, ctx) -> Map.of("n", COUNTED.incrementAndGet()))
                .build();
        Agent agent = Agent.builder()
                .id("weatherAgent")
                .model("offline/stand-in")
                .tools(whoAmI)
                .build();
        SimpleAuth<User> auth = SimpleAuth.<User>builder()
                .token(TOKEN, new User("alice", "admin"))
                .mapUserToResourceId(user -> "user-" + user.id())
                .build();
        server = ServerHarness.start(
                Mastra.builder().agent(agent).tool(counter),
                s -> s.auth(auth)
                        .cors(CorsOptions.builder()
                                .allowedOrigins(ORIGIN)
                                .allowedHeaders("X-Custom")
                                .maxAge(Duration.ofMinutes(10))
                                .build()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String[] bearer() {
        return new String[] {"Authorization", "Bearer " + TOKEN};
    }

    @Test
    void healthAndGreetingArePublic() {
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
        assertThat(server.get("/api").statusCode()).isEqualTo(200);
    }

    @Test
    void protectedRoutesNeedAToken() {
        HttpResponse<String> none = server.get("/api/agents");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none)).isEqualTo(json("{\"error\":\"Authentication required\"}"));
        assertThat(header(none, "WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(header(none, "X-Request-Id")).isNotBlank();

        HttpResponse<String> wrong = server.get("/api/agents", "Authorization", "Bearer not-the-token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).path("error").asText()).isEqualTo("Invalid or expired token");
        assertThat(json(wrong).path("reason").asText()).isEqualTo("token-invalid");
        assertThat(header(wrong, "WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(wrong.body()).doesNotContain("not-the-token");

        HttpResponse<String> ok = server.get("/api/agents", bearer());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).has("weatherAgent")).isTrue();
        assertThat(server.get("/api/agents", "Authorization", "bEaReR " + TOKEN).statusCode())
                .isEqualTo(200);
    }

    @Test
    void unknownPathsUnderApiAre401BeforeTheyAre404() {
        assertThat(server.get("/api/nope").statusCode()).isEqualTo(401);
        assertThat(server.get("/api/agents/nope").statusCode()).isEqualTo(401);
        assertThat(server.send(server.request("/api/agents").DELETE().build()).statusCode())
                .isEqualTo(401);
        assertThat(server.get("/api/nope", bearer()).statusCode()).isEqualTo(404);
        assertThat(server.send(server.request("/api/agents", bearer()).DELETE().build())
                        .statusCode())
                .isEqualTo(405);
        // Outside /api nothing is protected, and an unknown path is simply unknown.
        assertThat(server.get("/elsewhere").statusCode()).isEqualTo(404);
    }

    @Test
    void bodyChecksComeAfterAuth() {
        HttpResponse<String> unauthenticated =
                server.post("/api/tools/counter/execute", "not json", "Content-Type", "text/plain");
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(server.post(
                                "/api/tools/counter/execute",
                                "not json",
                                "Content-Type",
                                "text/plain",
                                "Authorization",
                                "Bearer " + TOKEN)
                        .statusCode())
                .isEqualTo(415);
    }

    @Test
    void twoAuthorizationHeadersAre400AndTheQueryKeyIsOffByDefault() {
        RawHttp.Response twice = server.raw("GET /api/agents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + TOKEN + "\r\nAuthorization: Bearer " + TOKEN);
        assertThat(twice.status()).isEqualTo(400);
        assertThat(json(twice.body()).path("reason").asText()).isEqualTo("multiple-authorization-headers");

        assertThat(server.get("/api/agents?apiKey=" + TOKEN).statusCode()).isEqualTo(401);
    }

    @Test
    void corsPreflightIsAnsweredBeforeAuthWithoutData() {
        HttpResponse<String> preflight = server.send(server.request(
                        "/api/agents/weatherAgent/generate",
                        "Origin",
                        ORIGIN,
                        "Access-Control-Request-Method",
                        "POST",
                        "Access-Control-Request-Headers",
                        "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.body()).isEmpty();
        assertThat(header(preflight, "Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(header(preflight, "Access-Control-Allow-Headers"))
                .contains("Authorization")
                .contains("Content-Type")
                .contains("X-Custom");
        assertThat(header(preflight, "Access-Control-Allow-Methods")).contains("POST");
        assertThat(header(preflight, "Access-Control-Max-Age")).isEqualTo("600");

        HttpResponse<String> stranger = server.send(
                server.request("/api/agents", "Origin", "https://evil.example", "Access-Control-Request-Method", "GET")
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .build());
        assertThat(stranger.statusCode()).isEqualTo(204);
        assertThat(header(stranger, "Access-Control-Allow-Origin")).isNull();

        // Real responses, errors included, carry the CORS headers so a browser can read them.
        HttpResponse<String> denied = server.get("/api/agents", "Origin", ORIGIN);
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(header(denied, "Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(header(denied, "Access-Control-Expose-Headers")).contains("X-Request-Id");

        // An OPTIONS that is not a preflight is an ordinary request and needs auth.
        assertThat(server.send(server.request("/api/agents")
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .build())
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void theUserAndResourceIdReachToolsAndTheClientCannotReplaceThem() {
        HttpResponse<String> direct = server.post(
                "/api/agents/weatherAgent/tools/whoAmI/execute",
                "{\"data\":{\"note\":\"x\"},\"requestContext\":{\"user\":\"mallory\",\"mastra__resourceId\":\"victim\","
                        + "\"tenant\":\"acme\"}}",
                bearer());
        assertThat(direct.statusCode()).as(direct.body()).isEqualTo(200);
        JsonNode seen = json(direct);
        assertThat(seen.path(RequestContext.USER_KEY)).isEqualTo(json("{\"id\":\"alice\",\"role\":\"admin\"}"));
        assertThat(seen.path("mastra__resourceId").asText()).isEqualTo("user-alice");
        assertThat(seen.path("tenant").asText()).isEqualTo("acme");

        // Through an agent run: the offline model calls whoAmI, which sees the same server values.
        HttpResponse<String> run = server.post(
                "/api/agents/weatherAgent/generate",
                "{\"messages\":\"Note in London\",\"memory\":{\"thread\":\"t1\",\"resource\":\"victim\"},"
                        + "\"requestContext\":{\"user\":\"mallory\"}}",
                bearer());
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        JsonNode result = json(run).path("toolResults").get(0).path("result");
        assertThat(result.path("user").path("id").asText()).isEqualTo("alice");
        assertThat(result.path("mastra__resourceId").asText()).isEqualTo("user-alice");
    }

    @Test
    void theResourceIdReplacesTheClientsMemoryResource() {
        RequestContext context = new RequestContext().set(RequestContext.USER_KEY, new User("alice", "admin"));
        var request = ApiRoutes.agentRequest(
                json("{\"messages\":\"hi\",\"memory\":{\"thread\":\"t1\","
                        + "\"resource\":\"victim\"},\"requestContext\":{\"user\":\"mallory\",\"k\":\"v\"}}"),
                context,
                "user-alice",
                Duration.ofSeconds(7));
        assertThat(request.options().memory().resource()).isEqualTo("user-alice");
        assertThat(request.options().memory().thread()).isEqualTo("t1");
        assertThat(request.options().requestContext().get(RequestContext.USER_KEY))
                .isEqualTo(new User("alice", "admin"));
        assertThat(request.options().requestContext().get("k")).isEqualTo("v");
        assertThat(request.options().timeout()).isEqualTo(Duration.ofSeconds(7));

        var open = ApiRoutes.agentRequest(
                json("{\"messages\":\"hi\",\"memory\":{\"resource\":\"mine\"}}"), new RequestContext(), null, null);
        assertThat(open.options().memory().resource()).isEqualTo("mine");
    }

    /** Spellings of protected paths; none may reach a handler without a token. */
    static final List<String> BYPASS_SPELLINGS = List.of(
            "//api/agents",
            "/api/./agents",
            "/api/x/../agents",
            "/api%2Fagents",
            "/%61pi/agents",
            "/api/agents/",
            "/api/agents;x",
            "/API/agents",
            "/api//agents",
            "/./api/agents",
            "/api/agents/.",
            "/%2e/api/agents",
            "/api/%2e%2e/api/agents",
            "/api\\agents",
            "/api%5Cagents",
            "/api/agents%00",
            "/api/agents?x=/health",
            "/health/../api/agents",
            "/api/agents#frag",
            "/api/agents%20",
            "/api/%61gents");

    @Test
    void theSpellingsNamedInTheContractGetTheirExactAnswers() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("//api/agents", 401);
        expected.put("/api/./agents", 401);
        expected.put("/api/x/../agents", 401);
        expected.put("/api%2Fagents", 400);
        expected.put("/%61pi/agents", 401);
        expected.put("/api/agents/", 401);
        expected.put("/api/agents;x", 401);
        expected.put("/API/agents", 404);
        expected.forEach((path, status) -> assertThat(server.raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1")
                        .status())
                .as(path)
                .isEqualTo(status));
        // With the token, ;x and /API are simply unknown paths.
        assertThat(server.raw("GET /api/agents;x HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void noSpellingOfAProtectedPathGetsPastAuth() {
        for (String path : BYPASS_SPELLINGS) {
            RawHttp.Response response = server.raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1");
            assertThat(response.status()).as(path).isIn(400, 401, 404);
            assertThat(response.body()).as(path).doesNotContain("weatherAgent");
        }
        // Those that normalise to /api/agents are exactly as protected as it: 401 without, 200 with the token.
        for (String path : List.of(
                "//api/agents",
                "/api/./agents",
                "/api/x/../agents",
                "/%61pi/agents",
                "/api/agents/",
                "/health/../api/agents",
                "/api/%61gents")) {
            assertThat(server.raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1")
                            .status())
                    .as(path)
                    .isEqualTo(401);
            RawHttp.Response authorised =
                    server.raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "Authorization: Bearer " + TOKEN);
            assertThat(authorised.status()).as(path).isEqualTo(200);
            assertThat(authorised.body()).as(path).contains("weatherAgent");
        }
    }

    @Test
    void noSpellingOfAProtectedPostRunsItsHandlerWithoutAToken() {
        int before = COUNTED.get();
        for (String path : List.of(
                "/api/tools/counter/execute",
                "//api/tools/counter/execute",
                "/api/./tools/counter/execute",
                "/api/x/../tools/counter/execute",
                "/%61pi/tools/counter/execute",
                "/api/tools/counter/execute/",
                "/api/tools%2Fcounter/execute",
                "/API/tools/counter/execute",
                "/api/tools/counter/execute;x",
                "/health/../api/tools/counter/execute",
                "/api/tools/%63ounter/execute")) {
            byte[] body = "{\"data\":{}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            RawHttp.Response response = RawHttp.exchange(
                    server.port(),
                    "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + body.length,
                    body);
            assertThat(response.status()).as(path).isIn(400, 401, 404);
        }
        assertThat(COUNTED.get()).isEqualTo(before);
        assertThat(server.post("/api/tools/counter/execute", "{\"data\":{}}", bearer())
                        .statusCode())
                .isEqualTo(200);
        assertThat(COUNTED.get()).isEqualTo(before + 1);
    }
}
