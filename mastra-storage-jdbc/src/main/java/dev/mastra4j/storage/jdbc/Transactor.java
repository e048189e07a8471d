package dev.mastra4j.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs units of work on a database connection, each in its own transaction that is committed before the call returns
 * (or rolled back when the work throws). Implementations decide where connections come from: a pool, or one guarded
 * connection.
 */
public interface Transactor extends AutoCloseable {

    /** A unit of work on one connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work}, which only reads. Each statement sees data committed before it started; statements of one
     * read need not share a snapshot (as at read committed isolation), so an implementation may skip the transaction.
     */
    <T> T read(SqlWork<T> work) throws SQLException;

    /** Runs {@code work} in a write transaction and commits it; rolls back when it throws. */
    <T> T write(SqlWork<T> work) throws SQLException;

    /** Releases the connections. */
    @Override
    void close();
}
