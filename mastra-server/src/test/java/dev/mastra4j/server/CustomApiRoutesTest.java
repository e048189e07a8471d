package dev.mastra4j.server;

import static dev.mastra4j.server.testing.ServerHarness.header;
import static dev.mastra4j.server.testing.ServerHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.auth.AuthRule;
import dev.mastra4j.auth.RoutePattern;
import dev.mastra4j.auth.clerk.ClerkUser;
import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.ApiResponse;
import dev.mastra4j.core.ApiRoute;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.error.MastraException;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.BadToken;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Custom API routes ({@code ServerOptions.apiRoute}) through the whole pipeline, over real HTTP with real tokens. */
class CustomApiRoutesTest {

    record Item(String name, int count) {}

    static LocalClerkIssuer issuer;
    static ServerHarness server;

    @BeforeAll
    static void start() {
        issuer = LocalClerkIssuer.start();
        server = ServerHarness.start(
                mastra(),
                s -> s.auth(clerk())
                        .maxBodyBytes(1024)
                        .apiRoute(ApiRoute.publicRoute("/status", "GET", ctx -> ApiResponse.text(200, "up")))
                        .apiRoute(
                                "/me",
                                "GET",
                                ctx -> ApiResponse.json(Map.of(
                                        "user", ((ClerkUser) ctx.user().orElseThrow()).userId(),
                                        "resource",
                                                String.valueOf(
                                                        ctx.requestContext().get("mastra__resourceId")))))
                        .apiRoute(
                                "/items/:id/parts/:part",
                                "GET",
                                ctx -> ApiResponse.json(Map.of(
                                        "params",
                                        ctx.params(),
                                        "id",
                                        ctx.param("id"),
                                        "q",
                                        ctx.queries("q"),
                                        "header",
                                        ctx.header("X-Trace").orElse("none"),
                                        "path",
                                        ctx.path())))
                        .apiRoute("/items/:id", "PUT", ctx -> {
                            Item item = ctx.json(Item.class);
                            return ApiResponse.json(
                                            201,
                                            Map.of(
                                                    "id",
                                                    ctx.param("id"),
                                                    "name",
                                                    item.name(),
                                                    "count",
                                                    item.count(),
                                                    "method",
                                                    ctx.method()))
                                    .withHeader("Location", "/items/" + ctx.param("id"));
                        })
                        .apiRoute(
                                "/echo",
                                "POST",
                                ctx -> ApiResponse.json(Map.of(
                                        "body", ctx.json(), "empty", ctx.json().isMissingNode())))
                        .apiRoute("/any", "ALL", ctx -> ApiResponse.json(Map.of("method", ctx.method())))
                        .apiRoute("/gone", "DELETE", ctx -> ApiResponse.empty(204))
                        .apiRoute("/teapot", "GET", ctx -> {
                            throw new MastraException(418, "I'm a teapot");
                        })
                        .apiRoute("/null", "GET", ctx -> null)
                        .apiRoute(
                                "/agents",
                                "GET",
                                ctx -> ApiResponse.json(ctx.mastra().getAgents().keySet()))
                        .apiRoute(ApiRoute.publicRoute("/boom", "POST", ctx -> {
                            throw new IllegalStateException("secret internal detail");
                        })));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        issuer.close();
    }

    static Mastra.Builder mastra() {
        return Mastra.builder()
                .agent(Agent.builder()
                        .id("echo")
                        .name("Echo")
                        .instructions("Echo.")
                        .env(Map.of())
                        .model("offline/echo")
                        .build());
    }

    static MastraAuthClerk clerk() {
        return MastraAuthClerk.builder()
                .env(Map.of())
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .jwksUri(issuer.jwksUri().toString())
                .build();
    }

    private static String[] bearer() {
        return new String[] {"Authorization", "Bearer " + issuer.token("user_7")};
    }

    private static HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = server.request(path, headers);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return server.send(b.method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    // helidon-wire: Tomcat writes "text/plain;charset=UTF-8", without the space (the Spring host runs this suite
    // without it).
    @Tag("helidon-wire")
    @Test
    void aPublicRouteNeedsNoTokenAndSeesNoUser() {
        HttpResponse<String> response = server.get("/status");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("up");
        assertThat(header(response, "Content-Type")).isEqualTo("text/plain; charset=UTF-8");
    }

    @Test
    void aProtectedRouteIs401WithoutATokenAndSeesTheUserWithOne() {
        HttpResponse<String> none = server.get("/me");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none)).isEqualTo(json("{\"error\":\"Authentication required\"}"));
        assertThat(header(none, "WWW-Authenticate")).isEqualTo("Bearer");

