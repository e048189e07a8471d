package dev.mastra4j.examples.springweather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.core.Mastra;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestConstructor;

/**
 * The example with {@code mastra.server.standalone=true}: the Mastra API on mastra4j's own server on a port of its own
 * (a free one), Clerk-protected with real signed tokens, {@code /health/ready} there; the application's port keeps
 * only the application's endpoints.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "mastra.server.standalone=true",
            "mastra.server.host=127.0.0.1",
            "mastra.server.port=0",
            "mastra.storage.url=:memory:",
            "MODEL=offline/weather",
            "mastra.auth.clerk.authorized-parties=" + LocalClerkIssuer.DEFAULT_AZP
        })
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class StandaloneTest {

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
    int appPort;

    final Mastra mastra;

    StandaloneTest(Mastra mastra) {
        this.mastra = mastra;
    }

    HttpResponse<String> get(int port, String path, String token) throws Exception {
        return LoopbackHttp.send(port, path, null, token);
    }

    @Test
    void theApiIsServedOnItsOwnPortBehindClerk() throws Exception {
        int port = mastra.port();
        assertThat(port).isPositive().isNotEqualTo(appPort);

        HttpResponse<String> agents = get(port, "/api/agents", ISSUER.token("user_standalone"));
        assertThat(agents.statusCode()).as(agents.body()).isEqualTo(200);
        assertThat(agents.body()).contains("\"weatherAgent\"");

        HttpResponse<String> anonymous = get(port, "/api/agents", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"error\":\"Authentication required\"");
        HttpResponse<String> forged = get(port, "/api/agents", ISSUER.token() + "x");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("\"error\":\"Invalid or expired token\"");
    }

    @Test
    void readinessIsServedOnTheStandalonePort() throws Exception {
        int port = mastra.port();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        HttpResponse<String> ready = get(port, "/health/ready", null);
        while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            ready = get(port, "/health/ready", null);
        }
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body())
                .contains("\"status\":\"UP\"")
                .contains("\"auth\":{\"status\":\"UP\"")
                .contains("\"storage\":{\"status\":\"UP\"");
        assertThat(get(port, "/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theApplicationsPortKeepsOnlyTheApplicationsEndpoints() throws Exception {
        String token = ISSUER.token("user_standalone");
        HttpResponse<String> me = get(appPort, "/me", token);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(me.body()).contains("\"userId\":\"user_standalone\"");
        // Mastra's paths are not served here: the application's chain lets the token in, and nothing answers.
        assertThat(get(appPort, "/api/agents", token).statusCode()).isEqualTo(404);
    }
}
