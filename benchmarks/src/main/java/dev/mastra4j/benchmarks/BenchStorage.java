package dev.mastra4j.benchmarks;

import dev.mastra4j.core.storage.MemoryStorage;
import dev.mastra4j.storage.libsql.LibSQLStore;
import dev.mastra4j.storage.pg.PostgresStore;
import java.util.Locale;

/**
 * The store of a memory benchmark, from a URL as Mastra writes it: {@code file:<path>} or {@code :memory:} opens a
 * {@link LibSQLStore} with the given {@code synchronous} mode, {@code postgresql://...} a {@link PostgresStore}.
 */
final class BenchStorage {

    private BenchStorage() {}

    /**
     * Opens the store.
     *
     * @param url         {@code file:...}, {@code :memory:} or {@code postgresql://...}
     * @param synchronous {@code FULL} or {@code NORMAL}; SQLite only
     * @param poolSize    PostgreSQL's pool size; 0 keeps the store's default
     */
    static MemoryStorage open(String url, String synchronous, int poolSize) {
        if (url.startsWith("postgres://") || url.startsWith("postgresql://") || url.startsWith("jdbc:postgresql:")) {
            PostgresStore.Builder pg = PostgresStore.builder().connectionString(url);
            if (poolSize > 0) {
                pg.maxPoolSize(poolSize);
            }
            return pg.build();
        }
        return LibSQLStore.builder()
                .url(url)
                .synchronous(LibSQLStore.Synchronous.valueOf(synchronous.toUpperCase(Locale.ROOT)))
                .build();
    }
}
