package dev.mastra4j.auth.clerk.backend;

import java.util.Optional;

/**
 * User profiles from the Backend API ({@code GET /v1/users/{id}}), each kept for a short time (default 60 s, the
 * lifetime of a Clerk session token) in bounded memory (default 10,000 users), so that {@code GET /api/auth/me}
 * costs one lookup per user and window, however often it is called. "No such user" is kept as well; a failure is
 * not, and concurrent lookups of one user share one call. A profile changed at Clerk shows within the TTL.
 */
public final class UserProfileCache {

    private final ClerkBackendApi api;
    private final PerUserCache<Optional<ClerkUserProfile>> cache;

    private UserProfileCache(Builder builder) {
        this.api = builder.api;
        this.cache = new PerUserCache<>(builder);
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
        if (userId == null) {
            return api.getUser(null);
        }
        return cache.get(userId, api::getUser);
    }

    /** Entries currently cached (for tests and metrics). */
    int cachedUsers() {
        return cache.size();
    }

    /**
     * Options for {@link UserProfileCache}: {@code ttl} (how long a profile is reused; default 60 s; zero asks the
     * Backend API every time), {@code maxEntries} (default 10,000 users) and {@code clock}.
     */
    public static final class Builder extends PerUserCache.Options<Builder> {
        private Builder(ClerkBackendApi api) {
            super(api);
        }

        public UserProfileCache build() {
            return new UserProfileCache(this);
        }
    }
}
