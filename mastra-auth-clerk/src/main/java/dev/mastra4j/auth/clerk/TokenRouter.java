package dev.mastra4j.auth.clerk;

import dev.mastra4j.auth.AuthReason;
import dev.mastra4j.auth.AuthRequest;
import dev.mastra4j.auth.AuthenticationException;
import dev.mastra4j.auth.TokenResolver;
import dev.mastra4j.auth.jwt.JwtVerifier;
import dev.mastra4j.auth.jwt.VerifiedTokenCache;
import java.util.Set;

/**
 * Decides which verifier a Clerk credential goes to. Session tokens are verified locally (and cached until they
 * expire) and never involve the Backend API. Machine tokens are verified only when their type is accepted and they
 * came in the {@code Authorization} header: the token must equal that header's bearer value, so one taken from a
 * cookie (or a query parameter) is refused. JWT-form machine tokens of a type the server does not accept go through
 * the session checks, which refuse them.
 */
final class TokenRouter {

    private final Set<TokenType> accepted;
    private final boolean acceptsMachineJwts;
    private final JwtVerifier sessions;
    private final VerifiedTokenCache<ClerkUser> cache;
    private final BackendClients backend;

    TokenRouter(ClerkOptions options, JwtVerifier sessions, BackendClients backend) {
        this.accepted = options.accepted();
        this.acceptsMachineJwts = options.acceptsMachineJwts();
        this.sessions = sessions;
        this.cache = new VerifiedTokenCache<>(options.verifiedTokenCacheSize());
        this.backend = backend;
    }

    /** See {@link MastraAuthClerk#authenticateToken}. */
    ClerkPrincipal authenticate(String token, AuthRequest request) {
        if (token == null || token.isEmpty()) {
            throw new AuthenticationException(AuthReason.TOKEN_INVALID, "Token is empty");
        }
        TokenType type = acceptsMachineJwts ? TokenType.of(token) : TokenType.byPrefix(token);
        boolean machine = type != TokenType.SESSION_TOKEN && (type.isOpaque(token) || accepted.contains(type));
        if (!machine) {
            if (!accepted.contains(TokenType.SESSION_TOKEN)) {
                throw new AuthenticationException(
                        AuthReason.TOKEN_TYPE_MISMATCH, "This server does not accept session tokens");
            }
            return cache.get(
                    token, sessions, jwt -> ClerkUser.fromClaims(jwt.claims().asMap()));
        }
        if (!accepted.contains(type)) {
            throw new AuthenticationException(
                    AuthReason.TOKEN_TYPE_MISMATCH, "This server does not accept " + type.wireName() + " credentials");
        }
        if (!inAuthorizationHeader(token, request)) {
            throw new AuthenticationException(
                    AuthReason.TOKEN_TYPE_MISMATCH, "Machine tokens are accepted only in the Authorization header");
        }
        return backend.get().machines().verify(token, request.remoteAddress().orElse(null));
    }

    private static boolean inAuthorizationHeader(String token, AuthRequest request) {
        if (request == null) {
            return false;
        }
        try {
            return TokenResolver.bearer()
                    .resolve(request)
                    .map(found -> found.value().equals(token))
                    .orElse(false);
        } catch (AuthenticationException e) {
            return false;
        }
    }
}
