package dev.mastra4j.spring.boot;

import static dev.mastra4j.spring.boot.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.spring.boot.health.MastraHealthIndicator;
import dev.mastra4j.storage.pg.TestPostgres;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mastra's readiness in Actuator, over real HTTP: the {@code mastra} indicator in {@code /actuator/health} and in the
 * readiness group, UP with the signing keys loaded and the store reachable, DOWN (503) when PostgreSQL stops or the
 * keys cannot be loaded, public to probes while the rest of Actuator needs a Clerk token; and mastra's meters in Boot's
 * registry at {@code /actuator/metrics}.
 */
class ActuatorHealthTest {

    static final LocalClerkIssuer ISSUER = LocalClerkIssuer.start();

    @BeforeAll
    static void onlyWithActuator() {
        // The without-actuator execution runs ActuatorAbsentTest on a class path without Actuator; not these.
        assumeFalse(ActuatorAbsentTest.WITHOUT_ACTUATOR.equals(System.getProperty(ActuatorAbsentTest.MODE)));
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    static Map<String, Object> properties(String jwksUri) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("mastra.auth.clerk.publishable-key", ISSUER.publishableKey());
        properties.put("mastra.auth.clerk.secret-key", ISSUER.secretKey());
        properties.put("mastra.auth.clerk.jwks-uri", jwksUri);
        properties.put("mastra.auth.clerk.authorized-parties", LocalClerkIssuer.DEFAULT_AZP);
        properties.put("management.endpoints.web.exposure.include", "health,metrics");
        properties.put("management.endpoint.health.show-details", "always");
        return properties;
    }

