package dev.mastra4j.auth.clerk.backend;

import dev.mastra4j.auth.AuthenticationException;
import dev.mastra4j.auth.clerk.MachineIdentity;
import dev.mastra4j.auth.clerk.TokenType;
import dev.mastra4j.auth.jwt.JwtVerifier;
import dev.mastra4j.auth.jwt.TokenDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies machine credentials — M2M tokens, API keys, OAuth access tokens — for a server that opted in to them.
 *
 * <ol>
 *   <li>{@link TokenType#of} names the type (prefix {@code mt_}/{@code ak_}/{@code oat_}, or the JWT forms).</li>
 *   <li>A type the server does not accept, or a session token, fails with {@code token-type-mismatch} before any
 *       network call.</li>
 *   <li>Opaque tokens go to the matching Backend API verify endpoint; positive answers are cached for a short TTL
 *       (default 10 s, 0 = off), keyed by the token's SHA-256, in bounded memory, and never past the token's own
 *       expiry. Failures are never cached.</li>
 *   <li>JWT-form M2M and OAuth tokens are verified locally with the {@link JwtVerifier} given to the builder (the
 *       same keys as session tokens); without one they are refused with {@code token-invalid}.</li>
 * </ol>
 * A Backend API outage surfaces as {@code machine-token-verification-unavailable} (503) and touches only machine
 * tokens; session-token verification never goes through here.
 */
public final class MachineTokenVerifier {

    static final String TOKEN_TYPE_MISMATCH = "token-type-mismatch";

    private final ClerkBackendApi api;
    private final Set<TokenType> accepted;
    private final long ttlMillis;
    private final Clock clock;
    private final JwtVerifier jwtVerifier;
    private final ExpiringCache<TokenDigest, MachineIdentity> cache;

    private MachineTokenVerifier(Builder builder) {
        this.api = builder.api;
        this.accepted = Set.copyOf(builder.accepted);
        this.ttlMillis = builder.cacheTtl.toMillis();
        this.clock = builder.clock;
        this.jwtVerifier = builder.jwtVerifier;
        this.cache = new ExpiringCache<>(builder.maxEntries);
    }

    public static Builder builder(ClerkBackendApi api) {
        return new Builder(api);
    }

    /** The accepted token types, session tokens included when configured. */
    public Set<TokenType> acceptedTypes() {
        return accepted;
    }

    public boolean accepts(TokenType type) {
        return accepted.contains(type);
    }

    /**
     * The identity behind a machine credential.
     *
     * @throws AuthenticationException {@code token-type-mismatch} (a session token, or a type not accepted),
     *         {@code token-invalid} / {@code token-expired} (401), or {@code machine-token-verification-unavailable}
     *         (503)
     */
    public MachineIdentity verify(String token) {
        TokenType type = TokenType.of(token);
        if (type == TokenType.SESSION_TOKEN) {
            throw new AuthenticationException(TOKEN_TYPE_MISMATCH, "Not a machine token");
        }
        if (!accepted.contains(type)) {
            throw new AuthenticationException(TOKEN_TYPE_MISMATCH, "This server does not accept " + type.wireName());
        }
        if (!type.isOpaque(token)) {
            return verifyJwt(type, token);
        }
        if (ttlMillis <= 0) {
            return remote(type, token);
        }
        TokenDigest key = TokenDigest.of(token);
        MachineIdentity cached = cache.get(key, clock.millis());
        if (cached != null && !cached.isExpiredAt(clock.instant())) {
            return cached;
        }
        MachineIdentity fresh = remote(type, token);
        long now = clock.millis();
        long until = now + ttlMillis;
        if (fresh.expiresAt() != null) {
            until = Math.min(until, fresh.expiresAt().toEpochMilli());
        }
        cache.put(key, fresh, until, now);
        return fresh;
    }

    /** Entries currently cached (for tests and metrics). */
    int cacheSize() {
        return cache.size();
    }

    private MachineIdentity remote(TokenType type, String token) {
        return switch (type) {
            case M2M_TOKEN -> api.verifyM2mToken(token);
            case API_KEY -> api.verifyApiKey(token);
            case OAUTH_TOKEN -> api.verifyOAuthToken(token);
            case SESSION_TOKEN -> throw new AuthenticationException(TOKEN_TYPE_MISMATCH, "Not a machine token");
        };
    }

    private MachineIdentity verifyJwt(TokenType type, String token) {
        if (jwtVerifier == null) {
            throw new AuthenticationException(ClerkBackendApi.TOKEN_INVALID,
                    "JWT-form " + type.wireName() + " tokens cannot be verified without local keys");
        }
        Map<String, Object> claims = jwtVerifier.verify(token).claims().asMap();
        if (type == TokenType.M2M_TOKEN && !(claims.get("sub") instanceof String sub && sub.startsWith("mch_"))) {
            // Classified by its cat header alone: a JWT naming no machine is not an M2M token, whoever signed it.
            throw new AuthenticationException(ClerkBackendApi.TOKEN_INVALID, "M2M token does not name a machine");
        }
        MachineIdentity identity = MachineIdentity.fromJwtClaims(type, claims);
        if (identity.isExpiredAt(Instant.ofEpochMilli(clock.millis()))) {
            throw new AuthenticationException(ClerkBackendApi.TOKEN_EXPIRED, "Machine token has expired");
        }
        return identity;
    }


    /** Options for {@link MachineTokenVerifier}. */
    public static final class Builder {
        private final ClerkBackendApi api;
        private final Set<TokenType> accepted = EnumSet.of(TokenType.SESSION_TOKEN);
        private Duration cacheTtl = Duration.ofSeconds(10);
        private int maxEntries = 10_000;
        private Clock clock = Clock.systemUTC();
        private JwtVerifier jwtVerifier;

        private Builder(ClerkBackendApi api) {
            this.api = Objects.requireNonNull(api, "api");
        }

        /** The accepted token types, replacing the default (session tokens only). At least one. */
        public Builder accepts(Set<TokenType> types) {
            if (types == null || types.isEmpty()) {
                throw new IllegalArgumentException("At least one token type must be accepted");
            }
            accepted.clear();
            accepted.addAll(types);
            return this;
        }

        public Builder accepts(TokenType first, TokenType... more) {
            Set<TokenType> types = EnumSet.of(first, more);
            return accepts(types);
        }

        /** How long a positive verification is reused; default 10 s; zero turns the cache off. */
        public Builder cacheTtl(Duration ttl) {
            if (ttl == null || ttl.isNegative()) {
                throw new IllegalArgumentException("cacheTtl must not be negative");
            }
            this.cacheTtl = ttl;
            return this;
        }

        /** Bound on cached verifications; default 10,000. */
        public Builder maxEntries(int maxEntries) {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxEntries must be positive");
            }
            this.maxEntries = maxEntries;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Verifies JWT-form M2M and OAuth tokens locally (signature, {@code exp}, {@code iss}, … as configured on
         * the verifier). It must accept the header those tokens carry ({@code cat}, {@code typ}).
         */
        public Builder jwtVerifier(JwtVerifier verifier) {
            this.jwtVerifier = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        public MachineTokenVerifier build() {
            return new MachineTokenVerifier(this);
        }
    }
}
