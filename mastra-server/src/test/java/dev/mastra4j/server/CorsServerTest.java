package dev.mastra4j.server;

import static dev.mastra4j.server.testing.ServerHarness.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.core.CorsOptions;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.server.testing.ServerHarness;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * CORS over real HTTP: credentials only for listed origins, and the opaque origin {@code null} never gets an allow
 * header, whatever the settings.
 */
class CorsServerTest {

    static final String APP = "https://app.example";

    private static ServerHarness start(CorsOptions cors) {
        return ServerHarness.start(
                Mastra.builder()
                        .agent(Agent.builder().id("echo").model("offline/echo").build()),
                s -> s.cors(cors));
    }

    private static HttpResponse<String> preflight(ServerHarness server, String origin) {
        return server.send(server.request("/api/agents", "Origin", origin, "Access-Control-Request-Method", "GET")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
    }

    @Test
    void aServerCannotBeConfiguredToShareCredentialsWithAnyOrigin() {
        assertThatThrownBy(() -> Mastra.builder()
                        .server(s -> s.cors(CorsOptions.builder()
                                .allowedOrigins("*")
                                .allowCredentials(true)
                                .build())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("explicit list");
    }

    @Test
    void credentialsGoOnlyToListedOriginsAndNeverToNull() {
        try (ServerHarness server = start(
                CorsOptions.builder().allowedOrigins(APP).allowCredentials(true).build())) {
            HttpResponse<String> app = server.get("/api/agents", "Origin", APP);
            assertThat(header(app, "Access-Control-Allow-Origin")).isEqualTo(APP);
            assertThat(header(app, "Access-Control-Allow-Credentials")).isEqualTo("true");

            for (String origin : new String[] {"null", "https://evil.example"}) {
                HttpResponse<String> other = server.get("/api/agents", "Origin", origin);
                assertThat(other.statusCode()).isEqualTo(200);
                assertThat(header(other, "Access-Control-Allow-Origin"))
                        .as(origin)
                        .isNull();
                assertThat(header(other, "Access-Control-Allow-Credentials"))
                        .as(origin)
                        .isNull();
                HttpResponse<String> pre = preflight(server, origin);
                assertThat(header(pre, "Access-Control-Allow-Origin"))
                        .as(origin)
                        .isNull();
                assertThat(header(pre, "Access-Control-Allow-Credentials"))
                        .as(origin)
                        .isNull();
            }
        }
    }

    @Test
    void aWildcardAnswersRealOriginsWithAStarAndTheNullOriginWithNothing() {
        try (ServerHarness server = start(CorsOptions.allowOrigins("*"))) {
            HttpResponse<String> any = server.get("/api/agents", "Origin", "https://any.example");
            assertThat(header(any, "Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(header(any, "Access-Control-Allow-Credentials")).isNull();

            HttpResponse<String> opaque = server.get("/api/agents", "Origin", "null");
            assertThat(header(opaque, "Access-Control-Allow-Origin")).isNull();
            assertThat(header(preflight(server, "null"), "Access-Control-Allow-Origin"))
                    .isNull();
        }
    }
}
