package dev.mastra4j.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The options every auth provider shares, stored once, as Mastra's {@code MastraAuthProvider.registerOptions} does:
 * extra public and protected route patterns, rules, where credentials are found, and the mapping of a user to the
 * memory resource id. A provider returns them from {@link MastraAuthProvider#options()}, whose default accessors
 * ({@link MastraAuthProvider#publicRoutes()} and the others) read them; provider builders extend {@link Builder}.
 *
 * @param publicRoutes    extra public patterns, added to the server's defaults (default none)
 * @param protectedRoutes extra protected patterns, added to the server's defaults (default none)
 * @param rules           rules tried in order after {@code authorizeUser}; empty means no rule check (the default)
 * @param tokenResolver   where credentials are found (default {@code Authorization: Bearer} only)
 * @param resourceIdMapper the memory resource id owned by a user, or null (the default) to leave the client's
 *                        value alone
 * @param <U> the user type the provider produces
 */
public record AuthProviderOptions<U>(
        List<RoutePattern> publicRoutes,
        List<RoutePattern> protectedRoutes,
        List<AuthRule<? super U>> rules,
        TokenResolver tokenResolver,
        Function<? super U, String> resourceIdMapper) {

    private static final AuthProviderOptions<Object> DEFAULTS =
            new AuthProviderOptions<>(List.of(), List.of(), List.of(), TokenResolver.bearer(), null);

    public AuthProviderOptions {
        publicRoutes = List.copyOf(publicRoutes);
        protectedRoutes = List.copyOf(protectedRoutes);
        rules = List.copyOf(rules);
        Objects.requireNonNull(tokenResolver, "tokenResolver");
    }

    /** No extra routes, no rules, bearer tokens only, no resource-id mapping. */
    @SuppressWarnings("unchecked")
    public static <U> AuthProviderOptions<U> defaults() {
        return (AuthProviderOptions<U>) DEFAULTS;
    }

    /** The resource id for {@code user} from {@link #resourceIdMapper}, or null without a mapper. */
    public String mapUserToResourceId(U user) {
        return resourceIdMapper == null ? null : resourceIdMapper.apply(user);
    }

    /**
     * The shared setters of every provider builder, each written once. A provider builder extends this with its own
     * type as {@code B}, so that the setters chain; {@link #tokenResolver} is public only where a provider lets the
     * application choose (a provider with a fixed resolver, such as Clerk's, leaves it protected).
     *
     * @param <U> the user type the rules and the resource-id mapper see
     * @param <B> the concrete builder
     */
    public abstract static class Builder<U, B extends Builder<U, B>> {
        private final List<RoutePattern> publicRoutes = new ArrayList<>();
        private final List<RoutePattern> protectedRoutes = new ArrayList<>();
        private final List<AuthRule<? super U>> rules = new ArrayList<>();
        private TokenResolver tokenResolver = TokenResolver.bearer();
        private Function<? super U, String> resourceIdMapper;

        protected Builder() {}

        /** Extra public patterns, added to the server's defaults and to those given before. */
        public B publicRoutes(List<RoutePattern> patterns) {
            publicRoutes.addAll(patterns);
            return self();
        }

        /** Extra protected patterns, added to the server's defaults and to those given before. */
        public B protectedRoutes(List<RoutePattern> patterns) {
            protectedRoutes.addAll(patterns);
            return self();
        }

        /** Rules tried in order after {@code authorizeUser}, added to those given before. */
        public B rules(List<? extends AuthRule<? super U>> rules) {
            this.rules.addAll(rules);
            return self();
        }

        /** Maps a user to the memory resource id the server enforces; null from the mapper leaves the client's. */
        public B mapUserToResourceId(Function<? super U, String> mapper) {
            this.resourceIdMapper = Objects.requireNonNull(mapper, "mapper");
            return self();
        }

        /** Where tokens are read from; by default {@code Authorization: Bearer} only. */
        protected B tokenResolver(TokenResolver tokenResolver) {
            this.tokenResolver = Objects.requireNonNull(tokenResolver, "tokenResolver");
            return self();
        }

        /** The options given so far. */
        protected AuthProviderOptions<U> options() {
            return new AuthProviderOptions<>(publicRoutes, protectedRoutes, rules, tokenResolver, resourceIdMapper);
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }
    }
}
