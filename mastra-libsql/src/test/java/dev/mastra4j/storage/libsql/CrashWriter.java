package dev.mastra4j.storage.libsql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.storage.StorageMessage;
import dev.mastra4j.core.storage.StorageThread;
import java.time.Instant;
import java.util.List;

/**
 * Child JVM of {@link LibSQLCrashTest}: saves messages one by one into {@code args[0]} and prints each id once
 * {@code saveMessages} has returned, until it is killed.
 */
public final class CrashWriter {

    private CrashWriter() {}

    public static void main(String[] args) {
        ObjectMapper json = new ObjectMapper();
        LibSQLStore store = LibSQLStore.builder().url(args[0]).build();
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
