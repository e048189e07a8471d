package dev.mastra4j.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Server-side auth settings: the provider plus the server's own patterns, rules and opt-ins. */
public record AuthConfig(
        MastraAuthProvider<?> provider,
        List<RoutePattern> publicRoutes,
        List<RoutePattern> protectedRoutes,
        List<AuthRule<?>> rules,
        boolean allowApiKeyQuery) {

    /** Mastra's defaults: everything under {@code /api} is protected except the greeting and the auth routes. */
    public static final List<RoutePattern> DEFAULT_PROTECTED = List.of(RoutePattern.of("/api/*"));

    public static final List<RoutePattern> DEFAULT_PUBLIC =
            List.of(RoutePattern.of("/api"), RoutePattern.of("/health"), RoutePattern.of("/api/auth/*"));

    public AuthConfig {
        Objects.requireNonNull(provider, "provider");
        publicRoutes = List.copyOf(publicRoutes);
        protectedRoutes = List.copyOf(protectedRoutes);
        rules = List.copyOf(rules);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private MastraAuthProvider<?> provider;
        private final List<RoutePattern> publicRoutes = new ArrayList<>();
        private final List<RoutePattern> protectedRoutes = new ArrayList<>();
        private final List<AuthRule<?>> rules = new ArrayList<>();
        private boolean allowApiKeyQuery;

        public Builder provider(MastraAuthProvider<?> provider) {
            this.provider = provider;
            return this;
        }

        public Builder publicRoutes(List<RoutePattern> patterns) {
            publicRoutes.addAll(patterns);
            return this;
        }

        public Builder protectedRoutes(List<RoutePattern> patterns) {
            protectedRoutes.addAll(patterns);
            return this;
        }

        public Builder rules(List<? extends AuthRule<?>> rules) {
            this.rules.addAll(rules);
            return this;
        }

        /** Also accept {@code ?apiKey=<token>}. Off by default: tokens in URLs end up in logs. */
        public Builder allowApiKeyQuery(boolean allow) {
            this.allowApiKeyQuery = allow;
            return this;
        }

        public AuthConfig build() {
            return new AuthConfig(provider, publicRoutes, protectedRoutes, rules, allowApiKeyQuery);
        }
    }
}
