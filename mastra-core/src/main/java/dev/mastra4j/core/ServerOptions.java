package dev.mastra4j.core;

import dev.mastra4j.auth.AuthConfig;
import dev.mastra4j.auth.AuthRule;
import dev.mastra4j.auth.MastraAuthProvider;
import dev.mastra4j.auth.RoutePattern;
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
 * @param authMeRoute      serve {@code GET /api/auth/me} (the caller's profile); off by default, and only with a
 *                         provider that implements {@link dev.mastra4j.auth.UserProfileProvider}
 */
public record ServerOptions(String host, int port, long maxBodyBytes, CorsOptions cors,
                            MastraAuthProvider<?> authProvider, List<RoutePattern> publicRoutes,
                            List<RoutePattern> protectedRoutes, List<AuthRule<?>> rules, boolean allowApiKeyQuery,
                            Duration shutdownTimeout, Duration requestTimeout, boolean authMeRoute) {

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
        return Optional.of(AuthConfig.builder()
                .provider(authProvider)
                .publicRoutes(publicRoutes)
                .protectedRoutes(protectedRoutes)
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
        private boolean authMeRoute;

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

        /** Serve {@code GET /api/auth/me} with the signed-in caller's profile (401 without a valid credential). */
        public Builder authMeRoute(boolean enabled) {
            this.authMeRoute = enabled;
            return this;
        }

        public ServerOptions build() {
            return new ServerOptions(host, port, maxBodyBytes, cors, authProvider, publicRoutes, protectedRoutes, rules,
                    allowApiKeyQuery, shutdownTimeout, requestTimeout, authMeRoute);
        }
    }
}
