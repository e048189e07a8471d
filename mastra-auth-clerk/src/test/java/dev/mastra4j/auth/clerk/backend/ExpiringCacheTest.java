package dev.mastra4j.auth.clerk.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mastra4j.auth.clerk.backend.ExpiringCache.Expiring;
import dev.mastra4j.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {

    private final MutableClock clock = MutableClock.startingNow();

    @Test
    void eachEntryLivesUntilItsOwnExpiry() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(10, clock);
        cache.put("short", "a", clock.instant().plusSeconds(5));
        cache.put("long", "b", clock.instant().plusSeconds(50));
        cache.put("dead", "c", clock.instant());

        assertThat(cache.get("short")).isEqualTo("a");
        assertThat(cache.get("dead")).isNull();
        clock.advance(Duration.ofMillis(4_999));
        assertThat(cache.get("short")).isEqualTo("a");
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.get("short")).as("reads do not extend an entry").isNull();
        assertThat(cache.get("long")).isEqualTo("b");
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aFullCacheStaysWithinItsBound() {
        ExpiringCache<Integer, Integer> cache = new ExpiringCache<>(100, clock);
        for (int i = 0; i < 10_000; i++) {
            cache.put(i, i, clock.instant().plusSeconds(60));
        }
        assertThat(cache.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void frequentlyReadEntriesSurviveAFloodOfOneOffKeys() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(100, clock);
        for (int i = 0; i < 50; i++) {
            cache.put("hot" + i, "v", clock.instant().plusSeconds(60));
        }
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 50; i++) {
                cache.get("hot" + i);
            }
        }
        for (int i = 0; i < 5_000; i++) {
            cache.put("flood" + i, "x", clock.instant().plusSeconds(60));
        }
        long survivors = java.util.stream.IntStream.range(0, 50)
                .filter(i -> cache.get("hot" + i) != null)
                .count();
        // Arbitrary eviction would have thrown nearly all of them out; Caffeine's frequency sketch keeps them.
        assertThat(survivors).isGreaterThanOrEqualTo(45);
    }

    @Test
    void concurrentCallersShareOneLoad() throws Exception {
        ExpiringCache<String, String> cache = new ExpiringCache<>(10, clock);
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> first = pool.submit(() -> cache.get("k", key -> {
                loads.incrementAndGet();
                loading.countDown();
                await(release);
                return new Expiring<>("loaded", clock.instant().plusSeconds(10));
            }));
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<String>> others = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                others.add(pool.submit(() -> cache.get("k", key -> {
                    loads.incrementAndGet();
                    return new Expiring<>("second load", clock.instant().plusSeconds(10));
                })));
            }
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("loaded");
            for (Future<String> other : others) {
                assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo("loaded");
            }
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void aFailedLoadIsSharedWithTheWaitersButNotCached() throws Exception {
        ExpiringCache<String, String> cache = new ExpiringCache<>(10, clock);
        IllegalStateException outage = new IllegalStateException("outage");
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> firstSaw = new AtomicReference<>();
        AtomicReference<Throwable> waiterSaw = new AtomicReference<>();
        Thread first = Thread.ofVirtual()
                .start(() -> firstSaw.set(catchThrowable(() -> cache.get("k", key -> {
                    loading.countDown();
                    await(release);
                    throw outage;
                }))));
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
        Thread waiter = Thread.ofVirtual()
                .start(() -> waiterSaw.set(catchThrowable(() -> cache.get("k", key -> {
                    throw new AssertionError("the waiter must not load while the first load runs");
                }))));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waiter.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        release.countDown();
        first.join(10_000);
        waiter.join(10_000);

        assertThat(firstSaw.get()).isSameAs(outage);
        assertThat(waiterSaw.get()).isSameAs(outage);
        assertThat(cache.get("k", key -> new Expiring<>("after", clock.instant().plusSeconds(1))))
                .isEqualTo("after");
    }

    @Test
    void aLoadedValueThatIsAlreadyExpiredIsReturnedButNotKept() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(10, clock);
        AtomicInteger loads = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertThat(cache.get("k", key -> {
                        loads.incrementAndGet();
                        return new Expiring<>("now", Instant.ofEpochMilli(clock.millis()));
                    }))
                    .isEqualTo("now");
        }
        assertThat(loads).hasValue(3);
        assertThat(cache.size()).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
