package dev.mastra4j.storage.libsql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.storage.OrderBy;
import dev.mastra4j.core.storage.Page;
import dev.mastra4j.core.storage.StorageMessage;
import dev.mastra4j.core.storage.StorageResource;
import dev.mastra4j.core.storage.StorageThread;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One file shared with Mastra: the schema {@code @mastra/libsql} 1.23 created and the rows it wrote (captured in
 * {@code mastra-1.71/libsql-schema.sql} and {@code libsql-rows.json}) read through {@link LibSQLStore}, and rows our
 * store writes in the same shape as Mastra's.
 */
class LibSQLInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISO = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    @TempDir
    Path dir;

    @Test
    void mastraRowsReadThroughOurStore() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("mastra.db");
        JsonNode rows = resource("libsql-rows.json");
        try (Connection c = DriverManager.getConnection(url)) {
            createMastraSchema(c);
            loadMastraRows(c, rows);
        }
        try (LibSQLStore store = LibSQLStore.builder().url(url).build()) {
            JsonNode threads = rows.at("/mastra_threads/rows");
            for (JsonNode row : threads) {
                StorageThread t = store.getThreadById(row.get("id").asText()).orElseThrow();
                assertThat(t.resourceId()).isEqualTo(row.get("resourceId").asText());
                assertThat(t.title()).isEqualTo(row.get("title").asText());
                assertThat(t.createdAt())
                        .isEqualTo(Instant.parse(row.get("createdAt").asText()));
                assertThat(t.updatedAt())
                        .isEqualTo(Instant.parse(row.get("updatedAt").asText()));
                // Mastra's metadata is a JSONB blob, which the capture could only show as {}.
                assertThat(t.metadata()).isEqualTo(row.get("metadata").isNull() ? null : JSON.createObjectNode());
            }
            long alices = 0;
            for (JsonNode row : threads) {
                alices += row.get("resourceId").asText().equals("user_alice") ? 1 : 0;
            }
            Page<StorageThread> page = store.listThreads("user_alice", 0, 100, OrderBy.NEWEST_FIRST);
            assertThat(page.total()).isEqualTo(alices);

            List<JsonNode> aliceOne = new ArrayList<>();
            for (JsonNode row : rows.at("/mastra_messages/rows")) {
                StorageMessage m =
                        store.getMessagesById(List.of(row.get("id").asText())).getFirst();
                assertThat(m.threadId()).isEqualTo(row.get("thread_id").asText());
                assertThat(m.role()).isEqualTo(row.get("role").asText());
                assertThat(m.type()).isEqualTo(row.get("type").asText());
                assertThat(m.resourceId()).isEqualTo(row.get("resourceId").asText());
                assertThat(m.createdAt())
                        .isEqualTo(Instant.parse(row.get("createdAt").asText()));
                assertThat((JsonNode) m.content())
                        .isEqualTo(JSON.readTree(row.get("content").asText()));
                if (m.threadId().equals("thread-alice-1")) {
                    aliceOne.add(row);
                }
            }
            List<StorageMessage> listed = store.listMessages("thread-alice-1", 0, 40, OrderBy.OLDEST_FIRST)
                    .items();
            assertThat(listed).hasSize(aliceOne.size());
            assertThat(listed.getFirst().content().get("content").asText()).isEqualTo("What is the weather in London?");

            StorageResource alice = store.getResourceById("user_alice").orElseThrow();
            assertThat(alice.workingMemory()).isEqualTo("# User\n- Name: Alice\n- Location: London\n");
            assertThat((JsonNode) alice.metadata()).isEqualTo(JSON.createObjectNode());
        }
    }

    @Test
    void ourTablesMatchMastrasColumnForColumn() throws Exception {
        String ours = "jdbc:sqlite:" + dir.resolve("ours.db");
        String mastras = "jdbc:sqlite:" + dir.resolve("mastra.db");
        LibSQLStore.builder().url(ours).build().close();
        try (Connection c = DriverManager.getConnection(mastras)) {
            createMastraSchema(c);
        }
        for (String table : List.of("mastra_threads", "mastra_messages", "mastra_resources")) {
            assertThat(columns(ours, table)).as(table).isEqualTo(columns(mastras, table));
        }
        assertThat(indexes(ours))
                .contains(
                        "idx_messages_thread_created_at",
                        "idx_messages_thread_resource_created_at",
                        "mastra4j_threads_resource_created_at");
    }

    @Test
    void rowsWeWriteHaveMastrasShape() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("ours.db");
        try (LibSQLStore store = LibSQLStore.builder().url(url).build()) {
            Instant t = Instant.parse("2026-12-04T19:07:31.566Z");
            ObjectNode metadata = JSON.createObjectNode().put("topic", "weather");
            store.createThread(new StorageThread("thread-1", "user_alice", "Alice", metadata, t, t));
            ObjectNode content = JSON.createObjectNode().put("format", 2);
            content.putArray("parts").addObject().put("type", "text").put("text", "Hi");
            content.put("content", "Hi");
            store.saveMessages(List.of(new StorageMessage("m1", "thread-1", "user_alice", "user", "v2", content, t)));
            store.saveResource(new StorageResource("user_alice", "# User", JSON.createObjectNode(), t, t));
        }
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery(
                    "SELECT typeof(metadata), json(metadata), \"createdAt\", \"updatedAt\"" + " FROM mastra_threads")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("blob"); // SQLite JSONB, as @mastra/libsql writes it
                assertThat(r.getString(2)).isEqualTo("{\"topic\":\"weather\"}");
                assertThat(r.getString(3)).matches(ISO).isEqualTo("2026-12-04T19:07:31.566Z");
                assertThat(r.getString(4)).matches(ISO);
            }
            try (ResultSet r = s.executeQuery(
                    "SELECT typeof(content), content, type, \"createdAt\", \"resourceId\" FROM mastra_messages")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("text");
                assertThat(r.getString(2))
                        .isEqualTo("{\"format\":2,\"parts\":[{\"type\":\"text\",\"text\":\"Hi\"}],\"content\":\"Hi\"}");
                assertThat(r.getString(3)).isEqualTo("v2");
                assertThat(r.getString(4)).matches(ISO);
                assertThat(r.getString(5)).isEqualTo("user_alice");
            }
            try (ResultSet r = s.executeQuery(
                    "SELECT typeof(metadata), json(metadata), \"workingMemory\" FROM mastra_resources")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("blob");
                assertThat(r.getString(2)).isEqualTo("\"{}\""); // encoded twice, as Mastra's saveResource does
                assertThat(r.getString(3)).isEqualTo("# User");
            }
        }
    }

    static void createMastraSchema(Connection c) throws Exception {
        String schema = text("libsql-schema.sql");
        try (Statement s = c.createStatement()) {
            for (String statement : schema.split(";\n")) {
                String sql = statement
                        .lines()
                        .filter(line -> !line.startsWith("--"))
                        .reduce("", (a, b) -> a + b + "\n")
                        .strip();
                if (!sql.isEmpty()) {
                    s.execute(sql);
                }
            }
        }
    }

    /** Mastra's rows; JSONB columns (shown as {} by the capture) go back in as jsonb('{}'), resources as jsonb('"{}"'). */
    static void loadMastraRows(Connection c, JsonNode rows) throws SQLException {
        for (String table : List.of("mastra_threads", "mastra_messages", "mastra_resources")) {
            JsonNode t = rows.get(table);
            List<String> columns = new ArrayList<>();
            t.get("columns").forEach(n -> columns.add(n.asText()));
            List<String> values = new ArrayList<>();
            for (String col : columns) {
                values.add(col.equals("metadata") ? "jsonb(?)" : "?");
            }
            String sql = "INSERT INTO " + table + " (\"" + String.join("\", \"", columns) + "\") VALUES ("
                    + String.join(", ", values) + ")";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (JsonNode row : t.get("rows")) {
                    for (int i = 0; i < columns.size(); i++) {
                        JsonNode v = row.get(columns.get(i));
                        String text = v.isNull() ? null : v.isTextual() ? v.asText() : v.toString();
                        if (columns.get(i).equals("metadata") && text != null && table.equals("mastra_resources")) {
                            text = JSON.getNodeFactory().textNode(text).toString();
                        }
                        s.setString(i + 1, text);
                    }
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
    }

    private static Map<String, String> columns(String url, String table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (r.next()) {
                columns.put(
                        r.getString("name"),
                        r.getString("type") + " notnull=" + r.getInt("notnull") + " pk=" + r.getInt("pk"));
            }
        }
        return columns;
    }

    private static List<String> indexes(String url) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index'")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }

    static JsonNode resource(String name) throws Exception {
        return JSON.readTree(text(name));
    }

    static String text(String name) throws Exception {
        try (InputStream in = LibSQLInteropTest.class.getResourceAsStream("/mastra-1.71/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
