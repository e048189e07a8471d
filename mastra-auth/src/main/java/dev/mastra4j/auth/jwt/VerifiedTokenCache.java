package dev.mastra4j.auth.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Function;

/**
 * Remembers what a verified token was mapped to, keyed by the token itself, so a repeated token costs a lookup
 * instead of a signature check. The key is the whole token, not a digest of it: a lookup can only hit on the exact
 * token that was verified. Only tokens with a valid signature get in, so an attacker cannot fill the cache; at about
 * 1 KiB per session token the default bound holds about 10 MiB.
 *
 * <ul>
 *   <li>An entry is served only before the token's {@code exp} and not before the instant it was verified;
 *       {@code exp} and {@code nbf} are checked again, against the verifier's clock, on every hit. A token past its
 *       {@code exp} goes through full verification, which applies the clock skew and gives the precise reason.</li>
 *   <li>At most {@code maxEntries} (default {@value #DEFAULT_MAX_ENTRIES}; 0 turns caching off). When full, Caffeine's
 *       size policy evicts by recency and frequency, so tokens in steady use stay while one-off tokens come and go.
 *       An expired entry is dropped when it is next asked for, or evicted by that policy. Maintenance runs on the
 *       calling threads: no background threads.</li>
 *   <li>Only successes are cached. Failures are cheap to repeat or, for signatures, must not be cacheable by an attacker.</li>
 * </ul>
 *
 * @param <U> what the verified token is mapped to, for example a user
 */
public final class VerifiedTokenCache<U> {

    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private final int maxEntries;
    private final Cache<String, Entry<U>> entries;

    private record Entry<U>(U value, long notBeforeMillis, long expiresAtMillis) {}

    public VerifiedTokenCache(int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative");
        }
        this.maxEntries = maxEntries;
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .executor(Runnable::run)
                .build();
    }

    /**
     * The cached value for {@code token}, or verifies it with {@code verifier}, maps it and caches the result.
     * Verification failures propagate unchanged.
     */
    public U get(String token, JwtVerifier verifier, Function<? super VerifiedJwt, ? extends U> mapper) {
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
            // The verifier accepted the token at verifiedAt, so that is when nbf (with its skew) was satisfied.
            entries.put(token, new Entry<>(value, verifiedAt, expiresAt));
        }
        return value;
    }

    /** Entries currently held (expired ones included until they are asked for or evicted), after pending evictions. */
    public int size() {
        entries.cleanUp();
        return (int) entries.estimatedSize();
    }

    public void clear() {
        entries.invalidateAll();
    }
}
