package dev.mastra4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.server.testing.ServerHarness;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The Helidon engine records per-route timers into Micrometer's global registry. */
class MetricsTest {

    @Test
    void eachRequestIsTimedByMethodRouteTemplateAndStatus() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        try (ServerHarness server = ServerHarness.start(Mastra.builder()
                .agent(Agent.builder().id("echoAgent").model("offline/echo").build()))) {
            server.get("/health");
            server.get("/health");
            server.get("/api/agents/echoAgent");
            server.get("/api/agents/secret-name-1");
            server.get("/api/agents/secret-name-2");
            server.get("/no/such/path");
        } finally {
            Metrics.removeRegistry(registry);
        }
        assertThat(timer(registry, "GET", "/health", "200").count()).isEqualTo(2);
        assertThat(timer(registry, "GET", "/api/agents/{agentId}", "200").count())
                .isEqualTo(1);
        // Path parameters and unknown paths never become tag values.
        assertThat(timer(registry, "GET", "/api/agents/{agentId}", "404").count())
                .isEqualTo(2);
        assertThat(timer(registry, "GET", "unmatched", "404").count()).isEqualTo(1);
        assertThat(registry.getMeters())
                .noneMatch(m -> String.valueOf(m.getId().getTag("route")).contains("secret"));
    }

    private static Timer timer(SimpleMeterRegistry registry, String method, String route, String status) {
        Timer timer = registry.find("mastra.http.server.requests")
                .tags("method", method, "route", route, "status", status)
                .timer();
        assertThat(timer).as(method + " " + route + " " + status).isNotNull();
        return timer;
    }
}
