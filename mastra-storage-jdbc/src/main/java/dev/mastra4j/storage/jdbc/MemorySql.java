package dev.mastra4j.storage.jdbc;

import dev.mastra4j.core.storage.OrderBy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The statements of {@link JdbcMemoryStore}, written once per dialect. Table and column names are Mastra's. */
final class MemorySql {

    /** At most this many ids per {@code IN (...)} list. */
    static final int CHUNK = 500;

    private static final String THREAD_COLUMNS =
            "\"id\", \"resourceId\", \"title\", %s AS \"metadata\", \"createdAt\", \"updatedAt\"";
    private static final String MESSAGE_COLUMNS =
            "\"id\", \"thread_id\", \"content\", \"role\", \"type\", \"createdAt\", \"resourceId\"";

    private static final int MESSAGE_COLUMN_COUNT = 7;
    private static final String UPSERT_TAIL =
            " ON CONFLICT (\"id\") DO UPDATE SET \"thread_id\" = excluded.\"thread_id\","
                    + " \"content\" = excluded.\"content\", \"role\" = excluded.\"role\", \"type\" = excluded.\"type\","
                    + " \"createdAt\" = excluded.\"createdAt\", \"resourceId\" = excluded.\"resourceId\"";

    final String selectThread;
    final String insertThread;
    final String updateThread;
    final String deleteThread;
    final String deleteThreadMessages;
    final String touchThread;
    final String touchOwnedThread;
    final String countMessages;
    final String upsertMessage;
    final String insertMessage;
    final String selectResource;
    final String upsertResource;
    private final String threadColumns;
    private final boolean zoned;

    MemorySql(SqlDialect d) {
        boolean z = d.zonedCopies();
        zoned = z;
        String json = d.jsonParameter();
        threadColumns = THREAD_COLUMNS.formatted(d.jsonColumn("metadata"));
        selectThread = "SELECT " + threadColumns + " FROM mastra_threads WHERE \"id\" = ?";
        insertThread =
                "INSERT INTO mastra_threads (\"id\", \"resourceId\", \"title\", \"metadata\", \"createdAt\", \"updatedAt\""
                        + (z ? ", \"createdAtZ\", \"updatedAtZ\"" : "") + ") VALUES (?, ?, ?, " + json + ", ?, ?"
                        + (z ? ", ?, ?" : "") + ") ON CONFLICT (\"id\") DO NOTHING";
        updateThread = "UPDATE mastra_threads SET \"title\" = ?, \"metadata\" = " + json + ", \"updatedAt\" = ?"
                + (z ? ", \"updatedAtZ\" = ?" : "") + " WHERE \"id\" = ?";
        deleteThread = "DELETE FROM mastra_threads WHERE \"id\" = ?";
        deleteThreadMessages = "DELETE FROM mastra_messages WHERE \"thread_id\" = ?";
        touchThread = "UPDATE mastra_threads SET \"updatedAt\" = ?" + (z ? ", \"updatedAtZ\" = ?" : "")
                + " WHERE \"id\" = ? AND \"updatedAt\" < ?";
        touchOwnedThread = "UPDATE mastra_threads SET \"updatedAt\" = CASE WHEN \"updatedAt\" < ? THEN ? ELSE"
                + " \"updatedAt\" END"
                + (z
                        ? ", \"updatedAtZ\" = CASE WHEN \"updatedAtZ\" IS NULL OR \"updatedAtZ\" < ? THEN ? ELSE"
                                + " \"updatedAtZ\" END"
                        : "")
                + " WHERE \"id\" = ? AND \"resourceId\" = ?";
        countMessages = "SELECT count(*) FROM mastra_messages WHERE \"thread_id\" = ?";
        String messageInsert = "INSERT INTO mastra_messages (" + MESSAGE_COLUMNS + (z ? ", \"createdAtZ\"" : "")
                + ") VALUES (?, ?, ?, ?, ?, ?, ?" + (z ? ", ?" : "") + ")";
        insertMessage = messageInsert;
        upsertMessage = messageInsert + UPSERT_TAIL + (z ? ", \"createdAtZ\" = excluded.\"createdAtZ\"" : "");
        selectResource = "SELECT \"id\", \"workingMemory\", " + d.jsonColumn("metadata")
                + " AS \"metadata\", \"createdAt\", \"updatedAt\" FROM mastra_resources WHERE \"id\" = ?";
        upsertResource =
                "INSERT INTO mastra_resources (\"id\", \"workingMemory\", \"metadata\", \"createdAt\", \"updatedAt\""
                        + (z ? ", \"createdAtZ\", \"updatedAtZ\"" : "") + ") VALUES (?, ?, " + json + ", ?, ?"
                        + (z ? ", ?, ?" : "") + ") ON CONFLICT (\"id\") DO UPDATE SET"
                        + " \"workingMemory\" = excluded.\"workingMemory\", \"metadata\" = excluded.\"metadata\","
                        + " \"createdAt\" = excluded.\"createdAt\", \"updatedAt\" = excluded.\"updatedAt\""
                        + (z
                                ? ", \"createdAtZ\" = excluded.\"createdAtZ\", \"updatedAtZ\" = excluded.\"updatedAtZ\""
                                : "");
    }

