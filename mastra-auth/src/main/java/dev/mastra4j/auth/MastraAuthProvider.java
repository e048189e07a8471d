package dev.mastra4j.auth;

import java.util.List;

/**
 * Mastra's auth provider contract. The server resolves credentials with {@link #tokenResolver()},
 * authenticates them with {@link #authenticateToken}, then authorizes with {@link #authorizeUser} and
 * the configured rules.
 *
 * @param <U> the user type this provider produces
 */
public interface MastraAuthProvider<U> extends AutoCloseable {

    /** Verifies the token and returns the user, or throws {@link AuthenticationException} with a reason. */
    U authenticateToken(String token, AuthRequest request) throws AuthenticationException;

    /** Decides whether an authenticated user may make this request. Throwing is treated as an error (500), never as access. */
    default boolean authorizeUser(U user, AuthRequest request) {
        return true;
    }

    /**
     * Called once on a background thread after the server starts: fetch keys, load classes, so that the first
     * request does not pay for it. Must not throw; failures are left for requests to report.
     */
    default void warmUp() {}

    /**
     * Whether the provider can verify tokens now: its signing keys are loaded (a JWKS fetched at least once and still
     * usable). A server answers its readiness check with 503 while this is false. Default: always ready (a provider
     * with fixed keys, or none).
     */
    default boolean ready() {
        return true;
    }

    /**
     * Hands {@code observer} to the provider's background parts (JWKS fetches), replacing any earlier one. The server
     * calls it once, before {@link #warmUp()}, to record metrics. Default: nothing to observe.
     */
    default void observe(AuthObserver observer) {}

    /**
     * The options this provider shares with every other (routes, rules, token resolver, resource-id mapping), stored
     * once as Mastra's {@code registerOptions} does. The accessors below read them; the default has none of each and
     * reads only {@code Authorization: Bearer}.
     */
    default AuthProviderOptions<U> options() {
        return AuthProviderOptions.defaults();
    }

    /** Where this provider finds credentials. The default reads only {@code Authorization: Bearer}. */
    default TokenResolver tokenResolver() {
        return options().tokenResolver();
    }

    /** Extra public patterns, added to the server's defaults. */
    default List<RoutePattern> publicRoutes() {
        return options().publicRoutes();
    }

    /** Extra protected patterns, added to the server's defaults. */
    default List<RoutePattern> protectedRoutes() {
        return options().protectedRoutes();
    }

    /** Rules tried in order after {@link #authorizeUser}; empty means no rule check. */
    default List<AuthRule<? super U>> rules() {
        return options().rules();
    }

    /** The memory resource id owned by this user, or {@code null} to leave the client's value alone. */
    default String mapUserToResourceId(U user) {
        return options().mapUserToResourceId(user);
    }

    /**
     * Releases what the provider holds (background key refresh, HTTP clients). The server calls it when it is closed
     * ({@code Mastra.close()}), after the last request. Must be safe to call more than once; the default does nothing.
     */
    @Override
    default void close() {}
}
