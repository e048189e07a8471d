package dev.mastra4j.storage.jdbc;

import dev.mastra4j.core.storage.StorageMessage;
import dev.mastra4j.core.storage.StorageResource;
import dev.mastra4j.core.storage.StorageThread;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Binds threads and messages to {@link MemorySql}'s statements, and reads message rows, for one dialect. */
final class Binder {

    private final SqlDialect dialect;
    private final MemorySql sql;

    Binder(SqlDialect dialect, MemorySql sql) {
        this.dialect = dialect;
        this.sql = sql;
    }

    boolean insertThread(Connection c, StorageThread thread) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql.insertThread)) {
            int i = 1;
            s.setString(i++, thread.id());
            s.setString(i++, thread.resourceId());
            s.setString(i++, thread.title());
            s.setString(i++, Rows.json(thread.metadata()));
            dialect.setInstant(s, i++, thread.createdAt());
            dialect.setInstant(s, i++, thread.updatedAt());
            if (dialect.zonedCopies()) {
                s.setObject(i++, Rows.zoned(thread.createdAt()));
                s.setObject(i, Rows.zoned(thread.updatedAt()));
            }
            return s.executeUpdate() == 1;
        }
    }

    void bindMessage(PreparedStatement s, StorageMessage m) throws SQLException {
        bindMessage(s, 1, m);
    }

    /** Binds {@code m} from parameter {@code first} on; returns the index after its last parameter. */
    int bindMessage(PreparedStatement s, int first, StorageMessage m) throws SQLException {
        int i = first;
        s.setString(i++, m.id());
        s.setString(i++, m.threadId());
        s.setString(i++, Rows.json(m.content()));
        s.setString(i++, m.role());
        s.setString(i++, m.type());
        dialect.setInstant(s, i++, m.createdAt());
        s.setString(i++, m.resourceId());
        if (dialect.zonedCopies()) {
            s.setObject(i++, Rows.zoned(m.createdAt()));
        }
        return i;
    }

    void readMessages(PreparedStatement s, List<StorageMessage> into) throws SQLException {
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                into.add(Rows.message(r, dialect));
            }
        }
    }

    void bindUpdate(PreparedStatement s, StorageThread thread) throws SQLException {
        int i = 1;
        s.setString(i++, thread.title());
        s.setString(i++, Rows.json(thread.metadata()));
        dialect.setInstant(s, i++, thread.updatedAt());
        if (dialect.zonedCopies()) {
            s.setObject(i++, Rows.zoned(thread.updatedAt()));
        }
        s.setString(i, thread.id());
    }

    /** {@code updatedAt} of {@code threadId} to {@code newest}, if that is later. */
    void bindTouch(PreparedStatement s, String threadId, Instant newest) throws SQLException {
        int i = 1;
        dialect.setInstant(s, i++, newest);
        if (dialect.zonedCopies()) {
            s.setObject(i++, Rows.zoned(newest));
        }
        s.setString(i++, threadId);
        dialect.setInstant(s, i, newest);
    }

    /**
     * {@code MemorySql.touchOwnedThread}'s parameters from {@code first} on: {@code updatedAt} of {@code threadId} to
     * {@code newest} if that is later, only where the thread belongs to {@code resourceId}. Returns the next index.
     */
    int bindTouchOwned(PreparedStatement s, int first, String threadId, String resourceId, Instant newest)
            throws SQLException {
        int i = first;
        dialect.setInstant(s, i++, newest);
        dialect.setInstant(s, i++, newest);
        if (dialect.zonedCopies()) {
            s.setObject(i++, Rows.zoned(newest));
            s.setObject(i++, Rows.zoned(newest));
        }
        s.setString(i++, threadId);
        s.setString(i++, resourceId);
        return i;
    }

    void bindResource(PreparedStatement s, StorageResource resource) throws SQLException {
        int i = 1;
        s.setString(i++, resource.id());
        s.setString(i++, resource.workingMemory());
        s.setString(i++, Rows.doubleEncoded(resource.metadata()));
        dialect.setInstant(s, i++, resource.createdAt());
        dialect.setInstant(s, i++, resource.updatedAt());
        if (dialect.zonedCopies()) {
            s.setObject(i++, Rows.zoned(resource.createdAt()));
            s.setObject(i, Rows.zoned(resource.updatedAt()));
        }
    }
}
