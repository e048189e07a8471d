package dev.mastra4j.storage.pg;

import dev.mastra4j.core.storage.MemoryStorageCrashContract;

/**
 * Child JVM of {@link PostgresCrashTest}: writes into the database {@code args[0]} (Mastra's connection-string form)
 * until it is killed.
 */
public final class PgCrashWriter {

    private PgCrashWriter() {}

    public static void main(String[] args) {
        MemoryStorageCrashContract.writeUntilKilled(
                PostgresStore.builder().connectionString(args[0]).build());
    }
}
