package dev.mastra4j.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test every persistent store runs: a child JVM saves messages one by one and prints each id once
 * {@code saveMessages} has returned; the test kills it with SIGKILL mid-stream, reopens the store, and finds every
 * acknowledged message. A store module extends this with its URL, its writer's main class (which calls
 * {@link #writeUntilKilled}) and how to reopen the store.
 */
@Tag("process")
public abstract class MemoryStorageCrashContract {

    private static final int ACKNOWLEDGED = 300;

    @TempDir
    protected Path dir;

    /** Where the child writes, in the store's URL form. */
    protected abstract String url() throws Exception;

    /** The child's main class: its {@code main(args)} opens the store at {@code args[0]} and calls
     * {@link #writeUntilKilled}. */
    protected abstract Class<?> writerMain();

    /** Opens the store at {@code url} again, in this JVM. */
    protected abstract MemoryStorage reopen(String url);

    /** The child's loop: one message per {@code saveMessages}, its id printed after the call returns. */
    public static void writeUntilKilled(MemoryStorage store) {
        Instant start = Instant.parse("2026-12-04T00:00:00Z");
        store.createThread(new StorageThread("crash", "alice", "", null, start, start));
        for (int i = 0; ; i++) {
            ObjectNode content =
                    JsonNodeFactory.instance.objectNode().put("format", 2).put("content", "message " + i);
            String id = "m" + i;
            store.saveMessages(
                    List.of(new StorageMessage(id, "crash", "alice", "user", "v2", content, start.plusMillis(i))));
            System.out.println(id);
            System.out.flush();
        }
    }

    @Test
    void everyAcknowledgedMessageSurvivesKill9() throws Exception {
        String url = url();
        List<String> acknowledged = new ArrayList<>();
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        ChildJvm.classPath(p -> false),
                        writerMain().getName(),
                        url)
                .redirectError(dir.resolve("child.stderr").toFile())
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < ACKNOWLEDGED && (line = out.readLine()) != null) {
                acknowledged.add(line);
            }
            child.destroyForcibly(); // SIGKILL, mid-stream: the child is writing the next message
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(acknowledged).as("acknowledged ids").hasSize(ACKNOWLEDGED);
        try (MemoryStorage reopened = reopen(url)) {
            assertThat(reopened.getMessagesById(acknowledged))
                    .extracting(StorageMessage::id)
                    .containsExactlyInAnyOrderElementsOf(acknowledged);
        }
    }
}
