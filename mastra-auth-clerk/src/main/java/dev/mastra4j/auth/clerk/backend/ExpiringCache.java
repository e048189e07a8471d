package dev.mastra4j.auth.clerk.backend;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small concurrent map whose entries expire at a given instant and whose size never exceeds a bound: when full,
 * expired entries go first, then arbitrary ones until a tenth of the room is free. Good enough for caches whose
 * entries live seconds; no ordering, no background threads.
 */
final class ExpiringCache<K, V> {

    private record Entry<V>(V value, long expiresAtMillis) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    ExpiringCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
    }

    /** The live value for {@code key}, or {@code null}. */
    V get(K key, long nowMillis) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAtMillis() <= nowMillis) {
            entries.remove(key, entry);
            return null;
        }
        return entry.value();
    }

    void put(K key, V value, long expiresAtMillis, long nowMillis) {
        if (expiresAtMillis <= nowMillis) {
            return;
        }
        if (entries.size() >= maxEntries && !entries.containsKey(key)) {
            makeRoom(nowMillis);
        }
        entries.put(key, new Entry<>(value, expiresAtMillis));
    }

    int size() {
        return entries.size();
    }

    void clear() {
        entries.clear();
    }

    private void makeRoom(long nowMillis) {
        entries.values().removeIf(entry -> entry.expiresAtMillis() <= nowMillis);
        int target = maxEntries - Math.max(1, maxEntries / 10);
        Iterator<K> keys = entries.keySet().iterator();
        while (entries.size() > target && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
