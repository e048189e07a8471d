package dev.mastra4j.storage.jdbc;

import dev.mastra4j.core.error.StorageUnavailableException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * Creates a store's tables once: on first use, and again after an attempt that failed. Also maps a
 * {@link SQLException} to what callers see: {@link StorageUnavailableException} for an outage, otherwise
 * {@link IllegalStateException}.
 */
final class Schema {

    /** Unique violation (on PostgreSQL's catalog), duplicate table, duplicate object. */
    private static final Set<String> CREATED_CONCURRENTLY = Set.of("23505", "42P07", "42710");

    private final SqlDialect dialect;
    private final Transactor transactor;
    private volatile boolean ready;

    Schema(SqlDialect dialect, Transactor transactor) {
        this.dialect = dialect;
        this.transactor = transactor;
    }

    void ensure() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (ready) {
                return;
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    transactor.write(c -> {
                        dialect.lockSchema(c);
                        try (Statement s = c.createStatement()) {
                            for (String statement : dialect.schema()) {
                                s.execute(statement);
                            }
                            for (String statement : JdbcSuspendedRunStore.SCHEMA) {
                                s.execute(statement);
                            }
                        }
                        return null;
                    });
                    break;
                } catch (SQLException e) {
                    // Another program (a Mastra server, which takes no lock of ours) created the same table at the
                    // same moment: the next attempt finds it there.
                    if (attempt >= 3 || !CREATED_CONCURRENTLY.contains(String.valueOf(e.getSQLState()))) {
                        throw failure(dialect, e);
                    }
                }
            }
            ready = true;
        }
    }

    static RuntimeException failure(SqlDialect dialect, SQLException e) {
        if (dialect.isUnavailable(e)) {
            return new StorageUnavailableException(
                    dialect.storeName() + " is unavailable: " + Rows.firstLine(e.getMessage()), e);
        }
        return new IllegalStateException(
                dialect.storeName() + " refused a statement (SQLState " + e.getSQLState() + ")", e);
    }
}
