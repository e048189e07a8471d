package dev.mastra4j.storage.jdbc;

import dev.mastra4j.core.error.StorageUnavailableException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
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
            return new StorageUnavailableException(dialect.storeName() + " is unavailable", detail(e), e);
        }
        return new IllegalStateException(
                dialect.storeName() + " refused a statement (SQLState " + e.getSQLState() + ")", e);
    }

    /**
     * The first line of each distinct message down the cause chain, at most three: a pool's timeout says little, the
     * driver's failure under it names the address. Drivers put no password in these messages.
     */
    static String detail(SQLException e) {
        Set<String> lines = new LinkedHashSet<>();
        for (Throwable t = e; t != null && lines.size() < 3; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                lines.add(Rows.firstLine(t.getMessage()));
            }
        }
        return lines.isEmpty() ? "no detail" : String.join("; ", lines);
    }
}
