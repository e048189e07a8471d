package dev.mastra4j.storage.pg;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.core.error.StorageUnavailableException;
import dev.mastra4j.core.storage.OrderBy;
import dev.mastra4j.core.storage.StorageThread;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The database stopped under a working store: calls fail with 503's exception, and never hang. */
@Tag("process")
class PostgresDownTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang fails the test; the timeouts below are 1-2 s
    void aStoppedDatabaseGivesStorageUnavailable() throws Exception {
        try (TestPostgres pg = TestPostgres.start()) {
            String url = pg.newDatabase();
            try (PostgresStore store = PostgresStore.builder()
                    .connectionString(TestPostgres.mastraUrl(url))
                    .connectionTimeout(Duration.ofSeconds(1))
                    .socketTimeout(Duration.ofSeconds(2))
                    .build()) {
                Instant now = Instant.parse("2026-12-04T00:00:00Z");
                store.createThread(new StorageThread("t", "alice", "", null, now, now));
                pg.stop();
                for (int i = 0; i < 3; i++) { // pooled connections that died, then new ones that cannot open
                    assertThatThrownBy(() -> store.getThreadById("t"))
                            .isInstanceOf(StorageUnavailableException.class)
                            .hasMessageStartingWith("PostgresStore is unavailable")
                            .hasMessageNotContaining(TestPostgres.PASSWORD + "@");
                }
                assertThatThrownBy(() -> store.listThreads("alice", 0, 1, OrderBy.NEWEST_FIRST))
                        .isInstanceOf(StorageUnavailableException.class);
            }
        }
    }
}
