package dev.mastra4j.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A {@link Transactor} over a pool: each unit of work borrows a connection, runs in a transaction with auto-commit off,
 * and commits before the connection goes back.
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
        return inTransaction(work);
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
