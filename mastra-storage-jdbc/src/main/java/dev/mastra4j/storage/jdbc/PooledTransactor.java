package dev.mastra4j.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A {@link Transactor} over a pool: each unit of work borrows a connection. A write runs in a transaction with
 * auto-commit off and commits before the connection goes back. A read runs in auto-commit mode: at PostgreSQL's
 * default isolation (read committed) each statement of a transaction sees its own snapshot anyway, so the explicit
 * transaction would add a {@code COMMIT} round trip and no guarantee.
 */
public final class PooledTransactor implements Transactor {

    private final DataSource pool;
    private final Runnable closePool;

    /**
     * @param pool      where connections come from
     * @param closePool closes the pool
     */
    public PooledTransactor(DataSource pool, Runnable closePool) {
        this.pool = pool;
        this.closePool = closePool;
    }

    @Override
    public <T> T read(SqlWork<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            return work.run(c);
        }
    }

    @Override
    public <T> T write(SqlWork<T> work) throws SQLException {
        return inTransaction(work);
    }

    private <T> T inTransaction(SqlWork<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    @Override
    public void close() {
        closePool.run();
    }
}
