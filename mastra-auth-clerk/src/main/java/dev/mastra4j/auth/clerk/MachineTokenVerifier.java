package dev.mastra4j.auth.clerk;

import dev.mastra4j.auth.AuthReason;
import dev.mastra4j.auth.AuthenticationException;
import dev.mastra4j.auth.clerk.backend.ClerkBackendApi;
import dev.mastra4j.auth.clerk.backend.ClerkBackendException;
import dev.mastra4j.auth.clerk.backend.ClientRateLimiter;
import dev.mastra4j.auth.clerk.backend.ExpiringCache;
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
 *   <li>Opaque tokens go to the matching Backend API verify endpoint. Answers are cached by the token's SHA-256,
 *       in bounded memory (default 10,000 entries, shared by both kinds): a valid token for a short TTL (default
 *       10 s, 0 = off) and never past its own expiry; a token Clerk calls invalid, revoked or expired for
 *       {@code invalidTokenCacheTtl} (default 30 s, 0 = off). Outages are never cached. Concurrent verifications
 *       of one token share one call.</li>
 *   <li>Calls are rate-limited per client address (default: a burst of 20, then 10 a second): a call whose token
 *       turns out valid, or that was never sent (breaker open, {@code Retry-After} pause), gives its permit back,
 *       so the limit only bites on credentials Clerk rejects or cannot check. Over the limit:
 *       {@code machine-token-rate-limited} (429) with {@code Retry-After}: the seconds until the address has a
 *       permit again.</li>
 *   <li>JWT-form M2M and OAuth tokens are verified locally with the {@link JwtVerifier} given to the builder (the
 *       same keys as session tokens); without one they are refused with {@code token-invalid}.</li>
 * </ol>
 * A Backend API outage surfaces as {@code machine-token-verification-unavailable} (503) and touches only machine
 * tokens; session-token verification never goes through here.
 */
public final class MachineTokenVerifier {

    /** What the Backend API said about one token: cached either way, each for its own time. */
    private sealed interface Outcome {
        record Valid(MachineIdentity identity) implements Outcome {}

        record Invalid(AuthenticationException error) implements Outcome {}
    }

    private final ClerkBackendApi api;
    private final Set<TokenType> accepted;
    private final long ttlMillis;
    private final long invalidTtlMillis;
    private final Clock clock;
    private final JwtVerifier jwtVerifier;
    private final ExpiringCache<TokenDigest, Outcome> cache;
    private final ClientRateLimiter rateLimiter;

