package dev.mastra4j.auth;

import java.util.List;
import java.util.Optional;

/** {@code Authorization: Bearer <token>}. The scheme is case-insensitive (RFC 7235); two headers are a malformed request. */
final class BearerTokenResolver implements TokenResolver {

    static final BearerTokenResolver INSTANCE = new BearerTokenResolver();
    private static final String SCHEME = "bearer";

    private BearerTokenResolver() {}

    @Override
    public Optional<ResolvedToken> resolve(AuthRequest request) {
        List<String> values = request.headers("Authorization");
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new AuthenticationException(
                    "multiple-authorization-headers", "Only one Authorization header is allowed", 400, null);
        }
        String header = values.get(0).strip();
        if (header.length() < SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            // Another scheme (Basic, Digest...) is a credential this provider does not understand.
            throw new AuthenticationException(
                    "unsupported-authorization-scheme", "Authorization scheme must be Bearer");
        }
        if (header.length() > SCHEME.length() && header.charAt(SCHEME.length()) != ' ') {
            throw new AuthenticationException(
                    "unsupported-authorization-scheme", "Authorization scheme must be Bearer");
        }
        String token = header.substring(SCHEME.length()).strip();
        if (token.isEmpty()) {
            throw new AuthenticationException(AuthReason.TOKEN_MISSING, "Bearer token is empty");
        }
        if (token.indexOf(' ') >= 0) {
            throw new AuthenticationException(AuthReason.TOKEN_INVALID, "Bearer token must not contain spaces");
        }
        return Optional.of(new ResolvedToken(token, ResolvedToken.Source.HEADER));
    }
}
