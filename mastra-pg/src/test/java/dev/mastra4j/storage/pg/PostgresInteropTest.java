package dev.mastra4j.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.storage.OrderBy;
import dev.mastra4j.core.storage.StorageMessage;
import dev.mastra4j.core.storage.StorageResource;
import dev.mastra4j.core.storage.StorageThread;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One database shared with Mastra: the schema {@code @mastra/pg} 1.27 created and the rows it wrote (captured in
 * {@code mastra-1.71/pg-schema.sql} and {@code pg-rows.json}) read through {@link PostgresStore}, which also works on
 * those tables (43 of them, with columns it does not know), and rows our store writes in the same shape as Mastra's.
 */
class PostgresInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void mastraRowsReadThroughOurStoreAndOurWritesLookLikeMastras() throws Exception {
        String url = TestPostgres.shared().newDatabase();
        JsonNode rows = JSON.readTree(text("pg-rows.json"));
        try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD)) {
            runDump(c, text("pg-schema.sql"));
            for (String table : List.of("mastra_threads", "mastra_messages", "mastra_resources")) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO public." + table
                        + " SELECT * FROM json_populate_record(NULL::public." + table + ", CAST(? AS json))")) {
                    for (JsonNode row : rows.at("/public." + table + "/rows")) {
                        s.setString(1, row.toString());
                        s.executeUpdate();
                    }
                }
            }
        }
        try (PostgresStore store = PostgresStore.builder()
                .connectionString(TestPostgres.mastraUrl(url))
                .build()) {
            for (JsonNode row : rows.at("/public.mastra_threads/rows")) {
                StorageThread t = store.getThreadById(row.get("id").asText()).orElseThrow();
                assertThat(t.resourceId()).isEqualTo(row.get("resourceId").asText());
                assertThat(t.title()).isEqualTo(row.get("title").asText());
                assertThat((JsonNode) t.metadata())
                        .isEqualTo(row.get("metadata").isNull() ? null : row.get("metadata"));
                assertThat(t.createdAt()).isEqualTo(utc(row.get("createdAt").asText()));
                assertThat(t.updatedAt()).isEqualTo(utc(row.get("updatedAt").asText()));
            }
            for (JsonNode row : rows.at("/public.mastra_messages/rows")) {
                StorageMessage m =
                        store.getMessagesById(List.of(row.get("id").asText())).getFirst();
                assertThat(m.threadId()).isEqualTo(row.get("thread_id").asText());
                assertThat(m.role()).isEqualTo(row.get("role").asText());
                assertThat(m.createdAt()).isEqualTo(utc(row.get("createdAt").asText()));
                assertThat((JsonNode) m.content())
                        .isEqualTo(JSON.readTree(row.get("content").asText()));
            }
            assertThat(store.listMessages("thread-alice-1", 0, 40, OrderBy.OLDEST_FIRST)
                            .items()
                            .getFirst()
                            .content()
                            .get("content")
                            .asText())
                    .isEqualTo("What is the weather in London?");
            StorageResource alice = store.getResourceById("user_alice").orElseThrow();
            assertThat(alice.workingMemory()).isEqualTo("# User\n- Name: Alice\n- Location: London\n");
            assertThat((JsonNode) alice.metadata()).isEqualTo(JSON.createObjectNode());

            Instant t = Instant.parse("2026-12-04T19:04:19.936Z");
            ObjectNode metadata = JSON.createObjectNode().put("topic", "weather");
            store.createThread(new StorageThread("ours", "user_carol", "Carol", metadata, t, t));
            ObjectNode content = JSON.createObjectNode().put("format", 2).put("content", "Hi");
            store.saveMessages(List.of(new StorageMessage("ours-m", "ours", "user_carol", "user", "v2", content, t)));
            store.saveResource(new StorageResource("user_carol", "# User", JSON.createObjectNode(), t, t));
        }
        try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD)) {
            assertSameShape(c, "mastra_threads", "ours", rows.at("/public.mastra_threads/rows/0"));
            assertSameShape(c, "mastra_messages", "ours-m", rows.at("/public.mastra_messages/rows/0"));
            assertSameShape(c, "mastra_resources", "user_carol", rows.at("/public.mastra_resources/rows/0"));
            JsonNode ours = rowJson(c, "mastra_threads", "ours");
            assertThat(ours.get("createdAt").asText()).isEqualTo("2026-12-04T19:04:19.936");
            assertThat(ours.get("createdAtZ").asText()).isEqualTo("2026-12-04T19:04:19.936+00:00");
            assertThat(ours.get("metadata")).isEqualTo(metadataOf("weather"));
            assertThat(rowJson(c, "mastra_resources", "user_carol")
                            .get("metadata")
                            .asText())
                    .isEqualTo("{}"); // a JSON string, as Mastra stores it
        }
    }

    private static JsonNode metadataOf(String topic) {
        return JSON.createObjectNode().put("topic", topic);
    }

    private static void assertSameShape(Connection c, String table, String id, JsonNode mastras) throws Exception {
        JsonNode ours = rowJson(c, table, id);
        List<String> ourKeys = new ArrayList<>();
        ours.fieldNames().forEachRemaining(ourKeys::add);
        List<String> theirKeys = new ArrayList<>();
        mastras.fieldNames().forEachRemaining(theirKeys::add);
        assertThat(ourKeys).as(table).containsExactlyElementsOf(theirKeys);
        for (Iterator<String> it = mastras.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!mastras.get(key).isNull()) {
                assertThat(ours.get(key).getNodeType())
                        .as(table + "." + key)
                        .isEqualTo(mastras.get(key).getNodeType());
            }
        }
    }

    private static JsonNode rowJson(Connection c, String table, String id) throws Exception {
        try (PreparedStatement s =
                c.prepareStatement("SELECT row_to_json(t)::text FROM " + table + " t WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return JSON.readTree(r.getString(1));
            }
        }
    }

    private static Instant utc(String wallTime) {
        return LocalDateTime.parse(wallTime).toInstant(ZoneOffset.UTC);
    }

    /** Runs a pg_dump file over JDBC: skips psql's backslash commands and comments, keeps $$ bodies whole. */
    static void runDump(Connection c, String dump) throws Exception {
        StringBuilder statement = new StringBuilder();
        boolean inBody = false;
        try (Statement s = c.createStatement()) {
            for (String line : dump.lines().toList()) {
                if (!inBody && (line.startsWith("--") || line.startsWith("\\") || line.isBlank())) {
                    continue;
                }
                statement.append(line).append('\n');
                int dollars = line.split("\\$\\$", -1).length - 1;
                if (dollars % 2 == 1) {
                    inBody = !inBody;
                }
                if (!inBody && line.endsWith(";")) {
                    s.execute(statement.toString());
                    statement.setLength(0);
                }
            }
            s.execute("SELECT pg_catalog.set_config('search_path', 'public', false)");
        }
    }

    static String text(String name) throws Exception {
        try (InputStream in = PostgresInteropTest.class.getResourceAsStream("/mastra-1.71/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
