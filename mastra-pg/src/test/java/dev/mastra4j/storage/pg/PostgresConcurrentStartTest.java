package dev.mastra4j.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.core.storage.OrderBy;
import dev.mastra4j.core.storage.StorageThread;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Servers starting at the same moment on one empty database all come up, and see one another's rows. */
class PostgresConcurrentStartTest {

    @Test
    void eightStoresStartingTogetherOnAnEmptyDatabaseAllComeUp() throws Exception {
        String url = TestPostgres.mastraUrl(TestPostgres.shared().newDatabase());
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<PostgresStore> stores = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<PostgresStore>> starts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                starts.add(pool.submit(() -> {
                    go.await();
                    return PostgresStore.builder()
                            .connectionString(url)
                            .maxPoolSize(2)
                            .build();
                }));
            }
            go.countDown();
            for (Future<PostgresStore> f : starts) {
                stores.add(f.get()); // a failed schema creation would throw here
            }
            Instant now = Instant.parse("2026-12-04T00:00:00Z");
            for (int i = 0; i < n; i++) {
                assertThat(stores.get(i).createThread(new StorageThread("t" + i, "alice", "", null, now, now)))
                        .isTrue();
            }
            assertThat(stores.getFirst()
                            .listThreads("alice", 0, 100, OrderBy.NEWEST_FIRST)
                            .total())
                    .isEqualTo(n);
        } finally {
            stores.forEach(PostgresStore::close);
            pool.shutdownNow();
        }
    }
}
