package dev.mastra4j.storage.libsql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * 100,000 threads of 1,000 users: listing one user's threads and reading a thread's last messages search an index
 * ({@code EXPLAIN QUERY PLAN}), they never scan a table. Prints the plans.
 */
@Tag("slow")
class LibSQLQueryPlanTest {

    @TempDir
    Path dir;

    @Test
    void hotReadsUseIndexes() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("plans.db");
        try (LibSQLStore store = LibSQLStore.builder().url(url).build();
                Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < 100000)"
                    + " INSERT INTO mastra_threads SELECT 't' || x, 'user' || (x % 1000), '', NULL,"
                    + " strftime('%Y-%m-%dT%H:%M:%fZ', 1767225600 + x, 'unixepoch'),"
                    + " strftime('%Y-%m-%dT%H:%M:%fZ', 1767225600 + x, 'unixepoch') FROM g");
            s.execute("WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < 100000)"
                    + " INSERT INTO mastra_messages SELECT 'm' || x, 't' || (x % 5000), '{}', 'user', 'v2',"
                    + " strftime('%Y-%m-%dT%H:%M:%fZ', 1767225600 + x, 'unixepoch'), 'user' || (x % 1000) FROM g");
            s.execute("COMMIT");
            s.execute("ANALYZE");
            Map<String, String> queries = store.plannedQueries();
            for (String name : List.of("listThreads", "countThreads", "lastMessages", "countMessages")) {
                List<String> plan = plan(c, queries.get(name), name.contains("Threads") ? "user7" : "t42");
                System.out.println("SQLite " + name + ": " + queries.get(name) + "\n  " + String.join("\n  ", plan));
                assertThat(plan).as(name).noneMatch(line -> line.matches(".*SCAN mastra_\\w+$"));
                assertThat(plan).as(name).anyMatch(line -> line.contains("USING") && line.contains("INDEX"));
            }
        }
    }

    private static List<String> plan(Connection c, String sql, String id) throws Exception {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            s.setString(1, id);
            if (sql.contains("LIMIT")) {
                s.setInt(2, 10);
                s.setInt(3, 0);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    lines.add(r.getString("detail"));
                }
            }
        }
        return lines;
    }
}
