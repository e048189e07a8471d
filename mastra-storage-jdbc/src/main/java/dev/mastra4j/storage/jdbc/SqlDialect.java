package dev.mastra4j.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** What differs between the databases {@link JdbcMemoryStore} runs on. */
public interface SqlDialect {

    /** The store's name in error messages, such as {@code LibSQLStore}. */
    String storeName();

    /**
     * The statements that create the tables and indexes when missing; each is idempotent ({@code IF NOT EXISTS}), and
     * tables created by Mastra itself are left as they are.
     */
    List<String> schema();

    /** Runs first in the schema transaction: PostgreSQL takes an advisory lock there, so servers create it in turn. */
    default void lockSchema(Connection connection) throws SQLException {}

    /** The placeholder of a JSON column's value, bound as JSON text: {@code jsonb(?)} or {@code CAST(? AS jsonb)}. */
    String jsonParameter();

    /** The expression that reads a JSON column as JSON text: {@code json("metadata")} or {@code "metadata"::text}. */
    String jsonColumn(String column);

    /**
     * Whether the tables carry Mastra's PostgreSQL {@code createdAtZ}/{@code updatedAtZ} columns ({@code timestamptz},
     * written with the same instants as {@code createdAt}/{@code updatedAt}).
     */
    boolean zonedCopies();

    /**
     * Whether the hot paths may use PostgreSQL's combined forms, each one round trip: several {@code SELECT}s in one
     * prepared statement, a data-modifying {@code WITH}, and a window {@code count(*) OVER ()} beside a page. Off
     * (the default), they run as separate statements, which costs nothing extra on an embedded database.
     */
    default boolean combinedStatements() {
        return false;
    }

    /** Binds an instant to a {@code createdAt}/{@code updatedAt} column in Mastra's format. */
    void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException;

    /** Reads a {@code createdAt}/{@code updatedAt} column written by Mastra or by this store. */
    Instant getInstant(ResultSet row, String column) throws SQLException;

    /**
     * Whether this failure means the database cannot be reached or cannot take the work now (connection lost, login
     * refused, timeout, disk full, file not writable), as opposed to a fault in the statement.
     */
    boolean isUnavailable(SQLException failure);
}
