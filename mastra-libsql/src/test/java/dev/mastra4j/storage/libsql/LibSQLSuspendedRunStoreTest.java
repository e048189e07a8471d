package dev.mastra4j.storage.libsql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.core.storage.SuspendedRunStore;
import dev.mastra4j.core.storage.SuspendedRunStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suspended runs of a {@link LibSQLStore} on a file, against the shared contract, plus a reopen. */
class LibSQLSuspendedRunStoreTest extends SuspendedRunStoreContract {

    @TempDir
    Path dir;

    private LibSQLStore libsql;

    @Override
    protected SuspendedRunStore openStore() {
        libsql = LibSQLStore.builder().url("file:" + dir.resolve("mastra.db")).build();
        return libsql.suspendedRunStore().orElseThrow();
    }

    @Override
    protected void closeStore() {
        libsql.close();
    }

    @Test
    void aSuspendedRunOutlivesTheStore() {
        store.save(run("run-1", "resource:alice", "call-1", 60_000));
        libsql.close();
        try (LibSQLStore reopened =
                LibSQLStore.builder().url("file:" + dir.resolve("mastra.db")).build()) {
            SuspendedRunStore runs = reopened.suspendedRunStore().orElseThrow();
            assertThat(runs.get("run-1").orElseThrow().owner()).isEqualTo("resource:alice");
            assertThat(runs.claim("run-1", "call-1", T0)).isTrue();
        }
    }
}
