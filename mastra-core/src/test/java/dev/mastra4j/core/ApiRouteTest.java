package dev.mastra4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRouteTest {

    private static final ApiRouteHandler HANDLER = ctx -> ApiResponse.json(1);

    @Test
    void pathsUnderApiAreReservedForMastrasRoutes() {
        for (String path : new String[] {"/api", "/api/x", "/api/agents/:id"}) {
            assertThatThrownBy(() -> ApiRoute.of(path, "GET", HANDLER))
                    .as(path)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must not start with \"/api\"");
        }
        // Only the /api segment itself is reserved.
        assertThat(ApiRoute.of("/apis", "GET", HANDLER).path()).isEqualTo("/apis");
        assertThat(ApiRoute.of("/x/api", "GET", HANDLER).path()).isEqualTo("/x/api");
    }

    @Test
    void pathsAreLiteralsAndParametersOnly() {
        assertThat(ApiRoute.of("/", "GET", HANDLER).segments()).isEmpty();
        assertThat(ApiRoute.of("/a-b/c.d/:id/~e_f", "GET", HANDLER).segments())
                .containsExactly("a-b", "c.d", ":id", "~e_f");
        for (String bad : new String[] {
            "items",
            "/items/",
            "//items",
            "/items//x",
            "/a/../b",
            "/a/./b",
            "/a b",
            "/a%2Fb",
            "/{id}",
            "/*",
            "/:",
            "/:1x",
            "/a/:id/:id",
            "/a?b",
            "/é"
        }) {
            assertThatThrownBy(() -> ApiRoute.of(bad, "GET", HANDLER))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void methodsAreMastrasAndAllStandsForTheFive() {
        assertThat(ApiRoute.of("/x", "post", HANDLER).method()).isEqualTo("POST");
        assertThat(ApiRoute.of("/x", "ALL", HANDLER).methods())
                .containsExactly("GET", "POST", "PUT", "DELETE", "PATCH");
        assertThatThrownBy(() -> ApiRoute.of("/x", "OPTIONS", HANDLER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiRoute.of("/x", "HEAD", HANDLER)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ApiRoute.of("/x", "GET", HANDLER).requiresAuth()).isTrue();
        assertThat(ApiRoute.publicRoute("/x", "GET", HANDLER).requiresAuth()).isFalse();
    }

    @Test
    void overlapNeedsASharedMethodAndPathsThatBothAccept() {
        ApiRoute byId = ApiRoute.of("/items/:id", "GET", HANDLER);
        assertThat(byId.overlaps(ApiRoute.of("/items/new", "GET", HANDLER))).isTrue();
        assertThat(byId.overlaps(ApiRoute.of("/items/new", "ALL", HANDLER))).isTrue();
        assertThat(byId.overlaps(ApiRoute.of("/items/new", "POST", HANDLER))).isFalse();
        assertThat(byId.overlaps(ApiRoute.of("/items/new/x", "GET", HANDLER))).isFalse();
        assertThat(byId.overlaps(ApiRoute.of("/things/new", "GET", HANDLER))).isFalse();
    }

    @Test
    void responsesCarryJsonTextOrNothing() {
        ApiResponse json = ApiResponse.json(Map.of("a", List.of(1, 2)));
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.contentType()).isEqualTo("application/json");
        assertThat(new String(json.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":[1,2]}");
        assertThat(new String(ApiResponse.json(201, null).body(), StandardCharsets.UTF_8))
                .isEqualTo("null");
        assertThat(ApiResponse.text(202, "ok").contentType()).isEqualTo("text/plain; charset=UTF-8");
        assertThat(ApiResponse.empty(204).body()).isEmpty();
        assertThat(ApiResponse.empty(204).contentType()).isNull();

        byte[] body = json.body();
        body[0] = 'X';
        assertThat(json.body()[0]).isEqualTo((byte) '{');
    }

    @Test
    void statusesAndHeadersAreChecked() {
        for (int status : new int[] {100, 199, 600, 0, -1}) {
            assertThatThrownBy(() -> ApiResponse.empty(status))
                    .as("status " + status)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ApiResponse.text(204, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiResponse.text(304, "x")).isInstanceOf(IllegalArgumentException.class);

        ApiResponse ok =
                ApiResponse.json(1).withHeader("Cache-Control", "no-store").withHeader("cache-control", "max-age=1");
        assertThat(ok.headers()).containsExactly(Map.entry("cache-control", "max-age=1"));
        for (String name : new String[] {
            "Content-Type", "content-length", "Transfer-Encoding", "Connection", "X-Request-Id", "Bad Name", "A:B", ""
        }) {
            assertThatThrownBy(() -> ApiResponse.json(1).withHeader(name, "v"))
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (String value : new String[] {"a\r\nSet-Cookie: x=1", "a\nb", "a\u0000b", "a\u007fb"}) {
            assertThatThrownBy(() -> ApiResponse.json(1).withHeader("X-Note", value))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(ApiResponse.json(1).withHeader("X-Note", "tab\there").headers())
                .containsKey("X-Note");
    }
}
