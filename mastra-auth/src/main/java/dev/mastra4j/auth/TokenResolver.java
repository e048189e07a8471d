package dev.mastra4j.auth;

import java.util.Optional;

/**
 * Finds the credential on a request. Throws {@link AuthenticationException} with status 400 for a request
 * that is malformed rather than unauthenticated (for example two {@code Authorization} headers).
 */
@FunctionalInterface
public interface TokenResolver {

    Optional<ResolvedToken> resolve(AuthRequest request) throws AuthenticationException;

    /** {@code Authorization: Bearer <token>}, scheme case-insensitive. */
    static TokenResolver bearer() {
        return BearerTokenResolver.INSTANCE;
    }

    /** Tries this resolver, then {@code next} when this one finds nothing. */
    default TokenResolver orElse(TokenResolver next) {
        return request -> {
            Optional<ResolvedToken> found = resolve(request);
            return found.isPresent() ? found : next.resolve(request);
        };
    }
}
