package dev.mastra4j.storage.jdbc;

import dev.mastra4j.core.storage.SuspendedRunRecord;
import dev.mastra4j.core.storage.SuspendedRunStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@link SuspendedRunStore} of a {@link JdbcMemoryStore}: table {@value #TABLE} beside Mastra's tables, created with
 * them ({@link #SCHEMA}, portable SQL that SQLite and PostgreSQL both run), each method one short transaction of the
 * store. Instants are epoch milliseconds; {@link #claim} is one guarded {@code UPDATE}, so of concurrent claims, from
 * any number of servers, exactly one changes the row.
 */
final class JdbcSuspendedRunStore implements SuspendedRunStore {

    static final String TABLE = "mastra4j_suspended_runs";

    /** Idempotent statements, run in the store's schema transaction. */
    static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                    + "run_id TEXT NOT NULL PRIMARY KEY, "
                    + "agent_id TEXT NOT NULL, "
                    + "owner TEXT, "
                    + "tool_call_id TEXT NOT NULL, "
                    + "state TEXT NOT NULL, "
                    + "created_at BIGINT NOT NULL, "
                    + "expires_at BIGINT NOT NULL, "
                    + "resumed_at BIGINT)",
            "CREATE INDEX IF NOT EXISTS " + TABLE + "_expires_at ON " + TABLE + " (expires_at)");

    private static final String UPSERT = "INSERT INTO " + TABLE
            + " (run_id, agent_id, owner, tool_call_id, state, created_at, expires_at, resumed_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, NULL)"
            + " ON CONFLICT (run_id) DO UPDATE SET agent_id = excluded.agent_id, owner = excluded.owner,"
            + " tool_call_id = excluded.tool_call_id, state = excluded.state, created_at = excluded.created_at,"
            + " expires_at = excluded.expires_at, resumed_at = NULL";
    private static final String SELECT = "SELECT run_id, agent_id, owner, tool_call_id, state, created_at, expires_at,"
            + " resumed_at FROM " + TABLE + " WHERE run_id = ?";
    private static final String CLAIM =
            "UPDATE " + TABLE + " SET resumed_at = ? WHERE run_id = ? AND tool_call_id = ? AND resumed_at IS NULL";
    private static final String DELETE_EXPIRED = "DELETE FROM " + TABLE + " WHERE expires_at < ?";

    private final JdbcMemoryStore store;

    JdbcSuspendedRunStore(JdbcMemoryStore store) {
        this.store = store;
    }

    @Override
    public void save(SuspendedRunRecord run) {
        store.write(c -> {
            try (PreparedStatement s = c.prepareStatement(UPSERT)) {
                s.setString(1, run.runId());
                s.setString(2, run.agentId());
                if (run.owner() == null) {
                    s.setNull(3, Types.VARCHAR);
                } else {
                    s.setString(3, run.owner());
                }
                s.setString(4, run.toolCallId());
                s.setString(5, run.state());
                s.setLong(6, run.createdAt().toEpochMilli());
                s.setLong(7, run.expiresAt().toEpochMilli());
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<SuspendedRunRecord> get(String runId) {
        if (runId == null) {
            return Optional.empty();
        }
        return store.read(c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT)) {
                s.setString(1, runId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(row(r)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean claim(String runId, String toolCallId, Instant at) {
        if (runId == null || toolCallId == null) {
            return false;
        }
        return store.write(c -> {
            try (PreparedStatement s = c.prepareStatement(CLAIM)) {
                s.setLong(1, at.toEpochMilli());
                s.setString(2, runId);
                s.setString(3, toolCallId);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int deleteExpiredBefore(Instant cutoff) {
        return store.write(c -> {
            try (PreparedStatement s = c.prepareStatement(DELETE_EXPIRED)) {
                s.setLong(1, cutoff.toEpochMilli());
                return s.executeUpdate();
            }
        });
    }

    private static SuspendedRunRecord row(ResultSet r) throws SQLException {
        long resumed = r.getLong("resumed_at");
        boolean notResumed = r.wasNull();
        return new SuspendedRunRecord(
                r.getString("run_id"),
                r.getString("agent_id"),
                r.getString("owner"),
                r.getString("tool_call_id"),
                r.getString("state"),
                Instant.ofEpochMilli(r.getLong("created_at")),
                Instant.ofEpochMilli(r.getLong("expires_at")),
                notResumed ? null : Instant.ofEpochMilli(resumed));
    }
}
