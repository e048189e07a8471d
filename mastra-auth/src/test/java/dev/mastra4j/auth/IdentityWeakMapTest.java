package dev.mastra4j.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentityWeakMapTest {

    @Test
    void keysAreComparedByIdentity() {
        IdentityWeakMap<Object, String> map = new IdentityWeakMap<>();
        String a = new String("k");
        String b = new String("k");
        map.put(a, "A");
        map.put(b, "B");
        assertThat(map.get(a)).isEqualTo("A");
        assertThat(map.get(b)).isEqualTo("B");
        assertThat(map.get(new String("k"))).isNull();
        map.put(a, "A2");
        assertThat(map.get(a)).isEqualTo("A2");
        assertThat(map.size()).isEqualTo(2);
    }

    @Test
    void doesNotKeepKeysAlive() throws InterruptedException {
        IdentityWeakMap<Object, String> map = new IdentityWeakMap<>();
        Object kept = new Object();
        map.put(kept, "kept");
        for (int i = 0; i < 1000; i++) {
            map.put(new Object(), "garbage");
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (map.size() > 1 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(map.size()).isEqualTo(1);
        assertThat(map.get(kept)).isEqualTo("kept");
    }
}
