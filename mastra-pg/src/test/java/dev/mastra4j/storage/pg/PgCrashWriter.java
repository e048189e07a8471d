package dev.mastra4j.storage.pg;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.storage.StorageMessage;
import dev.mastra4j.core.storage.StorageThread;
import java.time.Instant;
import java.util.List;

/**
 * Child JVM of {@link PostgresCrashTest}: saves messages one by one into the database {@code args[0]} (Mastra's
 * connection-string form) and prints each id once {@code saveMessages} has returned, until it is killed.
 */
public final class PgCrashWriter {

    private PgCrashWriter() {}

    public static void main(String[] args) {
        ObjectMapper json = new ObjectMapper();
        PostgresStore store = PostgresStore.builder().connectionString(args[0]).build();
        Instant start = Instant.parse("2026-12-04T00:00:00Z");
        store.createThread(new StorageThread("crash", "alice", "", null, start, start));
        for (int i = 0; ; i++) {
            ObjectNode content = json.createObjectNode().put("format", 2).put("content", "message " + i);
            String id = "m" + i;
            store.saveMessages(
                    List.of(new StorageMessage(id, "crash", "alice", "user", "v2", content, start.plusMillis(i))));
            System.out.println(id);
            System.out.flush();
        }
    }
}