    private MachineTokenVerifier(Builder builder) {
        this.api = builder.api;
        this.accepted = Set.copyOf(builder.accepted);
        this.ttlMillis = builder.cacheTtl.toMillis();
        this.invalidTtlMillis = builder.invalidTokenCacheTtl.toMillis();
        this.clock = builder.clock;
        this.jwtVerifier = builder.jwtVerifier;
        this.cache = new ExpiringCache<>(builder.maxEntries, builder.clock);
        this.rateLimiter = new ClientRateLimiter(builder.rateLimitBurst, builder.rateLimitPerSecond, builder.clock);
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

    /** {@link #verify(String, String)} for a caller whose address is unknown: all such callers share one limit. */
    public MachineIdentity verify(String token) {
        return verify(token, null);
    }

    /**
     * The identity behind a machine credential presented by {@code clientAddress} (the request's remote address,
     * for the rate limit; {@code null} when unknown).
     *
     * @throws AuthenticationException {@code token-type-mismatch} (a session token, or a type not accepted),
     *         {@code token-invalid} / {@code token-expired} (401), {@code machine-token-rate-limited} (429), or
     *         {@code machine-token-verification-unavailable} (503)
     */
    public MachineIdentity verify(String token, String clientAddress) {
        TokenType type = TokenType.of(token);
        if (type == TokenType.SESSION_TOKEN) {
            throw new AuthenticationException(AuthReason.TOKEN_TYPE_MISMATCH, "Not a machine token");
        }
        if (!accepted.contains(type)) {
            throw new AuthenticationException(
                    AuthReason.TOKEN_TYPE_MISMATCH, "This server does not accept " + type.wireName());
        }
        if (!type.isOpaque(token)) {
            return verifyJwt(type, token);
        }
        Outcome outcome = ttlMillis <= 0 && invalidTtlMillis <= 0
                ? remote(type, token, clientAddress)
                : cache.get(TokenDigest.of(token), key -> cacheable(remote(type, token, clientAddress)));
        return switch (outcome) {
            case Outcome.Valid valid -> {
                if (valid.identity().isExpiredAt(clock.instant())) {
                    throw new AuthenticationException(AuthReason.TOKEN_EXPIRED, "Machine token has expired");
                }
                yield valid.identity();
            }
            case Outcome.Invalid invalid -> throw invalid.error();
        };
    }

    /** Entries currently cached (for tests and metrics). */
    public int cacheSize() {
        return (int) cache.size();
    }

    /** The outcome with the instant it stops being served: now for an outcome its TTL does not cache. */
    private ExpiringCache.Expiring<Outcome> cacheable(Outcome outcome) {
        Instant now = clock.instant();
        Instant until = switch (outcome) {
            case Outcome.Valid valid -> {
                Instant byTtl = now.plusMillis(Math.max(0, ttlMillis));
                Instant expiresAt = valid.identity().expiresAt();
                yield expiresAt != null && expiresAt.isBefore(byTtl) ? expiresAt : byTtl;
            }
            case Outcome.Invalid invalid -> now.plusMillis(Math.max(0, invalidTtlMillis));
        };
        return new ExpiringCache.Expiring<>(outcome, until);
    }

    /**
     * One Backend API verification under the client's rate limit. Clerk's "invalid", "revoked" and "expired"
     * answers become an {@link Outcome.Invalid}; an outage is thrown, so it is never cached.
     */
    private Outcome remote(TokenType type, String token, String clientAddress) {
        if (!rateLimiter.tryAcquire(clientAddress)) {
            throw AuthenticationException.rateLimited(
                    AuthReason.MACHINE_TOKEN_RATE_LIMITED,
                    "Too many unknown machine tokens from this address; try again shortly",
                    rateLimiter.untilNextPermit(clientAddress));
        }
        boolean keepPermit = true;
        try {
            MachineIdentity identity = call(type, token);
            keepPermit = false;
            return new Outcome.Valid(identity);
        } catch (AuthenticationException e) {
            if (e.status() == 401) {
                return new Outcome.Invalid(e);
            }
            keepPermit = !(e.getCause() instanceof ClerkBackendException backend && backend.wasHeldBack());
            throw e;
        } finally {
            if (!keepPermit) {
                rateLimiter.release(clientAddress);
            }
        }
    }

    private MachineIdentity call(TokenType type, String token) {
        return switch (type) {
            case M2M_TOKEN -> MachineIdentity.of(type, api.verifyM2mToken(token));
            case API_KEY -> MachineIdentity.of(type, api.verifyApiKey(token));
            case OAUTH_TOKEN -> MachineIdentity.of(type, api.verifyOAuthToken(token));
            case SESSION_TOKEN ->
                throw new AuthenticationException(AuthReason.TOKEN_TYPE_MISMATCH, "Not a machine token");
        };
    }

    private MachineIdentity verifyJwt(TokenType type, String token) {
        if (jwtVerifier == null) {
            throw new AuthenticationException(
                    AuthReason.TOKEN_INVALID,
                    "JWT-form " + type.wireName() + " tokens cannot be verified without local keys");
        }
        Map<String, Object> claims = jwtVerifier.verify(token).claims().asMap();
        if (type == TokenType.M2M_TOKEN && !(claims.get("sub") instanceof String sub && sub.startsWith("mch_"))) {
            // Classified by its cat header alone: a JWT naming no machine is not an M2M token, whoever signed it.
            throw new AuthenticationException(AuthReason.TOKEN_INVALID, "M2M token does not name a machine");
        }
        MachineIdentity identity = MachineIdentity.fromJwtClaims(type, claims);
        if (identity.isExpiredAt(Instant.ofEpochMilli(clock.millis()))) {
            throw new AuthenticationException(AuthReason.TOKEN_EXPIRED, "Machine token has expired");
        }
        return identity;
    }

    /** Options for {@link MachineTokenVerifier}. */
    public static final class Builder {
        private final ClerkBackendApi api;
        private final Set<TokenType> accepted = EnumSet.of(TokenType.SESSION_TOKEN);
        private Duration cacheTtl = Duration.ofSeconds(10);
        private Duration invalidTokenCacheTtl = Duration.ofSeconds(30);
        private int maxEntries = 10_000;
        private int rateLimitBurst = ClientRateLimiter.DEFAULT_BURST;
        private double rateLimitPerSecond = ClientRateLimiter.DEFAULT_PER_SECOND;
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

        /**
         * How long a token Clerk called invalid, revoked or expired is refused without asking again; default 30 s
         * (as Clerk's JavaScript SDK does for OAuth tokens); zero turns this off.
         */
        public Builder invalidTokenCacheTtl(Duration ttl) {
            if (ttl == null || ttl.isNegative()) {
                throw new IllegalArgumentException("invalidTokenCacheTtl must not be negative");
            }
            this.invalidTokenCacheTtl = ttl;
            return this;
        }

        /**
         * Backend API verifications one client address may start: {@code burst} at once, then {@code perSecond}
         * a second; default 20 and 10, as Clerk's JavaScript SDK. Verifications of valid tokens give their permit
         * back.
         */
        public Builder rateLimit(int burst, double perSecond) {
            if (burst < 1 || !(perSecond > 0) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("burst must be at least 1 and perSecond positive");
            }
            this.rateLimitBurst = burst;
            this.rateLimitPerSecond = perSecond;
            return this;
        }

        /** Bound on cached verifications, valid and invalid together; default 10,000. */
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
