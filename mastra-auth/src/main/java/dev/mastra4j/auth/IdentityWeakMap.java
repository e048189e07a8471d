package dev.mastra4j.auth;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * A map keyed by object identity that does not keep its keys alive. {@link java.util.WeakHashMap} compares keys
 * with {@code equals}, which would let two equal users from different providers share an entry.
 */
final class IdentityWeakMap<K, V> {

    private final ReferenceQueue<K> queue = new ReferenceQueue<>();
    private final Map<IdentityKey<K>, V> entries = new HashMap<>();

    synchronized void put(K key, V value) {
        expunge();
        entries.put(new IdentityKey<>(key, queue), value);
    }

    synchronized V get(K key) {
        expunge();
        return entries.get(new IdentityKey<>(key, null));
    }

    synchronized int size() {
        expunge();
        return entries.size();
    }

    private void expunge() {
        for (Object stale; (stale = queue.poll()) != null; ) {
            entries.remove(stale);
        }
    }

    private static final class IdentityKey<K> extends WeakReference<K> {
        private final int hash;

        IdentityKey(K key, ReferenceQueue<K> queue) {
            super(key, queue);
            this.hash = System.identityHashCode(key);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof IdentityKey<?> that)) {
                return false;
            }
            Object referent = get();
            return referent != null && referent == that.get();
        }
    }
}
