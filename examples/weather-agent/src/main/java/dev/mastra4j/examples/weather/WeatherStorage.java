package dev.mastra4j.examples.weather;

import dev.mastra4j.core.storage.InMemoryStore;
import dev.mastra4j.core.storage.MemoryStorage;
import dev.mastra4j.storage.libsql.LibSQLStore;
import dev.mastra4j.storage.pg.PostgresStore;
import java.util.Locale;
import java.util.Map;

/**
 * The example's storage, from {@code MASTRA_STORAGE_URL}, as Mastra's starter configures its {@code LibSQLStore}:
 *
 * <ul>
 *   <li>unset or blank: {@value #DEFAULT_URL}, a SQLite file in the working directory;
 *   <li>{@code file:<path>} or {@code jdbc:sqlite:<path>}: that SQLite file ({@code LibSQLStore});
 *   <li>{@code :memory:}: in the heap, lost on exit;
 *   <li>{@code postgresql://user:pass@host:port/db}, {@code postgres://...} or {@code jdbc:postgresql:...}:
 *       PostgreSQL ({@code PostgresStore}).
 * </ul>
 */
final class WeatherStorage {

    static final String VARIABLE = "MASTRA_STORAGE_URL";
    static final String DEFAULT_URL = "file:./mastra.db";

    private WeatherStorage() {}

    /**
     * Opens the store that {@code env} names.
     *
     * @throws IllegalArgumentException for a URL of no known kind; the message never repeats a password
     */
    static MemoryStorage open(Map<String, String> env) {
        String url = env.getOrDefault(VARIABLE, "");
        url = url.isBlank() ? DEFAULT_URL : url.strip();
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.equals(":memory:")) {
            return new InMemoryStore();
        }
        if (lower.startsWith("file:") || lower.startsWith("jdbc:sqlite:")) {
            return LibSQLStore.builder().url(url).build();
        }
        if (lower.startsWith("postgresql://")
                || lower.startsWith("postgres://")
                || lower.startsWith("jdbc:postgresql:")) {
            return PostgresStore.builder().connectionString(url).build();
        }
        throw new IllegalArgumentException(VARIABLE + " must be file:<path>, :memory:, postgresql://... or a jdbc: URL "
                + "for SQLite or PostgreSQL; it starts with '" + scheme(url) + "'");
    }

    private static String scheme(String url) {
        int colon = url.indexOf(':');
        return colon < 0 ? "" : url.substring(0, colon + 1);
    }
}
