package dev.mastra4j.storage.libsql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.core.storage.MemoryStorage;
import dev.mastra4j.core.storage.MemoryStorageContract;
import dev.mastra4j.core.storage.OrderBy;
import dev.mastra4j.core.storage.StorageThread;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LibSQLStore} on a file, against the shared contract, plus what only a file shows. */
class LibSQLStoreFileTest extends MemoryStorageContract {

    @TempDir
    Path dir;

    @Override
    protected MemoryStorage openStore() {
        return LibSQLStore.builder().url("file:" + dir.resolve("mastra.db")).build();
    }

    @Test
    void dataOutlivesTheStoreAndASecondStoreSeesItAtOnce() {
        store.createThread(thread("t", "alice", 0));
        try (LibSQLStore second = LibSQLStore.builder()
                .url("jdbc:sqlite:" + dir.resolve("mastra.db"))
                .build()) {
            assertThat(second.getThreadById("t")).isPresent();
            second.saveMessages(List.of(message("m", "t", "alice", 1)));
        }
        assertThat(store.lastMessages("t", 5)).extracting(m -> m.id()).containsExactly("m");
        store.close();
        try (LibSQLStore reopened =
                LibSQLStore.builder().url("file://" + dir.resolve("mastra.db")).build()) {
            assertThat(reopened.listThreads("alice", 0, 10, OrderBy.NEWEST_FIRST)
                            .items())
                    .extracting(StorageThread::id)
                    .containsExactly("t");
        }
    }

    @Test
    void twoStoresOnOneFileRaceWithoutLosingOrDoubling() throws Exception {
        try (LibSQLStore other =
                LibSQLStore.builder().url("file:" + dir.resolve("mastra.db")).build()) {
            List<MemoryStorage> stores = List.of(store, other);
            List<Boolean> created = race(8, i -> stores.get(i % 2).createThread(thread("contested", "user" + i, i)));
            assertThat(created.stream().filter(b -> b).count()).isEqualTo(1);
            race(8, w -> {
                for (int i = 0; i < 20; i++) {
                    stores.get(w % 2).saveMessages(List.of(message("w" + w + "-" + i, "contested", "a", 100 + i)));
                }
                return true;
            });
            assertThat(other.listMessages("contested", 0, 500, OrderBy.OLDEST_FIRST)
                            .total())
                    .isEqualTo(160);
        }
    }

    @Test
    void theFileRunsInWalMode() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mastra.db"));
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void theStoresConnectionSyncsEveryCommitByDefault() {
        assertThat(((LibSQLStore) store).pragma("synchronous")).isEqualTo("2"); // FULL
        assertThat(((LibSQLStore) store).pragma("busy_timeout")).isEqualTo("5000");
        try (LibSQLStore normal = LibSQLStore.builder()
                .url("file:" + dir.resolve("normal.db"))
                .synchronous(LibSQLStore.Synchronous.NORMAL)
                .build()) {
            assertThat(normal.pragma("synchronous")).isEqualTo("1");
        }
    }

    @Test
    void datesAreStoredAsMastraWritesThem() throws Exception {
        store.createThread(thread("t", "alice", 0));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mastra.db"));
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT \"createdAt\" FROM mastra_threads")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("2026-12-04T19:07:31.566Z");
        }
    }
}
