package dev.mastra4j.storage.libsql;

import dev.mastra4j.storage.jdbc.Transactor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One SQLite connection for writes, taken in turn: SQLite runs one writer at a time anyway. Writes open with
 * {@code BEGIN IMMEDIATE}, so a writer in another process makes this one wait (up to the busy timeout) instead of
 * failing half-way. Reads of a file database run on {@link SqliteReaders} (WAL readers do not wait for the writer);
 * reads of an in-memory database, which lives only as long as its one connection, share the write connection, in
 * {@code BEGIN}. A caller waits at most the busy timeout plus a second for its turn.
 */
final class SqliteTransactor implements Transactor {

    /** Opens the connection, with its pragmas set. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    private final ReentrantLock lock = new ReentrantLock(true);
    private final Opener opener;
    private final long waitMillis;
    private final SqliteReaders readers;
    private Connection connection;

    /**
     * @param opener      opens the write connection
     * @param readOpener  opens a read connection, or null when reads must share the write connection (in-memory)
     * @param readers     at most this many read connections
     * @param busyTimeout how long a write waits for another writer of the file
     */
    SqliteTransactor(Opener opener, Opener readOpener, int readers, Duration busyTimeout) {
        this.opener = opener;
        this.waitMillis = busyTimeout.toMillis() + 1000;
        this.readers = readOpener == null ? null : new SqliteReaders(readOpener, readers, waitMillis);
    }

    @Override
    public <T> T read(SqlWork<T> work) throws SQLException {
        return readers != null ? readers.read(work) : inTransaction("BEGIN", work);
    }

    @Override
    public <T> T write(SqlWork<T> work) throws SQLException {
        return inTransaction("BEGIN IMMEDIATE", work);
    }

    private <T> T inTransaction(String begin, SqlWork<T> work) throws SQLException {
        acquire();
        try {
            Connection c = connection();
            execute(c, begin);
            try {
                T result = work.run(c);
                execute(c, "COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    if (!c.isClosed()) {
                        execute(c, "ROLLBACK");
                    }
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private void acquire() throws SQLException {
        try {
            if (!lock.tryLock(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new SQLTimeoutException("timed out waiting for the database connection");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTimeoutException("interrupted while waiting for the database connection", e);
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = opener.open();
        }
        return connection;
    }

    /** Prepared rather than a plain statement, so that a {@link StatementCache} keeps it too. */
    private static void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
        }
    }

    @Override
    public void close() {
        if (readers != null) {
            readers.close();
        }
        lock.lock();
        try {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        } catch (SQLException e) {
            // Nothing is left to release: a connection that fails to close is gone.
        } finally {
            lock.unlock();
        }
    }
}
