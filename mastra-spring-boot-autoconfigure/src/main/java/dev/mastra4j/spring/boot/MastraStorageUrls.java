package dev.mastra4j.spring.boot;

import dev.mastra4j.core.storage.InMemoryStore;
import dev.mastra4j.core.storage.MemoryStorage;
import dev.mastra4j.storage.libsql.LibSQLStore;
import dev.mastra4j.storage.pg.PostgresStore;
import java.util.Locale;
import org.springframework.util.ClassUtils;

/**
 * {@code mastra.storage.url} → a store: {@code :memory:} ({@link InMemoryStore}), {@code file:} or
 * {@code jdbc:sqlite:} (LibSQLStore, mastra-libsql), {@code postgresql://}, {@code postgres://} or
 * {@code jdbc:postgresql:} (PostgresStore, mastra-pg). A store module that is not on the class path is named in the
 * error.
 */
final class MastraStorageUrls {

    private static final String LIBSQL = "dev.mastra4j.storage.libsql.LibSQLStore";
    private static final String PG = "dev.mastra4j.storage.pg.PostgresStore";

    private MastraStorageUrls() {}

    /** @throws IllegalStateException for a URL of no known kind, or whose module is missing; never quotes a password */
    static MemoryStorage open(String url) {
        String trimmed = url.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        ClassLoader loader = MastraStorageUrls.class.getClassLoader();
        if (lower.equals(":memory:")) {
            return new InMemoryStore();
        }
        if (lower.startsWith("file:") || lower.startsWith("jdbc:sqlite:")) {
            require(ClassUtils.isPresent(LIBSQL, loader), "dev.mastra4j:mastra-libsql", "file:/jdbc:sqlite:");
            return LibSql.open(trimmed);
        }
        if (lower.startsWith("postgresql://")
                || lower.startsWith("postgres://")
                || lower.startsWith("jdbc:postgresql:")) {
            require(ClassUtils.isPresent(PG, loader), "dev.mastra4j:mastra-pg", "PostgreSQL");
            return Pg.open(trimmed);
        }
        int colon = trimmed.indexOf(':');
        throw new IllegalStateException("mastra.storage.url must be file:<path>, :memory:, postgresql://... or a jdbc: "
                + "URL for SQLite or PostgreSQL; it starts with '" + (colon < 0 ? "" : trimmed.substring(0, colon + 1))
                + "'");
    }

    private static void require(boolean present, String module, String kind) {
        if (!present) {
            throw new IllegalStateException(
                    "mastra.storage.url names a " + kind + " store: add the dependency " + module);
        }
    }

    /** Loaded only when mastra-libsql is present. */
    private static final class LibSql {
        static MemoryStorage open(String url) {
            return LibSQLStore.builder().url(url).build();
        }
    }

    /** Loaded only when mastra-pg is present. */
    private static final class Pg {
        static MemoryStorage open(String url) {
            return PostgresStore.builder().connectionString(url).build();
        }
    }
}
