package dev.mastra4j.spring.boot;

import static dev.mastra4j.spring.boot.Http.header;
import static dev.mastra4j.spring.boot.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.ServerOptions;
import dev.mastra4j.core.StudioOptions;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;

/** {@code mastra.server.*} properties on {@code ServerOptions}, and Studio on the application's port over real HTTP. */
class SpringPropertiesTest {

    @Test
    void serverPropertiesMapOntoServerOptionsAndStudioIsServed() throws Exception {
        try (LocalClerkIssuer issuer = LocalClerkIssuer.start();
                ActuatorTestApplication.Running app = ActuatorTestApplication.start(Map.ofEntries(
                        Map.entry("mastra.auth.clerk.publishable-key", issuer.publishableKey()),
                        Map.entry("mastra.auth.clerk.secret-key", issuer.secretKey()),
                        Map.entry("mastra.auth.clerk.jwks-uri", issuer.jwksUri().toString()),
                        Map.entry("mastra.auth.clerk.authorized-parties", LocalClerkIssuer.DEFAULT_AZP),
                        Map.entry("mastra.server.studio", "true"),
                        Map.entry("mastra.server.request-timeout", "45s"),
                        Map.entry("mastra.server.max-stream-buffer-size", "8KB"),
                        Map.entry("mastra.server.capture-message-content", "true"),
                        Map.entry("mastra.server.public-routes", "GET /api/agents"),
                        Map.entry("mastra.server.protected-routes", "/health/ready"),
                        Map.entry("mastra.server.max-connections", "123"),
                        Map.entry("mastra.server.header-timeout", "7s"),
                        Map.entry("mastra.server.idle-timeout", "2m"),
                        Map.entry("mastra.server.max-header-size", "32KB"),
                        Map.entry("mastra.server.prometheus.enabled", "true"),
                        Map.entry("mastra.server.prometheus.path", "/scrape"),
                        Map.entry("mastra.approval-timeout", "5m")))) {
            ServerOptions options = app.context().getBean(Mastra.class).serverOptions();
            assertThat(app.context().getBean(Mastra.class).suspendedRuns().timeout())
                    .isEqualTo(Duration.ofMinutes(5));
            assertThat(options.studio()).isEqualTo(StudioOptions.clerk(issuer.publishableKey(), null));
            assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(45));
            assertThat(options.maxStreamBufferBytes()).isEqualTo(8 * 1024);
            assertThat(options.observability().captureMessageContent()).isTrue();
            assertThat(options.maxConnections()).isEqualTo(123);
            assertThat(options.headerTimeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(options.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
            assertThat(options.maxHeaderBytes()).isEqualTo(32 * 1024);
            assertThat(options.observability().prometheusPath()).isEqualTo("/scrape");

            Http http = app.http();
            // Studio's page and its sign-in configuration, public, on the application's port.
            HttpResponse<String> page = http.get("/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(header(page, "Content-Type")).startsWith("text/html");
            assertThat(header(page, "Content-Security-Policy")).contains("default-src 'none'");
            HttpResponse<String> config = http.get("/studio/config.json");
            assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
            assertThat(json(config).path("mode").asText()).isEqualTo("clerk");
            assertThat(json(config).path("publishableKey").asText()).isEqualTo(issuer.publishableKey());

            // The extra public route needs no token; the extra protected one does.
            assertThat(http.get("/api/agents").statusCode()).isEqualTo(200);
            assertThat(http.get("/api/agents/echo").statusCode()).isEqualTo(401);
            assertThat(http.get("/health/ready").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void routeEntriesAreAPathOrMethodsThenAPath() {
        assertThat(MastraAutoConfiguration.routes(List.of("/a", "get,post /b/*", " DELETE /c/:id "), "p"))
                .extracting(pattern -> pattern.matches("GET", "/b/x"))
                .containsExactly(false, true, false);
        assertThat(MastraAutoConfiguration.routes(List.of("get,post /b/*"), "p")[0].matches("PUT", "/b/x"))
                .isFalse();
        assertThatThrownBy(() -> MastraAutoConfiguration.routes(List.of("GET api"), "mastra.server.public-routes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mastra.server.public-routes");
    }

    @Test
    void withoutClerkStudioAsksForAToken() {
        assertThat(MastraAutoConfiguration.studioOptions(null, new MastraProperties.Clerk(), new StandardEnvironment()))
                .isEqualTo(StudioOptions.DEFAULT);
    }
}
