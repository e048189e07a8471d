package dev.mastra4j.storage.libsql;

import dev.mastra4j.core.util.IsoInstant;
import dev.mastra4j.storage.jdbc.SqlDialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.sqlite.SQLiteException;

/**
 * SQLite as {@code @mastra/libsql} 1.23 lays it out: TEXT columns, dates as ISO-8601 strings with milliseconds and
 * {@code Z} (so that text order is time order), {@code metadata} in SQLite's binary JSONB ({@code jsonb(?)}, read with
 * {@code json(...)}), {@code content} as JSON text. Mastra's two message indexes, plus one of ours on
 * {@code mastra_threads("resourceId", "createdAt", "id")}, which Mastra lacks: without it, listing one user's threads
 * scans the table.
 */
final class SqliteDialect implements SqlDialect {

    private static final List<String> SCHEMA = List.of(
            """
            CREATE TABLE IF NOT EXISTS mastra_threads (
              "id" TEXT NOT NULL PRIMARY KEY,
              "resourceId" TEXT NOT NULL,
              "title" TEXT NOT NULL,
              "metadata" TEXT,
              "createdAt" TEXT NOT NULL,
              "updatedAt" TEXT NOT NULL
            )""",
            """
            CREATE TABLE IF NOT EXISTS mastra_messages (
              "id" TEXT NOT NULL PRIMARY KEY,
              "thread_id" TEXT NOT NULL,
              "content" TEXT NOT NULL,
              "role" TEXT NOT NULL,
              "type" TEXT NOT NULL,
              "createdAt" TEXT NOT NULL,
              "resourceId" TEXT
            )""",
            """
            CREATE TABLE IF NOT EXISTS mastra_resources (
              "id" TEXT NOT NULL PRIMARY KEY,
              "workingMemory" TEXT,
              "metadata" TEXT,
              "createdAt" TEXT NOT NULL,
              "updatedAt" TEXT NOT NULL
            )""",
            "CREATE INDEX IF NOT EXISTS idx_messages_thread_created_at ON mastra_messages (thread_id, \"createdAt\")",
            "CREATE INDEX IF NOT EXISTS idx_messages_thread_resource_created_at"
                    + " ON mastra_messages (thread_id, \"resourceId\", \"createdAt\")",
            "CREATE INDEX IF NOT EXISTS mastra4j_threads_resource_created_at"
                    + " ON mastra_threads (\"resourceId\", \"createdAt\", \"id\")");

    @Override
    public String storeName() {
        return "LibSQLStore";
    }

    @Override
    public List<String> schema() {
        return SCHEMA;
    }

    @Override
    public String jsonParameter() {
        return "jsonb(?)";
    }

    @Override
    public String jsonColumn(String column) {
        return "json(\"" + column + "\")";
    }

    @Override
    public boolean zonedCopies() {
        return false;
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setString(index, format(value));
    }

    @Override
    public Instant getInstant(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        try {
            return IsoInstant.parse(text);
        } catch (DateTimeParseException e) {
            // SQLite's own CURRENT_TIMESTAMP form, "yyyy-MM-dd HH:mm:ss", in UTC.
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        }
    }

    @Override
    public boolean isUnavailable(SQLException failure) {
        if (!(failure instanceof SQLiteException e)) {
            return true; // closed connection, interrupted wait for the connection
        }
        return switch (e.getResultCode().code & 0xff) {
            case 3, 5, 6, 7, 8, 10, 11, 13, 14, 15, 23, 26 -> true; // PERM BUSY LOCKED NOMEM READONLY IOERR CORRUPT
            // FULL CANTOPEN PROTOCOL AUTH NOTADB
            default -> false;
        };
    }

    /** Mastra's date text: {@code Date.toISOString()}, milliseconds and {@code Z}. */
    static String format(Instant value) {
        return IsoInstant.format(value);
    }
}
