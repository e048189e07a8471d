package dev.mastra4j.storage.pg;

import dev.mastra4j.storage.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * PostgreSQL as {@code @mastra/pg} 1.27 lays it out: {@code text} and {@code jsonb} columns, {@code createdAt} and
 * {@code updatedAt} as {@code timestamp without time zone} holding UTC wall time, plus {@code createdAtZ} and
 * {@code updatedAtZ} ({@code timestamptz}) with the same instants; Mastra's two indexes. The schema transaction takes
 * a transaction-scoped advisory lock first, so servers starting together on an empty database create it one after
 * the other; on tables Mastra created, only missing columns and indexes are added (extra columns are left alone).
 */
final class PgDialect implements SqlDialect {

    /** The advisory-lock key of mastra4j's schema transaction. */
    static final long SCHEMA_LOCK = 0x6d61737472613471L;

    private static final List<String> SCHEMA = List.of(
            """
            CREATE TABLE IF NOT EXISTS mastra_threads (
                id text NOT NULL PRIMARY KEY,
                "resourceId" text NOT NULL,
                title text NOT NULL,
                metadata jsonb,
                "createdAt" timestamp without time zone NOT NULL,
                "updatedAt" timestamp without time zone NOT NULL,
                "createdAtZ" timestamp with time zone DEFAULT now(),
                "updatedAtZ" timestamp with time zone DEFAULT now()
            )""",
            """
            CREATE TABLE IF NOT EXISTS mastra_messages (
                id text NOT NULL PRIMARY KEY,
                thread_id text NOT NULL,
                content text NOT NULL,
                role text NOT NULL,
                type text NOT NULL,
                "createdAt" timestamp without time zone NOT NULL,
                "resourceId" text,
                "createdAtZ" timestamp with time zone DEFAULT now()
            )""",
            """
            CREATE TABLE IF NOT EXISTS mastra_resources (
                id text NOT NULL PRIMARY KEY,
                "workingMemory" text,
                metadata jsonb,
                "createdAt" timestamp without time zone NOT NULL,
                "updatedAt" timestamp without time zone NOT NULL,
                "createdAtZ" timestamp with time zone DEFAULT now(),
                "updatedAtZ" timestamp with time zone DEFAULT now()
            )""",
            "ALTER TABLE mastra_threads ADD COLUMN IF NOT EXISTS \"createdAtZ\" timestamp with time zone DEFAULT now()",
            "ALTER TABLE mastra_threads ADD COLUMN IF NOT EXISTS \"updatedAtZ\" timestamp with time zone DEFAULT now()",
            "ALTER TABLE mastra_messages ADD COLUMN IF NOT EXISTS \"createdAtZ\" timestamp with time zone DEFAULT now()",
            "ALTER TABLE mastra_resources ADD COLUMN IF NOT EXISTS \"createdAtZ\" timestamp with time zone DEFAULT now()",
            "ALTER TABLE mastra_resources ADD COLUMN IF NOT EXISTS \"updatedAtZ\" timestamp with time zone DEFAULT now()",
            "CREATE INDEX IF NOT EXISTS mastra_threads_resourceid_createdat_idx"
                    + " ON mastra_threads (\"resourceId\", \"createdAt\" DESC)",
            "CREATE INDEX IF NOT EXISTS mastra_messages_thread_id_createdat_idx"
                    + " ON mastra_messages (thread_id, \"createdAt\" DESC)");

    @Override
    public String storeName() {
        return "PostgresStore";
    }

    @Override
    public List<String> schema() {
        return SCHEMA;
    }

    @Override
    public void lockSchema(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
        }
    }

    @Override
    public String jsonParameter() {
        return "CAST(? AS jsonb)";
    }

    @Override
    public String jsonColumn(String column) {
        return "\"" + column + "\"::text";
    }

    @Override
    public boolean zonedCopies() {
        return true;
    }

    @Override
    public boolean combinedStatements() {
        return true;
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setObject(index, LocalDateTime.ofInstant(value.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
    }

    @Override
    public Instant getInstant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    @Override
    public boolean isUnavailable(SQLException failure) {
        if (failure instanceof SQLTransientException
                || failure instanceof SQLNonTransientConnectionException
                || failure instanceof SQLRecoverableException) {
            return true;
        }
        String state = failure.getSQLState();
        if (state == null || state.length() < 2) {
            return true;
        }
        return switch (state.substring(0, 2)) {
            // connection, authorization, no such database, transaction rollback (serialization, deadlock),
            // insufficient resources, operator intervention (shutdown, timeout), system error
            case "08", "28", "3D", "40", "53", "57", "58" -> true;
            default -> false;
        };
    }
}
