package dev.mastra4j.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 100,000 threads of 1,000 users: listing one user's threads and reading a thread's last messages use an index
 * ({@code EXPLAIN}), never a sequential scan. Prints the plans.
 */
@Tag("slow")
class PostgresQueryPlanTest {

    @Test
    void hotReadsUseIndexes() throws Exception {
        String url = TestPostgres.shared().newDatabase();
        try (PostgresStore store = PostgresStore.builder()
                        .connectionString(TestPostgres.mastraUrl(url))
                        .build();
                Connection c = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO mastra_threads (id, \"resourceId\", title, \"createdAt\", \"updatedAt\")"
                    + " SELECT 't' || g, 'user' || (g % 1000), '', timestamp '2026-01-01' + g * interval '1 second',"
                    + " timestamp '2026-01-01' + g * interval '1 second' FROM generate_series(1, 100000) g");
            s.execute("INSERT INTO mastra_messages (id, thread_id, content, role, type, \"createdAt\", \"resourceId\")"
                    + " SELECT 'm' || g, 't' || (g % 5000), '{}', 'user', 'v2',"
                    + " timestamp '2026-01-01' + g * interval '1 second', 'user' || (g % 1000)"
                    + " FROM generate_series(1, 100000) g");
            s.execute("ANALYZE");
            Map<String, String> queries = store.plannedQueries();
            for (String name : List.of("listThreads", "countThreads", "lastMessages", "countMessages")) {
                List<String> plan = plan(c, queries.get(name), name.contains("Threads") ? "user7" : "t42");
                System.out.println(
                        "PostgreSQL " + name + ": " + queries.get(name) + "\n  " + String.join("\n  ", plan));
                assertThat(plan).as(name).noneMatch(line -> line.contains("Seq Scan"));
                assertThat(plan).as(name).anyMatch(line -> line.contains("Index"));
            }
        }
    }

    private static List<String> plan(Connection c, String sql, String id) throws Exception {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("EXPLAIN " + sql)) {
            s.setString(1, id);
            if (sql.contains("LIMIT")) {
                s.setInt(2, 10);
                s.setLong(3, 0);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    lines.add(r.getString(1));
                }
            }
        }
        return lines;
    }
}
