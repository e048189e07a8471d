package dev.mastra4j.benchmarks.jmh;

import dev.mastra4j.auth.jwt.JwtVerifier;
import dev.mastra4j.auth.jwt.VerifiedJwt;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * {@code VerifiedTokenCache} as it was before issue 12, kept for {@link TokenCacheBenchmark} and
 * {@link TokenCacheHitPairedBenchmark}: a {@link ConcurrentHashMap} keyed by the token that, when full, drops expired
 * entries and then arbitrary ones down to three quarters of its bound. Same contract otherwise: only successes,
 * {@code exp} and {@code nbf} re-checked on every hit.
 */
final class HandMadeTokenCache<U> {

    private final int maxEntries;
    private final Map<String, Entry<U>> entries;

    private record Entry<U>(U value, long notBeforeMillis, long expiresAtMillis) {}

    HandMadeTokenCache(int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative");
        }
        this.maxEntries = maxEntries;
        this.entries = new ConcurrentHashMap<>(Math.min(maxEntries, 1024));
    }

    /**
     * The cached value for {@code token}, or verifies it with {@code verifier}, maps it and caches the result.
     * Verification failures propagate unchanged.
     */
    U get(String token, JwtVerifier verifier, Function<? super VerifiedJwt, ? extends U> mapper) {
        if (maxEntries == 0 || token == null || token.length() > verifier.maxTokenLength()) {
            return mapper.apply(verifier.verify(token));
        }
        Entry<U> hit = entries.get(token);
        if (hit != null) {
            long now = verifier.clock().millis();
            if (now < hit.expiresAtMillis() && now >= hit.notBeforeMillis()) {
                return hit.value();
            }
            entries.remove(token, hit);
        }
        long verifiedAt = verifier.clock().millis();
        VerifiedJwt jwt = verifier.verify(token);
        U value = mapper.apply(jwt);
        long expiresAt = jwt.expiresAtMillis();
        if (expiresAt != Long.MAX_VALUE && expiresAt > verifiedAt) {
            makeRoom(verifiedAt);
            // The verifier accepted the token at verifiedAt, so that is when nbf (with its skew) was satisfied.
            entries.put(token, new Entry<>(value, verifiedAt, expiresAt));
        }
        return value;
    }

    /** Entries currently held (expired ones included until they are touched or evicted). */
    int size() {
        return entries.size();
    }

    void clear() {
        entries.clear();
    }

    private void makeRoom(long now) {
        if (entries.size() < maxEntries) {
            return;
        }
        entries.values().removeIf(entry -> entry.expiresAtMillis() <= now);
        int target = maxEntries * 3 / 4;
        Iterator<String> keys = entries.keySet().iterator();
        while (entries.size() > target && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