    /**
     * {@link #touchOwnedThread} and the upsert of {@code count} messages as one statement (a data-modifying
     * {@code WITH}): the messages are written only when the thread row was, that is when it exists and belongs to the
     * resource. Parameters: the touch's, then each message's as {@link #upsertMessage} takes them.
     */
    String appendCombined(int count) {
        String row = "(" + placeholders(MESSAGE_COLUMN_COUNT + (zoned ? 1 : 0)) + ")";
        return "WITH owned AS (" + touchOwnedThread + " RETURNING 1) INSERT INTO mastra_messages (" + MESSAGE_COLUMNS
                + (zoned ? ", \"createdAtZ\"" : "") + ") SELECT v.* FROM (VALUES "
                + String.join(", ", Collections.nCopies(count, row)) + ") AS v CROSS JOIN owned" + UPSERT_TAIL
                + (zoned ? ", \"createdAtZ\" = excluded.\"createdAtZ\"" : "");
    }

    /**
     * The reads of {@code MemoryStorage.recall} as one prepared statement of up to three {@code SELECT}s: the thread
     * by id, the resource by id (when {@code resource}), the newest messages (when {@code messages}; thread id, limit,
     * offset).
     */
    String recallCombined(boolean resource, boolean messages) {
        return selectThread
                + (resource ? "; " + selectResource : "")
                + (messages ? "; " + listMessages(OrderBy.NEWEST_FIRST) : "");
    }

    /** {@link #listThreads} with the total of all matching rows in a last column {@code "total"}. */
    String listThreadsCounted(boolean byResource, OrderBy orderBy) {
        return counted(listThreads(byResource, orderBy));
    }

    /** {@link #listMessages} with the total of all matching rows in a last column {@code "total"}. */
    String listMessagesCounted(OrderBy orderBy) {
        return counted(listMessages(orderBy));
    }

    private static String counted(String select) {
        return select.replaceFirst(" FROM ", ", count(*) OVER () AS \"total\" FROM ");
    }

    String countThreads(boolean byResource) {
        return "SELECT count(*) FROM mastra_threads" + (byResource ? " WHERE \"resourceId\" = ?" : "");
    }

    String listThreads(boolean byResource, OrderBy orderBy) {
        String dir = direction(orderBy);
        return "SELECT " + threadColumns + " FROM mastra_threads" + (byResource ? " WHERE \"resourceId\" = ?" : "")
                + " ORDER BY \"" + orderBy.field().wireName() + "\" " + dir + ", \"id\" " + dir + " LIMIT ? OFFSET ?";
    }

    /** Messages are ordered by {@code createdAt} (they have no {@code updatedAt}), in the asked direction. */
    String listMessages(OrderBy orderBy) {
        String dir = direction(orderBy);
        return "SELECT " + MESSAGE_COLUMNS + " FROM mastra_messages WHERE \"thread_id\" = ? ORDER BY \"createdAt\" "
                + dir + ", \"id\" " + dir + " LIMIT ? OFFSET ?";
    }

    String messagesById(int count) {
        return "SELECT " + MESSAGE_COLUMNS + " FROM mastra_messages WHERE \"id\" IN (" + placeholders(count) + ")";
    }

    String deleteMessagesById(int count) {
        return "DELETE FROM mastra_messages WHERE \"id\" IN (" + placeholders(count) + ")";
    }

    static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
        }
        return chunks;
    }

    private static String direction(OrderBy orderBy) {
        return orderBy.direction() == OrderBy.Direction.ASC ? "ASC" : "DESC";
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
