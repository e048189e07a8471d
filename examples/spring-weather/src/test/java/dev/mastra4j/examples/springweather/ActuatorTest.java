package dev.mastra4j.examples.springweather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.testing.LocalClerkIssuer;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestConstructor;

/**
 * The example's Actuator over real HTTP: Mastra's readiness in the readiness probe (no token needed, status only), and
 * Mastra's meters in Boot's registry at {@code /actuator/prometheus} (behind the Clerk token).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "mastra.storage.url=:memory:", "MODEL=offline/weather"})
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class ActuatorTest {

    @LocalServerPort
    int port;

    final LocalClerkIssuer devIssuer;

    ActuatorTest(LocalClerkIssuer devIssuer) {
        this.devIssuer = devIssuer;
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return LoopbackHttp.send(port, path, null, token);
    }

    @Test
    void theReadinessProbeIncludesMastraAndNeedsNoToken() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        HttpResponse<String> ready = get("/actuator/health/readiness", null);
        while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            ready = get("/actuator/health/readiness", null);
        }
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void mastrasMetersAreAtActuatorPrometheusBehindTheToken() throws Exception {
        String token = devIssuer.token("user_dev");
        assertThat(get("/api/agents", token).statusCode()).isEqualTo(200);

        HttpResponse<String> anonymous = get("/actuator/prometheus", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        HttpResponse<String> scrape = get("/actuator/prometheus", token);
        while (!scrape.body().contains("mastra_http_server_requests_seconds_count") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            scrape = get("/actuator/prometheus", token);
        }
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("mastra_http_server_requests_seconds_count{")
                .contains("route=\"/api/agents\"")
                .doesNotContain(token);
    }
}
