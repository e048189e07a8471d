package dev.mastra4j.storage.libsql;

import dev.mastra4j.core.storage.MemoryStorageCrashContract;

/** Child JVM of {@link LibSQLCrashTest}: writes into the SQLite file {@code args[0]} until it is killed. */
public final class CrashWriter {

    private CrashWriter() {}

    public static void main(String[] args) {
        MemoryStorageCrashContract.writeUntilKilled(
                LibSQLStore.builder().url(args[0]).build());
    }
}
