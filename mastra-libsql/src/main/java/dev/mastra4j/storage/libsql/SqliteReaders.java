package dev.mastra4j.storage.libsql;

import dev.mastra4j.storage.jdbc.Transactor.SqlWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Read-only work on a file database in WAL mode, on up to {@code size} connections of its own: WAL readers never
 * wait for the writer, so a read goes on while a commit is being synced to disk. Each read runs in a deferred
 * transaction ({@code BEGIN}), one snapshot for all its statements; it sees every commit acknowledged before it began.
 * Connections are opened on first need and kept; one that failed is closed rather than reused.
 */
final class SqliteReaders implements AutoCloseable {

    private final SqliteTransactor.Opener opener;
    private final Semaphore permits;
    private final long waitMillis;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    SqliteReaders(SqliteTransactor.Opener opener, int size, long waitMillis) {
        this.opener = opener;
        this.permits = new Semaphore(size, true);
        this.waitMillis = waitMillis;
    }

    <T> T read(SqlWork<T> work) throws SQLException {
        acquire();
        Connection c = null;
        boolean healthy = false;
        try {
            c = take();
            execute(c, "BEGIN");
            T result;
            try {
                result = work.run(c);
            } finally {
                execute(c, "COMMIT");
            }
            healthy = true;
            return result;
        } finally {
            give(c, healthy);
            permits.release();
        }
    }

    private void acquire() throws SQLException {
        try {
            if (!permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new SQLTimeoutException("timed out waiting for a database connection");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTimeoutException("interrupted while waiting for a database connection", e);
        }
    }

    private Connection take() throws SQLException {
        synchronized (idle) {
            if (closed) {
                throw new SQLException("the store is closed");
            }
            Connection c = idle.pollFirst();
            if (c != null) {
                return c;
            }
        }
        return opener.open();
    }

    private void give(Connection c, boolean healthy) {
        if (c == null) {
            return;
        }
        synchronized (idle) {
            if (healthy && !closed) {
                idle.addFirst(c);
                return;
            }
        }
        closeQuietly(c);
    }

    /** Prepared rather than a plain statement, so that a {@link StatementCache} keeps it too. */
    private static void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // Nothing is left to release: a connection that fails to close is gone.
        }
    }

    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            idle.forEach(SqliteReaders::closeQuietly);
            idle.clear();
        }
    }
}
