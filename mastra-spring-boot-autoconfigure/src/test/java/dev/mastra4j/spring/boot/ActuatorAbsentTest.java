package dev.mastra4j.spring.boot;

import static dev.mastra4j.spring.boot.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mastra4j.testing.LocalClerkIssuer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.ClassUtils;

/**
 * The starter in an application without Actuator: it starts, serves the Mastra API and {@code /health/ready}, and
 * has no health indicator. Runs in the {@code without-actuator} Surefire execution, whose class path leaves Actuator
 * out (elsewhere it is skipped: Actuator is on the module's test class path).
 */
class ActuatorAbsentTest {

    static final String MODE = "mastra4j.test.actuator";
    static final String WITHOUT_ACTUATOR = "absent";

    @Test
    void theApplicationStartsAndServesMastraWithoutActuator() throws Exception {
        assumeTrue(WITHOUT_ACTUATOR.equals(System.getProperty(MODE)), "only in the without-actuator execution");
        ClassLoader loader = getClass().getClassLoader();
        assertThat(ClassUtils.isPresent("org.springframework.boot.health.contributor.HealthIndicator", loader))
                .as("Actuator's health support must be off this class path")
                .isFalse();
        assertThat(ClassUtils.isPresent("org.springframework.boot.actuate.endpoint.annotation.Endpoint", loader))
                .isFalse();

        try (LocalClerkIssuer issuer = LocalClerkIssuer.start();
                ActuatorTestApplication.Running app = ActuatorTestApplication.start(Map.of(
                        "mastra.auth.clerk.publishable-key", issuer.publishableKey(),
                        "mastra.auth.clerk.secret-key", issuer.secretKey(),
                        "mastra.auth.clerk.jwks-uri", issuer.jwksUri().toString(),
                        "mastra.auth.clerk.authorized-parties", LocalClerkIssuer.DEFAULT_AZP))) {
            assertThat(app.context().containsBean("mastraHealthIndicator")).isFalse();
            assertThat(app.context().getEnvironment().containsProperty(MastraServerDefaults.READINESS_INCLUDE))
                    .isFalse();
            Http http = app.http();
            String[] bearer = {"Authorization", "Bearer " + issuer.token()};
            HttpResponse<String> agents = http.get("/api/agents", bearer);
            assertThat(agents.statusCode()).as(agents.body()).isEqualTo(200);
            assertThat(json(agents).has("echo")).isTrue();
            HttpResponse<String> ready = http.poll("/health/ready", r -> r.statusCode() == 200);
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(json(ready).path("checks").path("auth").path("status").asText())
                    .isEqualTo("UP");
            // No Actuator: nothing answers there but the application's security, then a 404.
            assertThat(http.get("/actuator/health").statusCode()).isEqualTo(401);
            assertThat(http.get("/actuator/health", bearer).statusCode()).isEqualTo(404);
        }
    }
}