        String expired = issuer.badToken(BadToken.EXPIRED);
        HttpResponse<String> bad = server.get("/me", "Authorization", "Bearer " + expired);
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(json(bad).path("reason").asText()).isEqualTo("token-expired");
        assertThat(bad.body()).doesNotContain(expired);

        HttpResponse<String> ok = server.get("/me", bearer());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        // The user, and the resource id Clerk maps it to (its sub), as on the built-in routes.
        assertThat(json(ok)).isEqualTo(json("{\"user\":\"user_7\",\"resource\":\"user_7\"}"));
    }

    @Test
    void protectedRoutesAre401BeforeAnyOtherAnswer() {
        // Another method on a protected path, or a path that only a protected route could match: 401, not 405/404.
        assertThat(send("DELETE", "/me", null).statusCode()).isEqualTo(401);
        assertThat(server.get("/items/1/parts/2").statusCode()).isEqualTo(401);
        // With a token, the method is checked.
        HttpResponse<String> wrongMethod = send("DELETE", "/me", null, bearer());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(header(wrongMethod, "Allow")).isEqualTo("GET");
    }

    @Test
    void pathParametersQueryAndHeadersReachTheHandlerDecoded() {
        String[] headers = {"Authorization", "Bearer " + issuer.token("user_7"), "X-Trace", "t-1"};
        HttpResponse<String> response = server.get("/items/a%20b/parts/%C3%A9?q=1&q=two%21", headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(json("""
                {"params":{"id":"a b","part":"é"},"id":"a b","q":["1","two!"],"header":"t-1",
                 "path":"/items/a b/parts/é"}"""));
    }

    @Test
    void aJsonBodyIsParsedAndBoundAndABadOneIs400() {
        HttpResponse<String> created =
                send("PUT", "/items/9", "{\"name\":\"bolt\",\"count\":3,\"extra\":true}", bearer());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created)).isEqualTo(json("{\"id\":\"9\",\"name\":\"bolt\",\"count\":3,\"method\":\"PUT\"}"));
        assertThat(header(created, "Location")).isEqualTo("/items/9");

        HttpResponse<String> malformed = send("PUT", "/items/9", "{\"name\":", bearer());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).path("issues").get(0).path("field").asText()).isEqualTo("body");

        HttpResponse<String> wrongShape = send("PUT", "/items/9", "{\"name\":\"bolt\",\"count\":\"many\"}", bearer());
        assertThat(wrongShape.statusCode()).isEqualTo(400);
        assertThat(json(wrongShape).path("issues").get(0).path("message").asText())
                .isEqualTo("Expected JSON that fits Item")
                .doesNotContain("many");

        HttpResponse<String> empty = send("PUT", "/items/9", "", bearer());
        assertThat(empty.statusCode()).isEqualTo(400);

        HttpResponse<String> echoed = send("POST", "/echo", "[1,{\"a\":null}]", bearer());
        assertThat(json(echoed)).isEqualTo(json("{\"body\":[1,{\"a\":null}],\"empty\":false}"));
        assertThat(json(send("POST", "/echo", "", bearer()))).isEqualTo(json("{\"body\":null,\"empty\":true}"));
    }

    @Test
    void bodiesGoThroughTheSameLimitsAsBuiltInRoutes() {
        HttpResponse<String> tooLarge = send("POST", "/echo", "[\"" + "x".repeat(2000) + "\"]", bearer());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        HttpRequest text = server.request("/echo", bearer())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hi"))
                .build();
        assertThat(server.send(text).statusCode()).isEqualTo(415);
        // Auth comes first: a public route's body limits apply without a token, a protected route's after it.
        assertThat(send("POST", "/echo", "[\"" + "x".repeat(2000) + "\"]").statusCode())
                .isEqualTo(401);
    }

    @Test
    void aThrowingHandlerIs500WithoutItsMessageOrAStackTrace() {
        HttpResponse<String> response = send("POST", "/boom", "{}");
        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode body = json(response);
        assertThat(body.path("error").asText()).isEqualTo("Internal server error");
        assertThat(body.path("requestId").asText()).isEqualTo(header(response, "X-Request-Id"));
        assertThat(response.body())
                .doesNotContain("secret")
                .doesNotContain("IllegalStateException")
                .doesNotContain("at dev.");

        HttpResponse<String> nothing = server.get("/null", bearer());
        assertThat(nothing.statusCode()).isEqualTo(500);
        assertThat(json(nothing).path("error").asText()).isEqualTo("Internal server error");
    }

    @Test
    void aMastraExceptionChoosesTheStatus() {
        HttpResponse<String> response = server.get("/teapot", bearer());
        assertThat(response.statusCode()).isEqualTo(418);
        assertThat(json(response)).isEqualTo(json("{\"error\":\"I'm a teapot\"}"));
    }

    @Test
    void allAnswersEveryMethodAndEmptyResponsesHaveNoBody() {
        for (String method : new String[] {"GET", "POST", "PUT", "DELETE", "PATCH"}) {
            HttpResponse<String> response = send(
                    method,
                    "/any",
                    method.equals("POST") || method.equals("PUT") || method.equals("PATCH") ? "{}" : null,
                    bearer());
            assertThat(response.statusCode()).as(method).isEqualTo(200);
            assertThat(json(response).path("method").asText()).isEqualTo(method);
        }
        HttpResponse<String> gone = send("DELETE", "/gone", null, bearer());
        assertThat(gone.statusCode()).isEqualTo(204);
        assertThat(gone.body()).isEmpty();
    }

    @Test
    void theHandlerReachesTheMastraInstance() {
        assertThat(json(server.get("/agents", bearer()))).isEqualTo(json("[\"echo\"]"));
    }

    @Test
    void builtInRoutesAreUnchanged() {
        assertThat(server.get("/api/agents").statusCode()).isEqualTo(401);
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void theOpenApiDocumentListsCustomRoutesWithTheirSecurity() {
        JsonNode paths = json(server.get("/api/openapi.json", bearer())).path("paths");
        JsonNode parts = paths.path("/items/{id}/parts/{part}").path("get");
        assertThat(parts.path("tags").get(0).asText()).isEqualTo("custom");
        assertThat(parts.path("parameters"))
                .extracting(p -> p.path("name").asText())
                .containsExactly("id", "part");
        assertThat(parts.path("security").isArray()).isTrue();
        assertThat(paths.path("/status").path("get").has("security")).isFalse();
        assertThat(paths.path("/any").size()).isEqualTo(5);
    }

    @Test
    void aRouteThatShadowsABuiltInRouteIsRefusedAtStart() {
        assertThatThrownBy(() ->
                        ServerHarness.start(mastra(), s -> s.apiRoute("/health", "GET", ctx -> ApiResponse.json(1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("conflicts with the built-in route GET /health");
        assertThatThrownBy(() ->
                        ServerHarness.start(mastra(), s -> s.apiRoute("/:page", "ALL", ctx -> ApiResponse.json(1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /health");
    }

    @Test
    void rulesApplyToProtectedCustomRoutes() {
        try (ServerHarness ruled = ServerHarness.start(
                mastra(),
                s -> s.auth(clerk())
                        .rules(AuthRule.allow(RoutePattern.of("/api/*")))
                        .apiRoute("/report", "GET", ctx -> ApiResponse.json(1))
                        .apiRoute(ApiRoute.publicRoute("/open", "GET", ctx -> ApiResponse.json(2))))) {
            // No rule matches /report: denied, as any protected route without a rule.
            assertThat(ruled.get("/report", bearer()).statusCode()).isEqualTo(403);
            assertThat(ruled.get("/api/agents", bearer()).statusCode()).isEqualTo(200);
            assertThat(ruled.get("/open").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withAuthOffEveryCustomRouteIsOpen() {
        try (ServerHarness open = ServerHarness.start(
                mastra(),
                s -> s.apiRoute(
                        "/me",
                        "GET",
                        ctx -> ApiResponse.json(Map.of("signedIn", ctx.user().isPresent()))))) {
            HttpResponse<String> response = open.get("/me");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response)).isEqualTo(json("{\"signedIn\":false}"));
        }
    }
}
