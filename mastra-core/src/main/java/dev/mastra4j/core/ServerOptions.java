package dev.mastra4j.core;

import dev.mastra4j.auth.AuthConfig;
import dev.mastra4j.auth.AuthRule;
import dev.mastra4j.auth.MastraAuthProvider;
import dev.mastra4j.auth.RoutePattern;
import dev.mastra4j.core.server.ApiRoute;
import dev.mastra4j.core.server.ApiRouteHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Mastra#start()} serves the API.
 *
 * @param host             interface to bind (env {@code HOST}, default {@code localhost})
 * @param port             port to bind (env {@code PORT}, default 4111; 0 = any free port)
 * @param maxBodyBytes     larger request bodies get 413 (default 1 MiB)
 * @param cors             CORS settings; null = CORS off
 * @param authProvider     null = every route open, as in Mastra
 * @param publicRoutes     extra public patterns
 * @param protectedRoutes  extra protected patterns
 * @param rules            authorization rules, tried in order
 * @param allowApiKeyQuery accept {@code ?apiKey=}; off by default since URLs end up in logs
 * @param shutdownTimeout  how long {@link Mastra#close()} waits for in-flight requests (default 10 s)
 * @param requestTimeout   limit for one agent run started by a request; null = none
 * @param authMeRoute      serve {@code GET /api/auth/me} as Mastra does (default true): the caller's profile from a
 *                         provider that implements {@link dev.mastra4j.auth.UserProfileProvider}, else {@code null};
 *                         false answers 404 there and leaves the user out of {@code GET /api/auth/capabilities}
 * @param apiRoutes        custom routes ({@link ApiRoute}, Mastra's {@code server.apiRoutes}), in order; none by
 *                         default
 */
public record ServerOptions(String host, int port, long maxBodyBytes, CorsOptions cors,
                            MastraAuthProvider<?> authProvider, List<RoutePattern> publicRoutes,
                            List<RoutePattern> protectedRoutes, List<AuthRule<?>> rules, boolean allowApiKeyQuery,
                            Duration shutdownTimeout, Duration requestTimeout, boolean authMeRoute,
                            List<ApiRoute> apiRoutes) {

    public static final int DEFAULT_PORT = 4111;
    public static final String DEFAULT_HOST = "localhost";
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    public ServerOptions {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        publicRoutes = List.copyOf(publicRoutes);
        protectedRoutes = List.copyOf(protectedRoutes);
        rules = List.copyOf(rules);
        shutdownTimeout = shutdownTimeout == null ? DEFAULT_SHUTDOWN_TIMEOUT : shutdownTimeout;
        apiRoutes = apiRoutes == null ? List.of() : List.copyOf(apiRoutes);
        checkApiRoutes(apiRoutes);
    }

    /**
     * Two custom routes that some request could match both: the same path shape and method is refused, and so is an
     * overlap where one is public and the other protected (the auth patterns could not tell them apart). Otherwise
     * the first registered wins, as in Mastra (Hono).
     */
    private static void checkApiRoutes(List<ApiRoute> routes) {
        for (int i = 0; i < routes.size(); i++) {
            for (int j = 0; j < i; j++) {
                ApiRoute earlier = routes.get(j);
                ApiRoute later = routes.get(i);
                if (!earlier.overlaps(later)) {
                    continue;
                }
                if (shape(earlier).equals(shape(later))) {
                    throw new IllegalArgumentException("Custom API route registered twice: " + later.method() + " "
                            + later.path() + " (already " + earlier.method() + " " + earlier.path() + ")");
                }
                if (earlier.requiresAuth() != later.requiresAuth()) {
                    throw new IllegalArgumentException("Custom API routes " + earlier.method() + " " + earlier.path()
                            + " and " + later.method() + " " + later.path() + " can match the same request, but only "
                            + "one of them requires auth");
                }
            }
        }
    }

    /** The path with every parameter as {@code :}: two routes of the same shape match exactly the same paths. */
    private static String shape(ApiRoute route) {
        return String.join("/", route.segments().stream().map(s -> s.startsWith(":") ? ":" : s).toList());
    }

    /** Options with the defaults, reading {@code HOST} and {@code PORT} from the process environment. */
    public static Builder builder() {
        return new Builder(System.getenv());
    }

    /** Options with the defaults, reading {@code HOST} and {@code PORT} from {@code env} (for tests). */
    public static Builder builder(Map<String, String> env) {
        return new Builder(env);
    }

    /** The auth settings, present when a provider is set. */
    public Optional<AuthConfig> authConfig() {
        if (authProvider == null) {
            return Optional.empty();
        }
        // Custom routes: a public one is public for its own methods only; a protected one is protected for every
        // method, so that another method on its path is a 401 before the 405, as under /api.
        List<RoutePattern> publicPatterns = new ArrayList<>(publicRoutes);
        List<RoutePattern> protectedPatterns = new ArrayList<>(protectedRoutes);
        for (ApiRoute route : apiRoutes) {
            if (route.requiresAuth()) {
                protectedPatterns.add(RoutePattern.of(route.path()));
            } else {
                publicPatterns.add(RoutePattern.of(route.path(), route.methods().toArray(String[]::new)));
            }
        }
        return Optional.of(AuthConfig.builder()
                .provider(authProvider)
                .publicRoutes(publicPatterns)
                .protectedRoutes(protectedPatterns)
                .rules(rules)
                .allowApiKeyQuery(allowApiKeyQuery)
                .build());
    }

    public static final class Builder {
        private String host;
        private int port;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private CorsOptions cors;
        private MastraAuthProvider<?> authProvider;
        private final List<RoutePattern> publicRoutes = new ArrayList<>();
        private final List<RoutePattern> protectedRoutes = new ArrayList<>();
        private final List<AuthRule<?>> rules = new ArrayList<>();
        private boolean allowApiKeyQuery;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private Duration requestTimeout;
        private boolean authMeRoute = true;
        private final List<ApiRoute> apiRoutes = new ArrayList<>();

        private Builder(Map<String, String> env) {
            Map<String, String> e = env == null ? Map.of() : env;
            String envHost = e.get("HOST");
            host = envHost == null || envHost.isBlank() ? DEFAULT_HOST : envHost.trim();
            String envPort = e.get("PORT");
            port = DEFAULT_PORT;
            if (envPort != null && !envPort.isBlank()) {
                try {
                    port = Integer.parseInt(envPort.trim());
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("PORT must be a number, was '" + envPort + "'");
                }
            }
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder maxBodyBytes(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder cors(CorsOptions cors) {
            this.cors = cors;
            return this;
        }

        public Builder auth(MastraAuthProvider<?> provider) {
            this.authProvider = provider;
            return this;
        }

        public Builder publicRoutes(RoutePattern... patterns) {
            publicRoutes.addAll(List.of(patterns));
            return this;
        }

        public Builder protectedRoutes(RoutePattern... patterns) {
            protectedRoutes.addAll(List.of(patterns));
            return this;
        }

        public Builder rules(AuthRule<?>... rules) {
            this.rules.addAll(List.of(rules));
            return this;
        }

        public Builder allowApiKeyQuery(boolean allow) {
            this.allowApiKeyQuery = allow;
            return this;
        }

        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = timeout;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * Serve {@code GET /api/auth/me} (default true, as Mastra): the signed-in caller's profile, {@code null} when
         * signed out. False: 404, and {@code GET /api/auth/capabilities} never includes the user.
         */
        public Builder authMeRoute(boolean enabled) {
            this.authMeRoute = enabled;
            return this;
        }

        /**
         * Adds a protected custom route: Mastra's {@code registerApiRoute(path, {method, handler})}.
         *
         * @see ApiRoute for the path and method rules
         */
        public Builder apiRoute(String path, String method, ApiRouteHandler handler) {
            return apiRoute(ApiRoute.of(path, method, handler));
        }

        /** Adds a custom route, public or protected ({@link ApiRoute#publicRoute}, {@link ApiRoute#of}). */
        public Builder apiRoute(ApiRoute route) {
            apiRoutes.add(Objects.requireNonNull(route, "route"));
            return this;
        }

        public ServerOptions build() {
            return new ServerOptions(host, port, maxBodyBytes, cors, authProvider, publicRoutes, protectedRoutes, rules,
                    allowApiKeyQuery, shutdownTimeout, requestTimeout, authMeRoute, apiRoutes);
        }
    }
}
