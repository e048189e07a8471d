package dev.mastra4j.auth.clerk.backend;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A bounded cache whose entries each carry the instant they stop being served, on Caffeine: when full it evicts by
 * Caffeine's size policy (recency and frequency), never an arbitrary entry; time comes from the given {@link Clock},
 * so tests move it by hand. Maintenance runs on the calling threads: no background threads.
 *
 * <p>{@link #get(Object, Function)} loads a missing key once for all concurrent callers: the first caller runs the
 * loader on its own thread, the others wait for its answer. A loader that throws caches nothing, and every waiting
 * caller sees the same exception.
 *
 * <p>Public only for {@code dev.mastra4j.auth.clerk.MachineTokenVerifier}; not meant for applications.
 */
public final class ExpiringCache<K, V> {

    /** A value and the instant from which it is no longer served. */
    public record Expiring<V>(V value, Instant expiresAt) {
        public Expiring {
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /**
     * What the cache holds: a loaded value until its expiry, or a failed load, which is already expired when it
     * completes (so Caffeine drops it) and which callers waiting on the load rethrow. A failed load never completes
     * its future exceptionally: Caffeine would log every such failure.
     */
    private record Slot<V>(V value, long expiresAtMillis, Throwable failure) {}

    private final AsyncCache<K, Slot<V>> cache;
    private final ConcurrentMap<K, CompletableFuture<Slot<V>>> map;
    private final Clock clock;

    public ExpiringCache(int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(new UntilExpiresAt())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .buildAsync();
        this.map = cache.asMap();
    }

    /** The live value for {@code key}, or {@code null} (also while a load for it is still running). */
    V get(K key) {
        CompletableFuture<Slot<V>> future = map.get(key);
        if (future == null || !future.isDone()) {
            return null;
        }
        Slot<V> slot = future.join();
        return slot.failure() == null && live(slot.expiresAtMillis()) ? slot.value() : null;
    }

    /**
     * The live value for {@code key}, else the loader's, which is cached until its own {@code expiresAt}. Concurrent
     * callers for one key share one load.
     */
    public V get(K key, Function<? super K, Expiring<V>> loader) {
        while (true) {
            CompletableFuture<Slot<V>> mine = new CompletableFuture<>();
            CompletableFuture<Slot<V>> existing = map.putIfAbsent(key, mine);
            if (existing == null) {
                return load(key, mine, loader);
            }
            Slot<V> slot = existing.join();
            if (slot.failure() != null) {
                throw rethrow(slot.failure());
            }
            if (live(slot.expiresAtMillis())) {
                return slot.value();
            }
            map.remove(key, existing);
        }
    }

    /** Caches {@code value} until {@code expiresAt}; an instant that has already passed caches nothing. */
    void put(K key, V value, Instant expiresAt) {
        long until = expiresAt.toEpochMilli();
        if (live(until)) {
            map.put(key, CompletableFuture.completedFuture(new Slot<>(value, until, null)));
        }
    }

    /** Entries held now, after pending evictions have run. */
    public long size() {
        cache.synchronous().cleanUp();
        return cache.synchronous().estimatedSize();
    }

    void clear() {
        map.clear();
    }

    private V load(K key, CompletableFuture<Slot<V>> mine, Function<? super K, Expiring<V>> loader) {
        Expiring<V> loaded;
        try {
            loaded = Objects.requireNonNull(loader.apply(key), "loader result");
        } catch (RuntimeException | Error e) {
            map.remove(key, mine);
            mine.complete(new Slot<>(null, Long.MIN_VALUE, e));
            throw e;
        }
        long until = loaded.expiresAt().toEpochMilli();
        mine.complete(new Slot<>(loaded.value(), until, null));
        if (!live(until)) {
            map.remove(key, mine);
        }
        return loaded.value();
    }

    private boolean live(long expiresAtMillis) {
        return expiresAtMillis > clock.millis();
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException("Cache load failed", cause);
    }

    /** Each entry expires at its own {@code expiresAt}; reads do not extend it. */
    private final class UntilExpiresAt implements Expiry<K, Slot<V>> {

        @Override
        public long expireAfterCreate(K key, Slot<V> value, long currentTime) {
            return remainingNanos(value, currentTime);
        }

        @Override
        public long expireAfterUpdate(K key, Slot<V> value, long currentTime, long currentDuration) {
            return remainingNanos(value, currentTime);
        }

        @Override
        public long expireAfterRead(K key, Slot<V> value, long currentTime, long currentDuration) {
            return currentDuration;
        }

        private long remainingNanos(Slot<V> value, long currentTime) {
            if (value.expiresAtMillis() == Long.MIN_VALUE) {
                return 0;
            }
            long remaining = TimeUnit.MILLISECONDS.toNanos(value.expiresAtMillis()) - currentTime;
            return Math.max(0, remaining);
        }
    }
}
