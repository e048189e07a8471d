package dev.mastra4j.server;

import static dev.mastra4j.server.testing.ServerHarness.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.auth.clerk.ClerkUser;
import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.ApiResponse;
import dev.mastra4j.core.ApiRoute;
import dev.mastra4j.core.ApiRouteContext;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.ServerOptions;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.core.tool.ToolContext;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.BadToken;
import dev.mastra4j.testing.LocalClerkBackendApi;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our answers next to Mastra 1.71's, captured by {@code benchmarks/mastra-peer/capture-parity.sh} into
 * {@code fixtures/mastra-1.71-parity/}: the same agent, tools, custom routes and Clerk issuer setup, the same
 * requests. Most answers must be equal; the deliberate differences are asserted as such, each with its reason.
 */
class MastraParityTest {

    record WeatherInput(String location) {}

    static final AtomicInteger TOOL_RUNS = new AtomicInteger();
    static LocalClerkIssuer issuer;
    static LocalClerkBackendApi backend;
    static ServerHarness open;
    static ServerHarness clerk;

    @BeforeAll
    static void start() {
        issuer = LocalClerkIssuer.start();
        backend = LocalClerkBackendApi.forIssuer(issuer);
        backend.addUser(
                LocalClerkIssuer.DEFAULT_USER,
                "ada@example.com",
                "Ada",
                "Lovelace",
                "https://img.example/ada.png",
                Map.of("plan", "pro"));
        open = ServerHarness.start(mastra(), MastraParityTest::customRoutes);
        MastraAuthClerk provider = MastraAuthClerk.builder()
                .env(Map.of())
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .jwksUri(issuer.jwksUri().toString())
                .apiUrl(backend.apiUrl().toString())
                .build();
        clerk = ServerHarness.start(mastra(), s -> customRoutes(s.auth(provider)));
    }

    @AfterAll
    static void stop() {
        if (clerk != null) {
            clerk.close();
        }
        if (open != null) {
            open.close();
        }
        backend.close();
        issuer.close();
    }

    /** capture-parity.mjs's agent and tools. */
    static Mastra.Builder mastra() {
        Tool weather = Tool.builder()
                .id("weatherTool")
                .description("Get current weather for a location")
                .inputSchema(WeatherInput.class)
                .execute((input, ctx) -> {
                    TOOL_RUNS.incrementAndGet();
                    return Map.of("location", input.location(), "temperature", 21, "conditions", "Sunny");
                })
                .build();
        Tool calculator = Tool.builder()
                .id("calculatorTool")
                .description("Adds two numbers")
                .inputSchema(Json.MAPPER.valueToTree(Map.of(
                        "type",
                        "object",
                        "properties",
                        Map.of(
                                "a",
                                Map.of("type", "number"),
                                "b",
                                Map.of("type", "number"),
                                "options",
                                Map.of(
                                        "type",
                                        "object",
                                        "properties",
                                        Map.of("precision", Map.of("type", "integer", "minimum", 0)))),
                        "required",
                        List.of("a", "b"))))
                .execute((JsonNode input, ToolContext ctx) -> {
                    TOOL_RUNS.incrementAndGet();
                    return Map.of(
                            "sum", input.path("a").asDouble() + input.path("b").asDouble());
                })
                .build();
        Agent agent = Agent.builder()
                .id("weatherAgent")
                .name("Weather Agent")
                .instructions("You answer questions about the weather in one short sentence.")
                .env(Map.of())
                .model("offline/stand-in")
                .tools(weather, calculator)
                .build();
        return Mastra.builder().agent(agent).tool(weather).tool(calculator);
    }

