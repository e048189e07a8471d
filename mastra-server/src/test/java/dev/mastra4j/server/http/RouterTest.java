package dev.mastra4j.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final Handler NOOP = ex -> {};

    private final Router router = Router.builder()
            .get("/api/agents", "list", NOOP)
            .get("/api/agents/:agentId", "get", NOOP)
            .post("/api/agents/:agentId/generate", "generate", NOOP)
            .get("/api/agents/:agentId/tools/:toolId", "tool", NOOP)
            .build();

    @Test
    void matchesTemplatesAndCapturesParameters() {
        RouteMatch match = router.match("GET", "/api/agents/weather Agent/tools/t1");
        assertThat(match).isInstanceOfSatisfying(RouteMatch.Found.class, found -> {
            assertThat(found.route().summary()).isEqualTo("tool");
            assertThat(found.params()).isEqualTo(Map.of("agentId", "weather Agent", "toolId", "t1"));
        });
        assertThat(router.match("post", "/api/agents/a/generate")).isInstanceOf(RouteMatch.Found.class);
    }

    @Test
    void knownPathWithAnotherMethodIs405WithTheAllowedMethods() {
        assertThat(router.match("DELETE", "/api/agents/a")).isEqualTo(new RouteMatch.MethodNotAllowed(Set.of("GET")));
        assertThat(router.match("GET", "/api/agents/a/generate"))
                .isEqualTo(new RouteMatch.MethodNotAllowed(Set.of("POST")));
    }

    @Test
    void unknownPathsAreNotFoundAndMatchingIsCaseSensitive() {
        assertThat(router.match("GET", "/api/agent")).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(router.match("GET", "/API/agents")).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(router.match("GET", "/api/agents;x")).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(router.match("GET", "/api/agents/a/b")).isInstanceOf(RouteMatch.NotFound.class);
    }

    @Test
    void templatesUseMastrasColonSyntaxAndOpenApiGetsBraces() {
        assertThat(router.routes().get(3).parameterNames()).containsExactly("agentId", "toolId");
        assertThat(Route.openApiPath("/api/agents/:agentId/tools/:toolId"))
                .isEqualTo("/api/agents/{agentId}/tools/{toolId}");
        assertThat(Route.openApiPath("/api/agents")).isEqualTo("/api/agents");
        assertThat(Route.openApiPath("/")).isEqualTo("/");
    }

    @Test
    void duplicateRoutesAreRefused() {
        assertThatThrownBy(() -> Router.builder().get("/x", "a", NOOP).get("/x", "b", NOOP))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonMediaTypes() {
        assertThat(MediaTypes.isJson("application/json")).isTrue();
        assertThat(MediaTypes.isJson("application/json; charset=utf-8")).isTrue();
        assertThat(MediaTypes.isJson("APPLICATION/JSON;charset=\"UTF-8\"")).isTrue();
        assertThat(MediaTypes.isJson("application/json; charset=iso-8859-1")).isFalse();
        assertThat(MediaTypes.isJson("application/jsonx")).isFalse();
        assertThat(MediaTypes.isJson("text/plain")).isFalse();
        assertThat(MediaTypes.isJson("application/x-www-form-urlencoded")).isFalse();
    }
}
