package dev.mastra4j.auth.jwt;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers what a verified token was mapped to, keyed by the token itself, so a repeated token costs a map lookup
 * (a vectorised {@code String.hashCode} and one {@code equals}) instead of a signature check. The key is the whole
 * token, not a digest of it: a lookup can only hit on the exact token that was verified, and a SHA-256 per request
 * cost 5 % of an authenticated {@code GET /api/agents} (JFR, benchmarks/peer/ANALYSIS.md). Only tokens with a valid
 * signature get in, so an attacker cannot fill the cache; at about 1 KiB per Clerk token the default 10,000 entries
 * hold about 10 MiB.
 *
 * <ul>
 *   <li>An entry lives until the token's {@code exp}, never longer; {@code exp} and {@code nbf} are checked again
 *       on every hit. A token past its {@code exp} goes through full verification, which applies the clock skew and
 *       gives the precise reason.</li>
 *   <li>At most {@code maxEntries}; when full, expired entries go first, then arbitrary ones down to three quarters.</li>
 *   <li>Only successes are cached. Failures are cheap to repeat or, for signatures, must not be cacheable by an attacker.</li>
 * </ul>
 *
 * @param <U> what the verified token is mapped to, for example a user
 */
public final class VerifiedTokenCache<U> {

    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private final int maxEntries;
    private final Map<String, Entry<U>> entries;

    private record Entry<U>(U value, long notBeforeMillis, long expiresAtMillis) {
    }

    public VerifiedTokenCache(int maxEntries) {
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
    public U get(String token, JwtVerifier verifier, Function<? super VerifiedJwt, ? extends U> mapper) {
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
    public int size() {
        return entries.size();
    }

    public void clear() {
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