    @Test
    void upWithKeysAndStoreThenDownWhenPostgresStops() throws Exception {
        try (TestPostgres postgres = TestPostgres.start()) {
            Map<String, Object> properties = properties(ISSUER.jwksUri().toString());
            properties.put("mastra.storage.url", TestPostgres.mastraUrl(postgres.newDatabase()));
            try (ActuatorTestApplication.Running app = ActuatorTestApplication.start(properties)) {
                assertThat(app.context().getBean(MastraHealthIndicator.class)).isNotNull();
                Http http = app.http();

                // No token: probes need none.
                HttpResponse<String> ready = http.poll("/actuator/health/readiness", r -> r.statusCode() == 200);
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                JsonNode group = json(ready);
                assertThat(group.path("status").asText()).isEqualTo("UP");
                assertThat(group.path("components").has("readinessState"))
                        .as(ready.body())
                        .isTrue();
                JsonNode mastra = group.path("components").path("mastra");
                assertThat(mastra.path("status").asText()).isEqualTo("UP");
                assertThat(mastra.path("details").path("auth").path("status").asText())
                        .isEqualTo("UP");
                assertThat(mastra.path("details").path("storage").path("status").asText())
                        .isEqualTo("UP");

                HttpResponse<String> health = http.get("/actuator/health");
                assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
                assertThat(json(health)
                                .path("components")
                                .path("mastra")
                                .path("status")
                                .asText())
                        .isEqualTo("UP");
                assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);

                postgres.stop();

                HttpResponse<String> down = http.get("/actuator/health/readiness");
                assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
                JsonNode downGroup = json(down);
                assertThat(downGroup.path("status").asText()).isEqualTo("DOWN");
                JsonNode storage = downGroup
                        .path("components")
                        .path("mastra")
                        .path("details")
                        .path("storage");
                assertThat(storage.path("status").asText()).as(down.body()).isEqualTo("DOWN");
                assertThat(down.body())
                        .doesNotContain(TestPostgres.PASSWORD + "@")
                        .doesNotContain("postgresql://");
                assertThat(http.get("/actuator/health").statusCode()).isEqualTo(503);
                assertThat(http.get("/health/ready").statusCode()).isEqualTo(503);
                // Liveness is not Mastra's readiness: the process is alive.
                assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void downWhileTheSigningKeysCannotBeLoaded() throws Exception {
        String deadJwks = "http://127.0.0.1:" + ActuatorTestApplication.closedPort() + "/.well-known/jwks.json";
        try (ActuatorTestApplication.Running app = ActuatorTestApplication.start(properties(deadJwks))) {
            Http http = app.http();
            HttpResponse<String> ready = http.get("/actuator/health/readiness");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
            JsonNode auth = json(ready)
                    .path("components")
                    .path("mastra")
                    .path("details")
                    .path("auth");
            assertThat(auth.path("status").asText()).as(ready.body()).isEqualTo("DOWN");
            assertThat(auth.path("detail").asText()).isEqualTo("signing keys not loaded");
            assertThat(http.get("/health/ready").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void theApplicationsOwnHealthSettingsWin() throws Exception {
        String jwks = ISSUER.jwksUri().toString();
        // Its own readiness members: Mastra is left out.
        Map<String, Object> own = properties(jwks);
        own.put(MastraServerDefaults.READINESS_INCLUDE, "readinessState");
        try (ActuatorTestApplication.Running app = ActuatorTestApplication.start(own)) {
            HttpResponse<String> ready = app.http().get("/actuator/health/readiness");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(json(ready).path("components").has("mastra")).isFalse();
        }
        // Probes off: no readiness group, and the starter names no member of one.
        Map<String, Object> noProbes = properties(jwks);
        noProbes.put("management.endpoint.health.probes.enabled", "false");
        try (ActuatorTestApplication.Running app = ActuatorTestApplication.start(noProbes)) {
            assertThat(app.context().getEnvironment().getProperty(MastraServerDefaults.READINESS_INCLUDE))
                    .isNull();
            assertThat(app.http().get("/actuator/health/readiness").statusCode())
                    .isEqualTo(404);
            assertThat(json(app.http().poll("/actuator/health", r -> r.statusCode() == 200))
                            .path("components")
                            .has("mastra"))
                    .isTrue();
        }
        // The indicator off: the application still starts (its readiness group does not name a missing member).
        Map<String, Object> off = properties(jwks);
        off.put("management.health.mastra.enabled", "false");
        try (ActuatorTestApplication.Running app = ActuatorTestApplication.start(off)) {
            assertThat(app.context().getBeansOfType(MastraHealthIndicator.class))
                    .isEmpty();
            HttpResponse<String> ready = app.http().get("/actuator/health/readiness");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(json(ready).path("components").has("mastra")).isFalse();
        }
    }

    @Test
    void mastrasMetersReachBootsRegistryAndTheRestOfActuatorNeedsAToken() throws Exception {
        try (ActuatorTestApplication.Running app =
                ActuatorTestApplication.start(properties(ISSUER.jwksUri().toString()))) {
            Http http = app.http();
            String[] bearer = {"Authorization", "Bearer " + ISSUER.token()};
            assertThat(http.get("/api/agents", bearer).statusCode()).isEqualTo(200);
            assertThat(http.get("/api/agents", "Authorization", "Bearer not-a-token")
                            .statusCode())
                    .isEqualTo(401);

            HttpResponse<String> anonymous = http.get("/actuator/metrics/mastra.http.server.requests");
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(json(anonymous).path("error").asText()).isEqualTo("Authentication required");

            // A request's timer is recorded as its answer completes: poll briefly.
            assertThat(count(http, "/actuator/metrics/mastra.http.server.requests", bearer, 2))
                    .isGreaterThanOrEqualTo(2);
            assertThat(count(http, "/actuator/metrics/mastra.http.server.requests?tag=status:200", bearer, 1))
                    .isGreaterThanOrEqualTo(1);
            assertThat(count(http, "/actuator/metrics/mastra.auth.failures", bearer, 1))
                    .isGreaterThanOrEqualTo(1);
        }
    }

    /** The metric's COUNT at {@code path}, polled until it reaches {@code atLeast} (at most 5 s). */
    private static double count(Http http, String path, String[] bearer, double atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            HttpResponse<String> response = http.get(path, bearer);
            assertThat(response.statusCode()).as(path + " " + response.body()).isIn(200, 404);
            double count = response.statusCode() == 200 ? count(json(response)) : 0;
            if (count >= atLeast || System.nanoTime() > deadline) {
                assertThat(response.statusCode())
                        .as(path + " " + response.body())
                        .isEqualTo(200);
                return count;
            }
            Thread.sleep(100);
        }
    }

    private static double count(JsonNode metric) {
        for (JsonNode measurement : metric.path("measurements")) {
            if (measurement.path("statistic").asText().equals("COUNT")) {
                return measurement.path("value").asDouble();
            }
        }
        throw new AssertionError("No COUNT in " + metric);
    }
}
