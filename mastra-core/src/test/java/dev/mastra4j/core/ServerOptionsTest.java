package dev.mastra4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.auth.AuthConfig;
import dev.mastra4j.auth.AuthRule;
import dev.mastra4j.auth.MastraAuthProvider;
import dev.mastra4j.auth.RoutePattern;
import dev.mastra4j.core.server.ApiResponse;
import dev.mastra4j.core.server.ApiRoute;
import dev.mastra4j.core.server.ApiRouteHandler;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    private static final MastraAuthProvider<String> PROVIDER = (token, request) -> "user";

    @Test
    void defaults() {
        ServerOptions options = ServerOptions.builder(Map.of()).build();

        assertThat(options.host()).isEqualTo("localhost");
        assertThat(options.port()).isEqualTo(4111);
        assertThat(options.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(options.cors()).isNull();
        assertThat(options.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.requestTimeout()).isNull();
        assertThat(options.allowApiKeyQuery()).isFalse();
        assertThat(options.authConfig()).isEmpty();
        assertThat(options.authMeRoute()).isTrue();
        assertThat(options.apiRoutes()).isEmpty();
    }

    @Test
    void customRoutesArePublicForTheirMethodsOrProtectedForEveryMethod() {
        ApiRouteHandler handler = ctx -> ApiResponse.json(1);
        AuthConfig config = ServerOptions.builder(Map.of()).auth(PROVIDER)
                .apiRoute("/reports/:id", "GET", handler)
                .apiRoute(ApiRoute.publicRoute("/status", "ALL", handler))
                .build().authConfig().orElseThrow();

        assertThat(config.protectedRoutes()).singleElement().satisfies(p -> {
            assertThat(p.matches("GET", "/reports/7")).isTrue();
            assertThat(p.matches("DELETE", "/reports/7")).isTrue();
            assertThat(p.matches("GET", "/reports")).isFalse();
        });
        assertThat(config.publicRoutes()).singleElement().satisfies(p -> {
            assertThat(p.matches("PATCH", "/status")).isTrue();
            assertThat(p.matches("OPTIONS", "/status")).isFalse();
        });
    }

    @Test
    void customRoutesThatAuthCouldNotTellApartAreRefused() {
        ApiRouteHandler handler = ctx -> ApiResponse.json(1);
        // The same shape and method twice.
        assertThatThrownBy(() -> ServerOptions.builder(Map.of()).apiRoute("/items/:id", "GET", handler)
                .apiRoute("/items/:key", "ALL", handler).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registered twice");
        // A public route that would open a protected one's requests.
        assertThatThrownBy(() -> ServerOptions.builder(Map.of())
                .apiRoute(ApiRoute.publicRoute("/items/:id", "GET", handler))
                .apiRoute("/items/secret", "GET", handler).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only one of them requires auth");
        // Overlapping paths with the same auth, or different methods, are fine: the first registered wins.
        assertThat(ServerOptions.builder(Map.of()).apiRoute("/items/:id", "GET", handler)
                .apiRoute("/items/new", "GET", handler)
                .apiRoute(ApiRoute.publicRoute("/items/new", "POST", handler)).build().apiRoutes()).hasSize(3);
    }

    @Test
    void hostAndPortComeFromTheEnvironmentAndTheBuilderWins() {
        ServerOptions fromEnv = ServerOptions.builder(Map.of("HOST", "0.0.0.0", "PORT", "8080")).build();
        assertThat(fromEnv.host()).isEqualTo("0.0.0.0");
        assertThat(fromEnv.port()).isEqualTo(8080);

        ServerOptions overridden = ServerOptions.builder(Map.of("PORT", "8080")).port(0).host("127.0.0.1").build();
        assertThat(overridden.port()).isZero();
        assertThat(overridden.host()).isEqualTo("127.0.0.1");

        assertThatThrownBy(() -> ServerOptions.builder(Map.of("PORT", "http"))).hasMessageContaining("PORT");
        assertThatThrownBy(() -> ServerOptions.builder(Map.of()).port(70000).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void authConfigCarriesProviderRoutesRulesAndOptIns() {
        RoutePattern open = RoutePattern.of("/api/public/*");
        RoutePattern locked = RoutePattern.of("/custom/*");
        AuthRule<String> rule = AuthRule.allow(RoutePattern.of("/api/*"));

        AuthConfig config = ServerOptions.builder(Map.of()).auth(PROVIDER).publicRoutes(open)
                .protectedRoutes(locked).rules(rule).allowApiKeyQuery(true).build().authConfig().orElseThrow();

        assertThat(config.provider()).isSameAs(PROVIDER);
        assertThat(config.publicRoutes()).containsExactly(open);
        assertThat(config.protectedRoutes()).containsExactly(locked);
        assertThat(config.rules()).containsExactly(rule);
        assertThat(config.allowApiKeyQuery()).isTrue();
    }

    @Test
    void corsAlwaysAllowsAuthorizationAndContentType() {
        CorsOptions cors = CorsOptions.builder().allowedOrigins("https://app.example").allowedHeaders("X-Trace")
                .maxAge(Duration.ofMinutes(10)).build();

        assertThat(cors.allowedHeaders()).containsExactly("Authorization", "Content-Type", "X-Trace");
        assertThat(cors.allowsOrigin("https://app.example")).isTrue();
        assertThat(cors.allowsOrigin("https://evil.example")).isFalse();
        assertThat(CorsOptions.allowOrigins("*").allowsOrigin("https://any.example")).isTrue();
        assertThat(ServerOptions.builder(Map.of()).cors(cors).build().cors()).isSameAs(cors);
    }
}
