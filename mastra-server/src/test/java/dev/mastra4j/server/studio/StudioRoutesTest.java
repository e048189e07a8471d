package dev.mastra4j.server.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.ServerOptions;
import dev.mastra4j.core.StudioOptions;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Studio over plain HTTP: what is served, with which headers, and that it stays public while the API does not. */
class StudioRoutesTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private static Mastra start(Consumer<ServerOptions.Builder> server) {
        return Mastra.builder()
                .agent(Agent.builder()
                        .id("echo")
                        .name("Echo")
                        .instructions("Echo.")
                        .env(Map.of())
                        .model("offline/echo")
                        .build())
                .server(s -> server.accept(s.host("127.0.0.1").port(0)))
                .build()
                .start();
    }

    private HttpResponse<String> get(Mastra mastra, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(mastra.url().resolve(path).toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageAndItsVersionedFilesArePublicWithAStrictPolicyWhileTheApiStaysProtected() throws Exception {
        try (LocalClerkIssuer issuer = LocalClerkIssuer.start();
                Mastra mastra = start(s -> s.studio(true)
                        .auth(MastraAuthClerk.builder()
                                .env(Map.of())
                                .publishableKey(issuer.publishableKey())
                                .secretKey(issuer.secretKey())
                                .jwksUri(issuer.jwksUri().toString())
                                .build()))) {
            HttpResponse<String> page = get(mastra, "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp)
                    .contains("script-src 'self';")
                    .contains("connect-src 'self';")
                    .contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline")
                    .doesNotContain("unsafe-eval");
            // No inline script: every script is a file; asset addresses are relative (a path prefix works).
            assertThat(page.body()).doesNotContain("<script>").doesNotContain("%STUDIO_BASE%");
            Matcher app =
                    Pattern.compile("src=\"(studio/([0-9a-f]{12})/app\\.js)\"").matcher(page.body());
            assertThat(app.find()).isTrue();

            HttpResponse<String> script = get(mastra, "/" + app.group(1));
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
            assertThat(script.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
            assertThat(script.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(script.body()).contains("import");

            assertThat(get(mastra, "/studio/000000000000/app.js").statusCode()).isEqualTo(404);
            assertThat(get(mastra, "/studio/" + app.group(2) + "/secret.js").statusCode())
                    .isEqualTo(404);

            HttpResponse<String> config = get(mastra, "/studio/config.json");
            assertThat(config.statusCode()).isEqualTo(200);
            assertThat(config.body()).isEqualTo("{\"mode\":\"token\"}");
            assertThat(config.headers().firstValue("Cache-Control")).hasValue("no-store");

            assertThat(get(mastra, "/api/agents").statusCode()).isEqualTo(401);
            assertThat(get(mastra, "/api/openapi.json").body())
                    .doesNotContain("\"/\"")
                    .doesNotContain("/studio/");
        }
    }

    @Test
    void clerkModeNamesTheFrontendApiDerivedFromThePublishableKey() throws Exception {
        String key = "pk_test_"
                + Base64.getEncoder().encodeToString("foo-bar-13.clerk.accounts.dev$".getBytes(StandardCharsets.UTF_8));
        try (Mastra mastra = start(s -> s.studio(StudioOptions.clerk(key, null)))) {
            assertThat(get(mastra, "/studio/config.json").body())
                    .isEqualTo("{\"mode\":\"clerk\",\"publishableKey\":\"" + key + "\",\"clerkJsUrl\":"
                            + "\"https://foo-bar-13.clerk.accounts.dev/npm/@clerk/clerk-js@5/dist/clerk.browser.js\"}");
            String csp = get(mastra, "/")
                    .headers()
                    .firstValue("Content-Security-Policy")
                    .orElseThrow();
            assertThat(csp)
                    .contains("connect-src 'self' https://foo-bar-13.clerk.accounts.dev;")
                    .contains(
                            "script-src 'self' https://foo-bar-13.clerk.accounts.dev https://challenges.cloudflare.com;")
                    .contains("frame-ancestors 'none'");
        }
        try (Mastra mastra = start(s -> s.studio(StudioOptions.clerk(key, "http://127.0.0.1:9/clerk.js")))) {
            assertThat(get(mastra, "/studio/config.json").body())
                    .contains("\"clerkJsUrl\":\"http://127.0.0.1:9/clerk.js\"");
            assertThat(get(mastra, "/")
                            .headers()
                            .firstValue("Content-Security-Policy")
                            .orElseThrow())
                    .contains("connect-src 'self' https://foo-bar-13.clerk.accounts.dev http://127.0.0.1:9;");
        }
    }

    @Test
    void studioIsOffByDefaultAndWithoutAuthThePageCallsTheApiWithoutCredentials() throws Exception {
        try (Mastra mastra = start(s -> {})) {
            assertThat(get(mastra, "/").statusCode()).isEqualTo(404);
            assertThat(get(mastra, "/studio/config.json").statusCode()).isEqualTo(404);
        }
        try (Mastra mastra = start(s -> s.studio(true))) {
            assertThat(get(mastra, "/studio/config.json").body()).isEqualTo("{\"mode\":\"none\"}");
        }
    }

    @Test
    void theFrontendApiIsDerivedAsClerksSdksDeriveIt() {
        String live =
                "pk_live_" + Base64.getEncoder().encodeToString("clerk.example.com$".getBytes(StandardCharsets.UTF_8));
        assertThat(ClerkFrontendApi.fromPublishableKey(live).host()).isEqualTo("clerk.example.com");
        assertThat(ClerkFrontendApi.fromPublishableKey(live).clerkJsUrl())
                .isEqualTo("https://clerk.example.com/npm/@clerk/clerk-js@5/dist/clerk.browser.js");
        String noDollar =
                "pk_test_" + Base64.getEncoder().encodeToString("clerk.example.com".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ClerkFrontendApi.fromPublishableKey(noDollar))
                .isInstanceOf(IllegalArgumentException.class);
        String injected = "pk_test_"
                + Base64.getEncoder().encodeToString("x.com; script-src *$".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ClerkFrontendApi.fromPublishableKey(injected))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StudioOptions.clerk("sk_test_abc", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
