package dev.mastra4j.auth.clerk.backend;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket per client address: each address may start {@code burst} calls at once and then
 * {@code perSecond} a second. Buckets live in a bounded Caffeine cache (10,000 addresses) and are dropped once
 * unused for as long as a bucket takes to refill from empty, so forgetting one never hands out more than a full
 * bucket would. A {@code null} address (the request did not say where it came from) shares one bucket.
 * Thread-safe. Public only for {@code dev.mastra4j.auth.clerk.MachineTokenVerifier}; not meant for applications.
 */
public final class ClientRateLimiter {

    /** Calls one address may start at once, as in Clerk's JavaScript SDK. */
    public static final int DEFAULT_BURST = 20;
    /** Calls per second one address may make once its burst is spent, as in Clerk's JavaScript SDK. */
    public static final double DEFAULT_PER_SECOND = 10;

    static final int MAX_ADDRESSES = 10_000;
    private static final String UNKNOWN_ADDRESS = "";

    private final int burst;
    private final double perMilli;
    private final Clock clock;
    private final Cache<String, Bucket> buckets;

    public ClientRateLimiter(int burst, double perSecond, Clock clock) {
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1");
        }
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("perSecond must be positive");
        }
        this.burst = burst;
        this.perMilli = perSecond / 1000.0;
        this.clock = Objects.requireNonNull(clock, "clock");
        long refillMillis = (long) Math.ceil(burst / perMilli);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(MAX_ADDRESSES)
                .expireAfterAccess(Duration.ofMillis(Math.max(1, refillMillis)))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .build();
    }

    /** Takes one permit for {@code address}; {@code false} when its bucket is empty. */
    public boolean tryAcquire(String address) {
        long now = clock.millis();
        Bucket bucket = buckets.get(key(address), k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.refill(now, burst, perMilli);
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }

    /**
     * How long until {@code address} has a permit again (zero when it has one now): what a refused caller is told to
     * wait ({@code Retry-After}).
     */
    public Duration untilNextPermit(String address) {
        long now = clock.millis();
        Bucket bucket = buckets.getIfPresent(key(address));
        if (bucket == null) {
            return Duration.ZERO;
        }
        synchronized (bucket) {
            bucket.refill(now, burst, perMilli);
            return bucket.tokens >= 1
                    ? Duration.ZERO
                    : Duration.ofMillis((long) Math.ceil((1 - bucket.tokens) / perMilli));
        }
    }

    /** Gives back a permit taken by {@link #tryAcquire} for a call that, after all, costs nothing to allow. */
    public void release(String address) {
        Bucket bucket = buckets.getIfPresent(key(address));
        if (bucket != null) {
            synchronized (bucket) {
                bucket.tokens = Math.min(burst, bucket.tokens + 1);
            }
        }
    }

    private static String key(String address) {
        return address == null ? UNKNOWN_ADDRESS : address;
    }

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        void refill(long now, int burst, double perMilli) {
            if (now > refilledAt) {
                tokens = Math.min(burst, tokens + (now - refilledAt) * perMilli);
                refilledAt = now;
            }
        }
    }
}
