package dev.mastra4j.auth.clerk.backend;

import dev.mastra4j.auth.clerk.backend.ExpiringCache.Expiring;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * User profiles from the Backend API ({@code GET /v1/users/{id}}), each kept for a short time (default 60 s, the
 * lifetime of a Clerk session token) in bounded memory (default 10,000 users), so that {@code GET /api/auth/me}
 * costs one lookup per user and window, however often it is called. "No such user" is kept as well; a failure is
 * not, and concurrent lookups of one user share one call. A profile changed at Clerk shows within the TTL.
 */
public final class UserProfileCache {

    private final ClerkBackendApi api;
    private final long ttlMillis;
    private final Clock clock;
    private final ExpiringCache<String, Optional<ClerkUserProfile>> cache;

    private UserProfileCache(Builder builder) {
        this.api = builder.api;
        this.ttlMillis = builder.ttl.toMillis();
        this.clock = builder.clock;
        this.cache = new ExpiringCache<>(builder.maxEntries, builder.clock);
    }

    public static Builder builder(ClerkBackendApi api) {
        return new Builder(api);
    }

    /**
     * The profile of {@code userId}, from the cache or the Backend API; empty when Clerk has no such user.
     *
     * @throws ClerkBackendException when it is not cached and the Backend API cannot answer
     */
    public Optional<ClerkUserProfile> get(String userId) {
        if (ttlMillis <= 0 || userId == null) {
            return api.getUser(userId);
        }
        return cache.get(
                userId, id -> new Expiring<>(api.getUser(id), clock.instant().plusMillis(ttlMillis)));
    }

    /** Entries currently cached (for tests and metrics). */
    int cachedUsers() {
        return (int) cache.size();
    }

    /** Options for {@link UserProfileCache}. */
    public static final class Builder {
        private final ClerkBackendApi api;
        private Duration ttl = Duration.ofSeconds(60);
        private int maxEntries = 10_000;
        private Clock clock = Clock.systemUTC();

        private Builder(ClerkBackendApi api) {
            this.api = Objects.requireNonNull(api, "api");
        }

        /** How long a profile is reused; default 60 s; zero asks the Backend API every time. */
        public Builder ttl(Duration ttl) {
            if (ttl == null || ttl.isNegative()) {
                throw new IllegalArgumentException("ttl must not be negative");
            }
            this.ttl = ttl;
            return this;
        }

        /** How many users' profiles are kept at most; default 10,000. */
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

        public UserProfileCache build() {
            return new UserProfileCache(this);
        }
    }
}
