package dev.mastra4j.storage.libsql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.core.storage.StorageMessage;
import dev.mastra4j.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer killed with {@code kill -9} mid-stream: every message it acknowledged is in the file afterwards. */
@Tag("process")
class LibSQLCrashTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedMessageSurvivesKill9() throws Exception {
        String url = "file:" + dir.resolve("crash.db");
        List<String> acknowledged = new ArrayList<>();
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        ChildJvm.classPath(p -> false),
                        CrashWriter.class.getName(),
                        url)
                .redirectError(dir.resolve("child.stderr").toFile())
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < 300 && (line = out.readLine()) != null) {
                acknowledged.add(line);
            }
            child.destroyForcibly(); // SIGKILL, mid-stream: the child is writing the next message
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(acknowledged).as("acknowledged ids").hasSize(300);
        try (LibSQLStore reopened = LibSQLStore.builder().url(url).build()) {
            assertThat(reopened.getMessagesById(acknowledged))
                    .extracting(StorageMessage::id)
                    .containsExactlyInAnyOrderElementsOf(acknowledged);
        }
    }
}
