package dev.mastra4j.benchmarks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.storage.MemoryStorage;
import dev.mastra4j.core.storage.StorageMessage;
import dev.mastra4j.core.storage.StorageThread;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pre-fills a memory store for {@code benchmarks/peer/memory.sh}, through the store itself (so the rows are exactly
 * what the server reads): {@code --threads N} threads spread over {@code --users U} resources, each holding
 * {@code --messages M} messages (alternating user and assistant, oldest first).
 *
 * <p>Thread {@code i} belongs to user {@code u = i % U} and is named {@code <prefix>-<u>-<i / U>}; user 0 is
 * {@code --owner} (the benchmark token's subject), the others {@code bench-user-<u>}. So the owner's threads are
 * {@code <prefix>-0-0} to {@code <prefix>-0-<N/U - 1>}.
 *
 * <p>Other arguments: {@code --storage URL} (as {@link BenchStorage}), {@code --sync FULL|NORMAL} (default NORMAL: the
 * fill itself need not be synced), {@code --workers W} parallel writers (default 1; more helps PostgreSQL only),
 * {@code --batch B} threads per {@code saveMessages} call (default 200). Prints {@code FILLED <threads> <messages>
 * <seconds>}.
 */
public final class MemoryFill {

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    private MemoryFill() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Args.parse(args);
        int threads = Integer.parseInt(o.getOrDefault("threads", "10"));
        int users = Integer.parseInt(o.getOrDefault("users", "1"));
        int messages = Integer.parseInt(o.getOrDefault("messages", "0"));
        int workers = Integer.parseInt(o.getOrDefault("workers", "1"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "200"));
        String owner = o.getOrDefault("owner", "user_test");
        String prefix = o.getOrDefault("prefix", "t");
        long started = System.nanoTime();
        try (MemoryStorage store =
                        BenchStorage.open(o.get("storage"), o.getOrDefault("sync", "NORMAL"), Math.max(workers, 2));
                ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<?>> done = new ArrayList<>();
            for (int from = 0; from < threads; from += batch) {
                int start = from;
                int end = Math.min(threads, from + batch);
                done.add(pool.submit(() -> fill(store, start, end, users, messages, owner, prefix)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        System.out.printf(
                "FILLED %d %d %.1f%n", threads, (long) threads * messages, (System.nanoTime() - started) / 1e9);
    }

    private static void fill(
            MemoryStorage store, int from, int to, int users, int messages, String owner, String prefix) {
        List<StorageMessage> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            int user = i % users;
            String resource = user == 0 ? owner : "bench-user-" + user;
            String id = prefix + "-" + user + "-" + (i / users);
            Instant created = BASE.plusSeconds(i);
            store.createThread(new StorageThread(id, resource, "", null, created, created));
            for (int m = 0; m < messages; m++) {
                String role = m % 2 == 0 ? "user" : "assistant";
                String text = role.equals("user") ? "Weather in London, question " + m : "Sunny, answer " + m;
                rows.add(new StorageMessage(
                        id + "-m" + m, id, resource, role, StorageMessage.V2, content(text), created.plusMillis(m)));
            }
        }
        if (!rows.isEmpty()) {
            store.saveMessages(rows);
        }
    }

    private static ObjectNode content(String text) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode part = json.objectNode().put("type", "text").put("text", text);
        ObjectNode content = json.objectNode().put("format", 2);
        content.putArray("parts").add(part);
        content.put("content", text);
        return content;
    }
}
