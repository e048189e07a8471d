package dev.mastra4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mastra4j.auth.AuthConfig;
import dev.mastra4j.auth.AuthRule;
import dev.mastra4j.auth.MastraAuthProvider;
import dev.mastra4j.auth.RoutePattern;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertThat(options.maxStreamsPerUser()).isEqualTo(16);
        assertThat(options.maxStreamBufferBytes()).isEqualTo(64 * 1024);
        assertThat(options.streamWriteTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.headerTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.maxHeaderBytes()).isEqualTo(16 * 1024);
        assertThat(options.maxConnections()).isEqualTo(ServerOptions.defaultMaxConnections());
        assertThat(options.authMeRoute()).isTrue();
        assertThat(options.apiRoutes()).isEmpty();
    }

    @Test
    void streamLimitsAreCheckedWhenBuilt() {
        ServerOptions options = ServerOptions.builder(Map.of())
                .maxStreamsPerUser(0)
                .maxStreamBufferBytes(1024)
                .streamWriteTimeout(Duration.ofMillis(500))
                .build();
        assertThat(options.maxStreamsPerUser()).isZero();
        assertThat(options.maxStreamBufferBytes()).isEqualTo(1024);
        assertThat(options.streamWriteTimeout()).isEqualTo(Duration.ofMillis(500));

        assertThatThrownBy(() ->
                        ServerOptions.builder(Map.of()).maxStreamsPerUser(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxStreamsPerUser");
        assertThatThrownBy(() -> ServerOptions.builder(Map.of())
                        .maxStreamBufferBytes(100)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxStreamBufferBytes");
        assertThatThrownBy(() -> ServerOptions.builder(Map.of())
                        .streamWriteTimeout(Duration.ZERO)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("streamWriteTimeout");
    }

    @Test
    void theDefaultConnectionCapLeavesAReserveOfTheOpenFileLimit() {
        assertThat(ServerOptions.maxConnectionsFor(1_024)).isEqualTo(768);
        assertThat(ServerOptions.maxConnectionsFor(4_096)).isEqualTo(3_072);
        assertThat(ServerOptions.maxConnectionsFor(65_536)).isEqualTo(49_152);
        assertThat(ServerOptions.maxConnectionsFor(1_048_576)).isEqualTo(786_432);
        // Small limits keep at least 256 free, but never more than half.
        assertThat(ServerOptions.maxConnectionsFor(600)).isEqualTo(344);
        assertThat(ServerOptions.maxConnectionsFor(256)).isEqualTo(128);
        assertThat(ServerOptions.maxConnectionsFor(2)).isEqualTo(1);
        assertThat(ServerOptions.maxConnectionsFor(0)).isEqualTo(1);
        assertThat(ServerOptions.maxConnectionsFor(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void theDefaultConnectionCapIsBelowThisProcesssOpenFileLimit() throws Exception {
        // Linux reports the limit the JVM runs with; it is what ulimit -n shows for this process.
        Path limits = Path.of("/proc/self/limits");
        assumeTrue(Files.isReadable(limits));
        long openFiles = Files.readAllLines(limits).stream()
                .filter(line -> line.startsWith("Max open files"))
                .map(line -> Long.parseLong(line.split("\\s+")[3]))
                .findFirst()
                .orElseThrow();
        assertThat(ServerOptions.defaultMaxConnections())
                .isEqualTo(ServerOptions.maxConnectionsFor(openFiles))
                .isLessThan((int) Math.min(Integer.MAX_VALUE, openFiles));
    }

    @Test
    void connectionAndHeaderLimitsCanBeSetAndMustBePositive() {
        ServerOptions options = ServerOptions.builder(Map.of())
                .maxConnections(100)
                .headerTimeout(Duration.ofSeconds(2))
                .idleTimeout(Duration.ofSeconds(30))
                .maxHeaderBytes(8_192)
                .build();
        assertThat(options.maxConnections()).isEqualTo(100);
        assertThat(options.headerTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.maxHeaderBytes()).isEqualTo(8_192);

        assertThatThrownBy(
                        () -> ServerOptions.builder(Map.of()).maxConnections(-1).build())
                .hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> ServerOptions.builder(Map.of())
                        .headerTimeout(Duration.ZERO)
                        .build())
                .hasMessageContaining("headerTimeout");
        assertThatThrownBy(() -> ServerOptions.builder(Map.of())
                        .idleTimeout(Duration.ofSeconds(-1))
                        .build())
                .hasMessageContaining("idleTimeout");
        assertThatThrownBy(
                        () -> ServerOptions.builder(Map.of()).maxHeaderBytes(0).build())
                .hasMessageContaining("maxHeaderBytes");
    }

    @Test
    void customRoutesArePublicForTheirMethodsOrProtectedForEveryMethod() {
        ApiRouteHandler handler = ctx -> ApiResponse.json(1);
        AuthConfig config = ServerOptions.builder(Map.of())
                .auth(PROVIDER)
                .apiRoute("/reports/:id", "GET", handler)
                .apiRoute(ApiRoute.publicRoute("/status", "ALL", handler))
                .build()
                .authConfig()
                .orElseThrow();

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
        assertThatThrownBy(() -> ServerOptions.builder(Map.of())
                        .apiRoute("/items/:id", "GET", handler)
                        .apiRoute("/items/:key", "ALL", handler)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("registered twice");
        // A public route that would open a protected one's requests.
        assertThatThrownBy(() -> ServerOptions.builder(Map.of())
                        .apiRoute(ApiRoute.publicRoute("/items/:id", "GET", handler))
                        .apiRoute("/items/secret", "GET", handler)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only one of them requires auth");
        // Overlapping paths with the same auth, or different methods, are fine: the first registered wins.
        assertThat(ServerOptions.builder(Map.of())
                        .apiRoute("/items/:id", "GET", handler)
                        .apiRoute("/items/new", "GET", handler)
                        .apiRoute(ApiRoute.publicRoute("/items/new", "POST", handler))
                        .build()
                        .apiRoutes())
                .hasSize(3);
    }

    @Test
    void hostAndPortComeFromTheEnvironmentAndTheBuilderWins() {
        ServerOptions fromEnv =
                ServerOptions.builder(Map.of("HOST", "0.0.0.0", "PORT", "8080")).build();
        assertThat(fromEnv.host()).isEqualTo("0.0.0.0");
        assertThat(fromEnv.port()).isEqualTo(8080);

        ServerOptions overridden = ServerOptions.builder(Map.of("PORT", "8080"))
                .port(0)
                .host("127.0.0.1")
                .build();
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

        AuthConfig config = ServerOptions.builder(Map.of())
                .auth(PROVIDER)
                .publicRoutes(open)
                .protectedRoutes(locked)
                .rules(rule)
                .allowApiKeyQuery(true)
                .build()
                .authConfig()
                .orElseThrow();

        assertThat(config.provider()).isSameAs(PROVIDER);
        assertThat(config.publicRoutes()).containsExactly(open);
        assertThat(config.protectedRoutes()).containsExactly(locked);
        assertThat(config.rules()).containsExactly(rule);
        assertThat(config.allowApiKeyQuery()).isTrue();
    }

    @Test
    void corsAlwaysAllowsAuthorizationAndContentType() {
        CorsOptions cors = CorsOptions.builder()
                .allowedOrigins("https://app.example")
                .allowedHeaders("X-Trace")
                .maxAge(Duration.ofMinutes(10))
                .build();

        assertThat(cors.allowedHeaders()).containsExactly("Authorization", "Content-Type", "X-Trace");
        assertThat(cors.allowsOrigin("https://app.example")).isTrue();
        assertThat(cors.allowsOrigin("https://evil.example")).isFalse();
        assertThat(CorsOptions.allowOrigins("*").allowsOrigin("https://any.example"))
                .isTrue();
        assertThat(ServerOptions.builder(Map.of()).cors(cors).build().cors()).isSameAs(cors);
    }
}
