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

    final String selectThread;
    final String insertThread;
    final String updateThread;
    final String deleteThread;
    final String deleteThreadMessages;
    final String touchThread;
    final String countMessages;
    final String upsertMessage;
    final String insertMessage;
    final String selectResource;
    final String upsertResource;
    private final String threadColumns;

    MemorySql(SqlDialect d) {
        boolean z = d.zonedCopies();
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
        countMessages = "SELECT count(*) FROM mastra_messages WHERE \"thread_id\" = ?";
        String messageInsert = "INSERT INTO mastra_messages (" + MESSAGE_COLUMNS + (z ? ", \"createdAtZ\"" : "")
                + ") VALUES (?, ?, ?, ?, ?, ?, ?" + (z ? ", ?" : "") + ")";
        insertMessage = messageInsert;
        upsertMessage = messageInsert + " ON CONFLICT (\"id\") DO UPDATE SET \"thread_id\" = excluded.\"thread_id\","
                + " \"content\" = excluded.\"content\", \"role\" = excluded.\"role\", \"type\" = excluded.\"type\","
                + " \"createdAt\" = excluded.\"createdAt\", \"resourceId\" = excluded.\"resourceId\""
                + (z ? ", \"createdAtZ\" = excluded.\"createdAtZ\"" : "");
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
