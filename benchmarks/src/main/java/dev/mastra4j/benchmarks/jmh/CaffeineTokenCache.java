package dev.mastra4j.benchmarks.jmh;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.mastra4j.auth.jwt.JwtVerifier;
import dev.mastra4j.auth.jwt.VerifiedJwt;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Issue 12's candidates: {@code VerifiedTokenCache}'s contract (keyed by the token itself, bounded, only
 * successes, {@code exp} and {@code nbf} re-checked on every hit) on a Caffeine cache, which evicts by recency and
 * frequency instead of arbitrarily. With {@code expireEntries} each entry also leaves Caffeine at its {@code exp};
 * without, expired entries stay until a hit removes them or the size policy evicts them. Without is the shape
 * {@code VerifiedTokenCache} took.
 */
final class CaffeineTokenCache<U> {

    private record Entry<U>(U value, long notBeforeMillis, long expiresAtMillis) {}

    private final int maxEntries;
    private final Cache<String, Entry<U>> entries;

    CaffeineTokenCache(int maxEntries, boolean expireEntries) {
        this.maxEntries = maxEntries;
        Caffeine<Object, Object> builder =
                Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run);
        if (expireEntries) {
            builder.expireAfter(new Expiry<String, Entry<U>>() {
                @Override
                public long expireAfterCreate(String token, Entry<U> entry, long currentTime) {
                    return TimeUnit.MILLISECONDS.toNanos(entry.expiresAtMillis() - entry.notBeforeMillis());
                }

                @Override
                public long expireAfterUpdate(String token, Entry<U> entry, long currentTime, long currentDuration) {
                    return expireAfterCreate(token, entry, currentTime);
                }

                @Override
                public long expireAfterRead(String token, Entry<U> entry, long currentTime, long currentDuration) {
                    return currentDuration;
                }
            });
        }
        this.entries = builder.build();
    }

    U get(String token, JwtVerifier verifier, Function<? super VerifiedJwt, ? extends U> mapper) {
        if (maxEntries == 0 || token == null || token.length() > verifier.maxTokenLength()) {
            return mapper.apply(verifier.verify(token));
        }
        Entry<U> hit = entries.getIfPresent(token);
        if (hit != null) {
            long now = verifier.clock().millis();
            if (now < hit.expiresAtMillis() && now >= hit.notBeforeMillis()) {
                return hit.value();
            }
            entries.asMap().remove(token, hit);
        }
        long verifiedAt = verifier.clock().millis();
        VerifiedJwt jwt = verifier.verify(token);
        U value = mapper.apply(jwt);
        long expiresAt = jwt.expiresAtMillis();
        if (expiresAt != Long.MAX_VALUE && expiresAt > verifiedAt) {
            entries.put(token, new Entry<>(value, verifiedAt, expiresAt));
        }
        return value;
    }

    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
