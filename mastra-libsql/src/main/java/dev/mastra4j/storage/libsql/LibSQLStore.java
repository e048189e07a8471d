package dev.mastra4j.storage.libsql;

import dev.mastra4j.storage.jdbc.JdbcMemoryStore;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.sqlite.SQLiteConfig;

/**
 * Memory in SQLite, named after Mastra's {@code LibSQLStore} so that its docs translate line by line:
 *
 * <pre>{@code
 * LibSQLStore store = LibSQLStore.builder().url("file:./mastra.db").build();
 * }</pre>
 *
 * <p>The tables and formats are those of {@code @mastra/libsql} 1.23 ({@code mastra_threads}, {@code mastra_messages},
 * {@code mastra_resources}), so a Mastra TypeScript service can open the same file. URLs: {@code file:<path>},
 * {@code :memory:} (one private database, gone on {@link #close()}) and {@code jdbc:sqlite:<...>}. Remote LibSQL
 * ({@code libsql://}, Turso) is not supported.
 *
 * <p>Durability: the file runs in WAL mode with {@code synchronous=FULL} by default, so every method that returns has
 * its commit synced to disk: it survives {@code kill -9} and power loss. {@link Synchronous#NORMAL} (Mastra's own
 * setting) still survives {@code kill -9} but may lose the last commits on power loss or an OS crash, for a cheaper
 * commit. Another process writing the file makes a call wait up to the busy timeout (default 5 s), then fail with
 * {@link dev.mastra4j.core.error.StorageUnavailableException}. Writes take one connection in turn; reads of a file
 * database run on up to four connections of their own, which WAL never makes wait for a write.
 */
public final class LibSQLStore extends JdbcMemoryStore {

    /** Read connections of a file database, beside its one write connection. */
    static final int READ_CONNECTIONS = 4;

    /** Prepared statements kept per connection by default: more than the store has distinct statements. */
    public static final int DEFAULT_STATEMENT_CACHE_SIZE = 64;

    private LibSQLStore(SqliteTransactor transactor) {
        super(new SqliteDialect(), transactor, () -> {});
    }

    /** The hot reads' statements, for the query-plan test. */
    Map<String, String> plannedQueries() {
        return hotQueries();
    }

    /** A pragma's value on the store's own connection, for tests. */
    String pragma(String name) {
        return inspect(c -> {
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("PRAGMA " + name)) {
                return r.next() ? r.getString(1) : null;
            }
        });
    }

    /** A builder; {@link Builder#url} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** When a commit is synced to disk (SQLite's {@code synchronous} pragma, in WAL mode). */
    public enum Synchronous {
        /** At every commit: an acknowledged write survives {@code kill -9}, an OS crash and power loss. */
        FULL,
        /** At checkpoints: survives {@code kill -9}; an OS crash or power loss may lose the last commits. */
        NORMAL
    }

    /** Configures a {@link LibSQLStore}. */
    public static final class Builder {

        private String url;
        private Duration busyTimeout = Duration.ofSeconds(5);
        private Synchronous synchronous = Synchronous.FULL;
        private int statementCacheSize = DEFAULT_STATEMENT_CACHE_SIZE;

        private Builder() {}

        /**
         * Where the database is: {@code file:./mastra.db} (Mastra's form; relative to the working directory),
         * {@code file:/abs/path.db}, {@code :memory:}, or a {@code jdbc:sqlite:} URL.
         *
         * @throws IllegalArgumentException for any other URL, such as {@code libsql://} (remote LibSQL is not
         *                                  supported); the message names the scheme only, never the URL
         */
        public Builder url(String url) {
            this.url = jdbcUrl(Objects.requireNonNull(url, "url"));
            return this;
        }

        /** How long a call waits for another writer of the file before failing (default 5 s). */
        public Builder busyTimeout(Duration busyTimeout) {
            if (busyTimeout.isNegative()) {
                throw new IllegalArgumentException("busyTimeout must not be negative");
            }
            this.busyTimeout = busyTimeout;
            return this;
        }

        /** When commits are synced to disk (default {@link Synchronous#FULL}). */
        public Builder synchronous(Synchronous synchronous) {
            this.synchronous = Objects.requireNonNull(synchronous, "synchronous");
            return this;
        }

        /**
         * How many prepared statements each connection keeps for reuse (default
         * {@value LibSQLStore#DEFAULT_STATEMENT_CACHE_SIZE}); 0 compiles every statement anew on every call.
         */
        public Builder statementCacheSize(int statementCacheSize) {
            if (statementCacheSize < 0) {
                throw new IllegalArgumentException("statementCacheSize must not be negative");
            }
            this.statementCacheSize = statementCacheSize;
            return this;
        }

        /**
         * Builds the store and creates the tables if the file can be opened (otherwise the first call does, and until
         * then calls fail with {@link dev.mastra4j.core.error.StorageUnavailableException}).
         */
        public LibSQLStore build() {
            if (url == null) {
                throw new IllegalStateException("LibSQLStore needs a url");
            }
            String jdbcUrl = url;
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(
                    synchronous == Synchronous.FULL
                            ? SQLiteConfig.SynchronousMode.FULL
                            : SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
            config.setTempStore(SQLiteConfig.TempStore.MEMORY);
            int cacheSize = statementCacheSize;
            SqliteTransactor.Opener opener = () -> StatementCache.wrap(config.createConnection(jdbcUrl), cacheSize);
            SqliteTransactor.Opener readOpener =
                    jdbcUrl.contains(":memory:") || jdbcUrl.contains("mode=memory") ? null : opener;
            LibSQLStore store =
                    new LibSQLStore(new SqliteTransactor(opener, readOpener, READ_CONNECTIONS, busyTimeout));
            store.start();
            return store;
        }

        static String jdbcUrl(String url) {
            String trimmed = url.strip();
            if (trimmed.equals(":memory:") || trimmed.equals("file::memory:")) {
                return "jdbc:sqlite::memory:";
            }
            if (trimmed.startsWith("jdbc:sqlite:") && trimmed.length() > "jdbc:sqlite:".length()) {
                return trimmed;
            }
            if (trimmed.startsWith("file:") && trimmed.length() > "file:".length()) {
                String path = trimmed.substring("file:".length());
                if (path.startsWith("//")) {
                    path = path.substring(2); // file:///abs/path -> /abs/path
                }
                if (!path.isEmpty() && !path.contains("?")) {
                    return "jdbc:sqlite:" + path;
                }
            }
            throw new IllegalArgumentException("LibSQLStore takes file:<path>, :memory: or jdbc:sqlite:<path>, not "
                    + describe(trimmed) + " (remote LibSQL, libsql:// and Turso, is not supported)");
        }

        private static String describe(String url) {
            int colon = url.indexOf(':');
            String scheme = colon > 0 ? url.substring(0, colon).toLowerCase(Locale.ROOT) : "";
            return scheme.matches("[a-z][a-z0-9+.-]{0,20}") ? "a " + scheme + ": URL" : "this URL";
        }
    }
}