    /** capture-parity.mjs's registerApiRoute calls. */
    static void customRoutes(ServerOptions.Builder s) {
        s.apiRoute(ApiRoute.publicRoute(
                        "/custom/public", "GET", ctx -> ApiResponse.json(body("ok", true, "user", userOf(ctx)))))
                .apiRoute("/custom/whoami", "GET", ctx -> ApiResponse.json(body("user", userOf(ctx))))
                .apiRoute(
                        "/custom/items/:id",
                        "POST",
                        ctx -> ApiResponse.json(body(
                                "id",
                                ctx.param("id"),
                                "q",
                                ctx.query("q").orElse(null),
                                "body",
                                ctx.json(),
                                "user",
                                userOf(ctx))))
                .apiRoute(ApiRoute.publicRoute("/custom/boom", "GET", ctx -> {
                    throw new IllegalStateException("boom: internal detail that must not reach the client");
                }));
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static Map<String, String> userOf(ApiRouteContext ctx) {
        return ctx.user().map(u -> Map.of("sub", ((ClerkUser) u).userId())).orElse(null);
    }

    // ---- the comparison -------------------------------------------------------------------------------------

    /** Sends the fixture's request to {@code server} (same method, path, body and kind of credential). */
    private static HttpResponse<String> replay(ServerHarness server, JsonNode fixture) {
        JsonNode request = fixture.path("request");
        List<String> headers = new ArrayList<>();
        switch (request.path("auth").asText()) {
            case "valid" -> headers.addAll(List.of("Authorization", "Bearer " + issuer.token()));
            case "invalid" ->
                headers.addAll(List.of("Authorization", "Bearer " + issuer.badToken(BadToken.TAMPERED_PAYLOAD)));
            default -> {}
        }
        HttpRequest.Builder builder = server.request(request.path("path").asText(), headers.toArray(String[]::new));
        String body = request.path("body").asText(null);
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(
                request.path("method").asText(),
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return server.send(builder.build());
    }

    private static JsonNode fixture(String name) {
        try (InputStream in =
                MastraParityTest.class.getResourceAsStream("/fixtures/mastra-1.71-parity/" + name + ".json")) {
            assertThat(in).as("fixture " + name).isNotNull();
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Status, media type and body exactly as Mastra answered. */
    private static void sameAsMastra(ServerHarness server, String name) {
        JsonNode fixture = fixture(name);
        HttpResponse<String> ours = replay(server, fixture);
        assertThat(ours.statusCode())
                .as(name + ": " + ours.body())
                .isEqualTo(fixture.path("status").asInt());
        assertThat(header(ours, "Content-Type")).as(name).startsWith("application/json");
        assertThat(ServerHarness.json(ours)).as(name).isEqualTo(fixture.path("body"));
    }

    private static void sameAsMastra(ServerHarness server, String... names) {
        for (String name : names) {
            sameAsMastra(server, name);
        }
    }

    @Test
    void authMeIsNullWhenSignedOutAndTheProfileWhenSignedIn() {
        sameAsMastra(open, "auth-me-auth-off");
        sameAsMastra(clerk, "auth-me-signed-out", "auth-me-invalid-token", "auth-me-signed-in");
    }

    @Test
    void capabilitiesHaveMastrasShape() {
        sameAsMastra(open, "auth-capabilities-auth-off");
        sameAsMastra(
                clerk,
                "auth-capabilities-signed-out-production",
                "auth-capabilities-signed-out-development",
                "auth-capabilities-invalid-token-development");
        // Signed in, we answer as Mastra does in development (or with a licence): the user and the capability
        // flags. Mastra in production without a licence leaves them out (auth-capabilities-signed-in-production).
        sameAsMastra(clerk, "auth-capabilities-signed-in-development");
        assertThat(fixture("auth-capabilities-signed-in-production").path("body"))
                .isEqualTo(fixture("auth-capabilities-signed-out-production").path("body"));
    }

    @Test
    void toolInputThatFailsTheSchemaIsAResultWithErrorSetAndTheToolDoesNotRun() {
        int before = TOOL_RUNS.get();
        sameAsMastra(
                open,
                "tool-execute-wrong-type",
                "tool-execute-missing-field",
                "tool-execute-nested",
                "agent-tool-execute-wrong-type",
                "agent-tool-execute-missing-field");
        sameAsMastra(clerk, "tool-execute-wrong-type-signed-in");
        assertThat(TOOL_RUNS.get()).isEqualTo(before);
        sameAsMastra(open, "tool-execute-valid");
        assertThat(TOOL_RUNS.get()).isEqualTo(before + 1);
    }

    @Test
    void aBodyThatIsNotJsonOrHasNoDataStaysA400() {
        sameAsMastra(open, "tool-execute-no-data");
        // Mastra quotes the parser's complaint, which repeats the input; ours names the place only.
        JsonNode fixture = fixture("tool-execute-not-json");
        HttpResponse<String> ours = replay(open, fixture);
        assertThat(ours.statusCode()).isEqualTo(400);
        JsonNode body = ServerHarness.json(ours);
        assertThat(body.path("error")).isEqualTo(fixture.path("body").path("error"));
        assertThat(body.path("issues").get(0).path("field"))
                .isEqualTo(fixture.path("body").path("issues").get(0).path("field"));
    }

    @Test
    void customRoutesAnswerAsMastrasWithAuthOnAndOff() {
        sameAsMastra(open, "custom-public-auth-off", "custom-protected-auth-off", "custom-items-auth-off");
        sameAsMastra(
                clerk,
                "custom-public-signed-out",
                "custom-public-signed-in",
                "custom-protected-signed-in",
                "custom-items-signed-in");
    }

    @Test
    void customRouteDifferencesAreDeliberate() {
        // Without a credential, Mastra says "Invalid or expired token"; we answer as on every protected route.
        assertThat(fixture("custom-protected-signed-out").path("status").asInt())
                .isEqualTo(401);
        HttpResponse<String> noToken = replay(clerk, fixture("custom-protected-signed-out"));
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(ServerHarness.json(noToken).path("error").asText()).isEqualTo("Authentication required");
        assertThat(header(noToken, "WWW-Authenticate")).isEqualTo("Bearer");

        // A bad token: the same 401 and message; we add the machine-readable reason and the challenge.
        JsonNode invalid = fixture("custom-protected-invalid-token");
        HttpResponse<String> badToken = replay(clerk, invalid);
        assertThat(badToken.statusCode())
                .isEqualTo(invalid.path("status").asInt())
                .isEqualTo(401);
        assertThat(ServerHarness.json(badToken).path("error"))
                .isEqualTo(invalid.path("body").path("error"));
        assertThat(ServerHarness.json(badToken).path("reason").asText()).isEqualTo("token-invalid-signature");
        assertThat(header(badToken, "WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");

        // A body that is not JSON is the client's mistake: 400, where Mastra's c.req.json() throws into a 500.
        assertThat(fixture("custom-items-bad-json").path("status").asInt()).isEqualTo(500);
        HttpResponse<String> badJson = replay(open, fixture("custom-items-bad-json"));
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(ServerHarness.json(badJson)
                        .path("issues")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("body");

        // A throwing handler is a 500 without the cause, in both; ours names the request id to find the log line.
        JsonNode boomFixture = fixture("custom-boom");
        HttpResponse<String> boom = replay(open, boomFixture);
        assertThat(boom.statusCode())
                .isEqualTo(boomFixture.path("status").asInt())
                .isEqualTo(500);
        assertThat(boom.body())
                .doesNotContain("internal detail")
                .doesNotContain("IllegalStateException")
                .doesNotContain("at dev.");
        assertThat(ServerHarness.json(boom).path("requestId").asText()).isEqualTo(header(boom, "X-Request-Id"));

        // A known path with another method: 405 with Allow, as on every route, where Mastra falls through to 404.
        HttpResponse<String> wrongMethod = replay(open, fixture("custom-wrong-method"));
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(header(wrongMethod, "Allow")).isEqualTo("GET");
    }

    @Test
    void aCustomRouteUnderApiIsRefusedWithMastrasMessage() {
        String mastraMessage =
                fixture("custom-route-reserved-prefix").path("initError").asText();
        Consumer<ServerOptions.Builder> reserved = s -> s.apiRoute("/api/custom", "GET", ctx -> ApiResponse.json(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reserved.accept(ServerOptions.builder(Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(mastraMessage);
    }
}
