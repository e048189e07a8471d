package dev.mastra4j.auth.clerk.backend;

import dev.mastra4j.auth.clerk.backend.ExpiringCache.Expiring;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * What one Backend API lookup per user answers, kept for a time-to-live in bounded memory; the shared store behind
 * {@link UserProfileCache} and {@link BackendOrganizationCheck}. A TTL of zero turns caching off (every call looks
 * up); failures are not kept, and concurrent lookups of one user share one call ({@link ExpiringCache}).
 */
final class PerUserCache<V> {

    private final long ttlMillis;
    private final Clock clock;
    private final ExpiringCache<String, V> cache;

    PerUserCache(Options<?> options) {
        this.ttlMillis = options.ttl.toMillis();
        this.clock = options.clock;
        this.cache = new ExpiringCache<>(options.maxEntries, options.clock);
    }

    /** The cached answer for {@code userId}, or {@code lookup}'s, kept for the TTL; with no TTL, always the lookup. */
    V get(String userId, Function<String, V> lookup) {
        if (ttlMillis <= 0) {
            return lookup.apply(userId);
        }
        return cache.get(
                userId, id -> new Expiring<>(lookup.apply(id), clock.instant().plusMillis(ttlMillis)));
    }

    /** Entries currently cached (for tests and metrics). */
    int size() {
        return (int) cache.size();
    }

    /**
     * The builder options a per-user cache takes: the Backend API client it asks, the TTL (default 60 s, the lifetime
     * of a Clerk session token), the most users kept (default 10,000), and the clock.
     *
     * @param <B> the concrete builder, returned by each setter
     */
    abstract static class Options<B extends Options<B>> {
        final ClerkBackendApi api;
        private Duration ttl = Duration.ofSeconds(60);
        private int maxEntries = 10_000;
        private Clock clock = Clock.systemUTC();

        Options(ClerkBackendApi api) {
            this.api = Objects.requireNonNull(api, "api");
        }

        /** This builder, typed as the concrete one (B is always the class that extends Options). */
        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /** How long a user's answer is reused; default 60 s; zero asks the Backend API every time. */
        public B ttl(Duration ttl) {
            if (ttl == null || ttl.isNegative()) {
                throw new IllegalArgumentException("ttl must not be negative");
            }
            this.ttl = ttl;
            return self();
        }

        /** How many users' answers are kept at most; default 10,000. */
        public B maxEntries(int maxEntries) {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxEntries must be positive");
            }
            this.maxEntries = maxEntries;
            return self();
        }

        /** The clock that times entries out; default the system UTC clock. */
        public B clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return self();
        }
    }
}
