package dev.mastra4j.storage.libsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.core.error.StorageUnavailableException;
import dev.mastra4j.core.storage.OrderBy;
import dev.mastra4j.core.storage.StorageThread;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URLs {@link LibSQLStore} takes and refuses, and a file it cannot open. */
class LibSQLStoreConfigTest {

    @TempDir
    Path dir;

    @Test
    void mastraUrlsBecomeSqliteJdbcUrls() {
        assertThat(LibSQLStore.Builder.jdbcUrl("file:./mastra.db")).isEqualTo("jdbc:sqlite:./mastra.db");
        assertThat(LibSQLStore.Builder.jdbcUrl("file:///tmp/x.db")).isEqualTo("jdbc:sqlite:/tmp/x.db");
        assertThat(LibSQLStore.Builder.jdbcUrl(":memory:")).isEqualTo("jdbc:sqlite::memory:");
        assertThat(LibSQLStore.Builder.jdbcUrl("jdbc:sqlite:/a/b.db")).isEqualTo("jdbc:sqlite:/a/b.db");
    }

    @Test
    void remoteAndUnknownUrlsAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> LibSQLStore.builder().url("libsql://db-secret.turso.io?authToken=s3cret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("libsql:")
                .hasMessageNotContaining("s3cret")
                .hasMessageNotContaining("db-secret");
        assertThatThrownBy(() -> LibSQLStore.builder().url("postgresql://u:pw@h/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> LibSQLStore.builder().url("file:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LibSQLStore.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutTheStatementCacheTheStoreWorksAlike() {
        Instant now = Instant.parse("2026-12-06T00:00:00Z");
        try (LibSQLStore store = LibSQLStore.builder()
                .url("file:" + dir.resolve("uncached.db"))
                .statementCacheSize(0)
                .build()) {
            assertThat(store.createThread(new StorageThread("t", "alice", "Title", null, now, now)))
                    .isTrue();
            assertThat(store.getThreadById("t"))
                    .hasValueSatisfying(t -> assertThat(t.resourceId()).isEqualTo("alice"));
        }
        assertThatThrownBy(() -> LibSQLStore.builder().statementCacheSize(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFileThatCannotBeOpenedGivesStorageUnavailableOnEveryCall() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        LibSQLStore store = LibSQLStore.builder()
                .url("file:" + notADirectory.resolve("mastra.db"))
                .busyTimeout(Duration.ofMillis(200))
                .build();
        try (store) {
            assertThatThrownBy(() -> store.listThreads("alice", 0, 10, OrderBy.NEWEST_FIRST))
                    .isInstanceOf(StorageUnavailableException.class)
                    .hasMessageStartingWith("LibSQLStore is unavailable");
            assertThatThrownBy(() -> store.getThreadById("t")).isInstanceOf(StorageUnavailableException.class);
        }
    }
}
