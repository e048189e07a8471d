package dev.mastra4j.storage.jdbc;

import dev.mastra4j.core.error.StorageUnavailableException;
import dev.mastra4j.core.storage.MemoryStorage;
import dev.mastra4j.core.storage.OrderBy;
import dev.mastra4j.core.storage.Page;
import dev.mastra4j.core.storage.StorageMessage;
import dev.mastra4j.core.storage.StorageResource;
import dev.mastra4j.core.storage.StorageThread;
import dev.mastra4j.core.storage.SuspendedRunStore;
import dev.mastra4j.core.storage.ThreadRecall;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MemoryStorage} in Mastra's tables over JDBC. Every method runs in one transaction and commits before it
 * returns. The schema is created on first use (and again after a failed attempt), so a store built while its database
 * is down answers {@link StorageUnavailableException} until the database comes back, then works.
 *
 * <p>Dates keep millisecond precision, as Mastra's do. Concurrent {@link #createThread} calls with one id, from any
 * number of servers, insert once ({@code INSERT ... ON CONFLICT DO NOTHING}); {@link #saveMessages} upserts by id and
 * moves a thread's {@code updatedAt} forward only.
 *
 * <p>Longer than most classes because it is the one implementation of every {@link MemoryStorage} method, each a
 * short transaction over statements kept in {@code MemorySql}; splitting it per table would spread one transaction's
 * steps (a save touches messages and threads) over several classes.
 */
public abstract class JdbcMemoryStore implements MemoryStorage {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcMemoryStore.class);

    private final SqlDialect dialect;
    private final Transactor transactor;
    private final MemorySql sql;
    private final Runnable onClose;
    private final Schema schema;
    private final Binder binder;
    private volatile boolean closed;

    /**
     * @param dialect    the database's differences
     * @param transactor where connections come from
     * @param onClose    runs once after the transactor is closed (releases what the subclass opened), may be a no-op
     */
    protected JdbcMemoryStore(SqlDialect dialect, Transactor transactor, Runnable onClose) {
        this.dialect = dialect;
        this.transactor = transactor;
        this.sql = new MemorySql(dialect);
        this.onClose = onClose;
        this.schema = new Schema(dialect, transactor);
        this.binder = new Binder(dialect, sql);
    }

    /**
     * Creates the tables now if the database answers; when it does not, logs why and leaves the work to the first call.
     * Builders call this once.
     */
    protected final void start() {
        try {
            ensureSchema();
        } catch (StorageUnavailableException e) {
            LOG.warn(
                    "{} ({}); the tables will be created on first use",
                    e.getMessage(),
                    e.detail().orElse("no detail"));
        }
    }

    @Override
    public Optional<StorageThread> getThreadById(String threadId) {
        return read(c -> selectThread(c, threadId));
    }

    @Override
    public Page<StorageThread> listThreads(String resourceId, int page, int perPage, OrderBy orderBy) {
        checkPaging(page, perPage);
        boolean counted = dialect.combinedStatements();
        return read(c -> {
            List<StorageThread> items = new ArrayList<>();
            int total = -1;
            if (perPage > 0) {
                try (PreparedStatement s = c.prepareStatement(
                        counted
                                ? sql.listThreadsCounted(resourceId != null, orderBy)
                                : sql.listThreads(resourceId != null, orderBy))) {
                    int i = 1;
                    if (resourceId != null) {
                        s.setString(i++, resourceId);
                    }
                    s.setInt(i++, perPage);
                    s.setLong(i, (long) page * perPage);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            items.add(Rows.thread(r, dialect));
                            total = counted ? r.getInt("total") : -1;
                        }
                    }
                }
            }
            if (total < 0) {
                try (PreparedStatement s = c.prepareStatement(sql.countThreads(resourceId != null))) {
                    if (resourceId != null) {
                        s.setString(1, resourceId);
                    }
                    total = count(s);
                }
            }
            return Page.of(items, total, page, perPage);
        });
    }

    @Override
    public boolean createThread(StorageThread thread) {
        return write(c -> binder.insertThread(c, thread));
    }

    @Override
    public boolean updateThread(StorageThread thread) {
        return write(c -> {
            try (PreparedStatement s = c.prepareStatement(sql.updateThread)) {
                binder.bindUpdate(s, thread);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean deleteThread(String threadId) {
        return write(c -> {
            int deleted;
            try (PreparedStatement s = c.prepareStatement(sql.deleteThread)) {
                s.setString(1, threadId);
                deleted = s.executeUpdate();
            }
            if (deleted == 0) {
                return false;
            }
            try (PreparedStatement s = c.prepareStatement(sql.deleteThreadMessages)) {
                s.setString(1, threadId);
                s.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public Page<StorageMessage> listMessages(String threadId, int page, int perPage, OrderBy orderBy) {
        checkPaging(page, perPage);
        boolean counted = dialect.combinedStatements();
        return read(c -> {
            List<StorageMessage> items = new ArrayList<>();
            int total = -1;
            if (perPage > 0) {
                try (PreparedStatement s =
                        c.prepareStatement(counted ? sql.listMessagesCounted(orderBy) : sql.listMessages(orderBy))) {
                    s.setString(1, threadId);
                    s.setInt(2, perPage);
                    s.setLong(3, (long) page * perPage);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            items.add(Rows.message(r, dialect));
                            total = counted ? r.getInt("total") : -1;
                        }
                    }
                }
            }
            if (total < 0) {
                try (PreparedStatement s = c.prepareStatement(sql.countMessages)) {
                    s.setString(1, threadId);
                    total = count(s);
                }
            }
            return Page.of(items, total, page, perPage);
        });
    }

    @Override
    public List<StorageMessage> lastMessages(String threadId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return read(c -> selectLast(c, threadId, limit));
    }

    @Override
    public List<StorageMessage> getMessagesById(Collection<String> messageIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(messageIds));
        if (ids.isEmpty()) {
            return List.of();
        }
        return read(c -> {
            List<StorageMessage> found = new ArrayList<>();
            for (List<String> chunk : MemorySql.chunks(ids)) {
                try (PreparedStatement s = c.prepareStatement(sql.messagesById(chunk.size()))) {
                    for (int i = 0; i < chunk.size(); i++) {
                        s.setString(i + 1, chunk.get(i));
                    }
                    binder.readMessages(s, found);
                }
            }
            return found;
        });
    }

    @Override
    public void saveMessages(List<StorageMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        // One row per id (the last one wins, as in a sequence of upserts), written in id order, and threads touched in
        // id order: two concurrent saves then lock rows in the same order and cannot deadlock.
        Map<String, StorageMessage> byId = new TreeMap<>();
        Map<String, Instant> newestByThread = new TreeMap<>();
        for (StorageMessage m : messages) {
            byId.put(m.id(), m);
            newestByThread.merge(m.threadId(), m.createdAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        write(c -> {
            try (PreparedStatement s = c.prepareStatement(sql.upsertMessage)) {
                for (StorageMessage m : byId.values()) {
                    binder.bindMessage(s, m);
                    s.addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement(sql.touchThread)) {
                for (Map.Entry<String, Instant> e : newestByThread.entrySet()) {
                    binder.bindTouch(s, e.getKey(), e.getValue());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public boolean appendMessages(String threadId, String resourceId, List<StorageMessage> messages) {
        if (messages.isEmpty()) {
            return getThreadById(threadId)
                    .filter(t -> t.resourceId().equals(resourceId))
                    .isPresent();
        }
        Map<String, StorageMessage> byId = new TreeMap<>();
        Instant newest = Instant.MIN;
        for (StorageMessage m : messages) {
            byId.put(m.id(), m);
            newest = m.createdAt().isAfter(newest) ? m.createdAt() : newest;
        }
        Instant touch = newest;
        if (dialect.combinedStatements()) {
            return write(c -> {
                try (PreparedStatement s = c.prepareStatement(sql.appendCombined(byId.size()))) {
                    int i = binder.bindTouchOwned(s, 1, threadId, resourceId, touch);
                    for (StorageMessage m : byId.values()) {
                        i = binder.bindMessage(s, i, m);
                    }
                    return s.executeUpdate() > 0;
                }
            });
        }
        return write(c -> {
            try (PreparedStatement s = c.prepareStatement(sql.touchOwnedThread)) {
                binder.bindTouchOwned(s, 1, threadId, resourceId, touch);
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement s = c.prepareStatement(sql.upsertMessage)) {
                for (StorageMessage m : byId.values()) {
                    binder.bindMessage(s, m);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return true;
        });
    }

    @Override
    public ThreadRecall recall(String threadId, String resourceId, int lastMessages) {
        if (!dialect.combinedStatements()) {
            return read(c -> new ThreadRecall(
                    selectThread(c, threadId),
                    resourceId == null ? Optional.empty() : selectResource(c, resourceId),
                    lastMessages > 0 ? selectLast(c, threadId, lastMessages) : List.of()));
        }
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql.recallCombined(resourceId != null, lastMessages > 0))) {
                int i = 1;
                s.setString(i++, threadId);
                if (resourceId != null) {
                    s.setString(i++, resourceId);
                }
                if (lastMessages > 0) {
                    s.setString(i++, threadId);
                    s.setInt(i++, lastMessages);
                    s.setLong(i, 0);
                }
                s.execute();
                Optional<StorageThread> thread = Optional.empty();
                try (ResultSet r = s.getResultSet()) {
                    if (r.next()) {
                        thread = Optional.of(Rows.thread(r, dialect));
                    }
                }
                Optional<StorageResource> resource = Optional.empty();
                if (resourceId != null && s.getMoreResults()) {
                    try (ResultSet r = s.getResultSet()) {
                        if (r.next()) {
                            resource = Optional.of(Rows.resource(r, dialect));
                        }
                    }
                }
                List<StorageMessage> newestFirst = new ArrayList<>();
                if (lastMessages > 0 && s.getMoreResults()) {
                    try (ResultSet r = s.getResultSet()) {
                        while (r.next()) {
                            newestFirst.add(Rows.message(r, dialect));
                        }
                    }
                }
                return new ThreadRecall(thread, resource, newestFirst.reversed());
            }
        });
    }

    @Override
    public int deleteMessages(Collection<String> messageIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(messageIds));
        if (ids.isEmpty()) {
            return 0;
        }
        return write(c -> {
            int deleted = 0;
            for (List<String> chunk : MemorySql.chunks(ids.stream().sorted().toList())) {
                try (PreparedStatement s = c.prepareStatement(sql.deleteMessagesById(chunk.size()))) {
                    for (int i = 0; i < chunk.size(); i++) {
                        s.setString(i + 1, chunk.get(i));
                    }
                    deleted += s.executeUpdate();
                }
            }
            return deleted;
        });
    }

    @Override
    public boolean cloneThread(StorageThread thread, List<StorageMessage> messages) {
        List<StorageMessage> ordered = messages.stream()
                .sorted(Comparator.comparing(StorageMessage::id))
                .toList();
        return write(c -> {
            if (!binder.insertThread(c, thread)) {
                return false;
            }
            if (!ordered.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement(sql.insertMessage)) {
                    for (StorageMessage m : ordered) {
                        binder.bindMessage(s, m);
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
            return true;
        });
    }

    @Override
    public Optional<StorageResource> getResourceById(String resourceId) {
        return read(c -> selectResource(c, resourceId));
    }

    @Override
    public void saveResource(StorageResource resource) {
        write(c -> {
            try (PreparedStatement s = c.prepareStatement(sql.upsertResource)) {
                binder.bindResource(s, resource);
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                transactor.close();
            } finally {
                onClose.run();
            }
        }
    }

    /**
     * The statements behind the hot reads, for query-plan checks: {@code listThreads} of one resource (newest first,
     * with its window count where the dialect combines statements) with the separate count, and {@code lastMessages} with the count of {@code listMessages}. Parameters: resource or thread
     * id, then limit and offset.
     */
    protected final Map<String, String> hotQueries() {
        boolean counted = dialect.combinedStatements();
        return Map.of(
                "listThreads",
                counted
                        ? sql.listThreadsCounted(true, OrderBy.NEWEST_FIRST)
                        : sql.listThreads(true, OrderBy.NEWEST_FIRST),
                "countThreads",
                sql.countThreads(true),
                "lastMessages",
                sql.listMessages(OrderBy.NEWEST_FIRST),
                "countMessages",
                sql.countMessages);
    }

    /** Runs {@code work} in a read transaction of this store, for a subclass's own checks (such as a pragma). */
    protected final <T> T inspect(Transactor.SqlWork<T> work) {
        return read(work);
    }

    private Optional<StorageThread> selectThread(Connection c, String threadId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql.selectThread)) {
            s.setString(1, threadId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(Rows.thread(r, dialect)) : Optional.empty();
            }
        }
    }

    private Optional<StorageResource> selectResource(Connection c, String resourceId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql.selectResource)) {
            s.setString(1, resourceId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(Rows.resource(r, dialect)) : Optional.empty();
            }
        }
    }

    private List<StorageMessage> selectLast(Connection c, String threadId, int limit) throws SQLException {
        List<StorageMessage> newestFirst = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql.listMessages(OrderBy.NEWEST_FIRST))) {
            s.setString(1, threadId);
            s.setInt(2, limit);
            s.setLong(3, 0);
            binder.readMessages(s, newestFirst);
        }
        return List.copyOf(newestFirst.reversed());
    }

    private static int count(PreparedStatement s) throws SQLException {
        try (ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    private static void checkPaging(int page, int perPage) {
        if (page < 0 || perPage < 0) {
            throw new IllegalArgumentException("page and perPage must be 0 or more");
        }
    }

    /** Runs suspended for tool approval, in table {@code mastra4j_suspended_runs} of this database. */
    @Override
    public Optional<SuspendedRunStore> suspendedRunStore() {
        return Optional.of(new JdbcSuspendedRunStore(this));
    }

    <T> T read(Transactor.SqlWork<T> work) {
        ensureSchema();
        try {
            return transactor.read(work);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    <T> T write(Transactor.SqlWork<T> work) {
        ensureSchema();
        try {
            return transactor.write(work);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void ensureSchema() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        schema.ensure();
    }

    private RuntimeException failure(SQLException e) {
        return Schema.failure(dialect, e);
    }
}
