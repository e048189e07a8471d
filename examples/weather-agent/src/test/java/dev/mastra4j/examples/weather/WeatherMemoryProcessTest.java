package dev.mastra4j.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.storage.pg.TestPostgres;
import dev.mastra4j.testing.OpenAiStub;
import dev.mastra4j.testing.OpenAiStub.Reply;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's end-to-end proofs, on the example as the README runs it ({@link WeatherProcess}: the server's main in
 * a child JVM, dev auth mode), with {@code openai/gpt-4o-mini} pointed at an {@link OpenAiStub} that records every
 * request the model receives: memory on the default {@code mastra.db}, across restarts, across a {@code kill -9}
 * right after a 200 (SQLite and PostgreSQL), across two servers on one PostgreSQL, and with the database down.
 */
@Tag("process")
class WeatherMemoryProcessTest {

    @TempDir
    Path workDir;

    private OpenAiStub model;

    @BeforeEach
    void startModel() {
        model = OpenAiStub.start();
    }

    @AfterEach
    void stopModel() {
        model.close();
    }

    private Map<String, String> settings(String storageUrl) {
        Map<String, String> settings = new HashMap<>(model.env("sk-e2e-test"));
        if (storageUrl != null) {
            settings.put(WeatherStorage.VARIABLE, storageUrl);
        }
        return settings;
    }

    /** What the model received in request {@code index}, each message as {@code role: content}, system ones left out. */
    private List<String> conversationSent(int index) {
        List<String> lines = new ArrayList<>();
        for (JsonNode m : model.requests().get(index).body().path("messages")) {
            if (!m.path("role").asText().equals("system")) {
                lines.add(m.path("role").asText() + ": " + m.path("content").asText());
            }
        }
        return lines;
    }

    private static void assertOk(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void theReadmeRunRemembersTheFirstTurnInTheSecondGenerateAndAfterARestart() throws Exception {
        model.enqueue(
                Reply.text("Sunny in London."), Reply.text("Rain tomorrow."), Reply.text("You asked about London."));

        try (WeatherProcess server = WeatherProcess.start(workDir, settings(null))) {
            assertOk(server.generate("What is the weather in London?", "t1"));
            assertOk(server.generate("And tomorrow?", "t1"));
        }

        assertThat(workDir.resolve("mastra.db"))
                .as("the default storage, file:./mastra.db")
                .isRegularFile();
        assertThat(conversationSent(1))
                .containsExactly(
                        "user: What is the weather in London?", "assistant: Sunny in London.", "user: And tomorrow?");

        try (WeatherProcess restarted = WeatherProcess.start(workDir, settings(null))) {
            assertOk(restarted.generate("Which city did I ask about?", "t1"));
        }
        assertThat(conversationSent(2))
                .containsExactly(
                        "user: What is the weather in London?",
                        "assistant: Sunny in London.",
                        "user: And tomorrow?",
                        "assistant: Rain tomorrow.",
                        "user: Which city did I ask about?");
    }

    @Test
    void aServerKilledRightAfter200KeepsEveryAcknowledgedTurnOnSqlite() throws Exception {
        killedRightAfter200KeepsEveryAcknowledgedTurn(settings("file:./killed.db"));
        assertThat(workDir.resolve("killed.db")).isRegularFile();
    }

    @Test
    void aServerKilledRightAfter200KeepsEveryAcknowledgedTurnOnPostgres() throws Exception {
        String url = TestPostgres.mastraUrl(TestPostgres.shared().newDatabase());
        killedRightAfter200KeepsEveryAcknowledgedTurn(settings(url));
    }

    private void killedRightAfter200KeepsEveryAcknowledgedTurn(Map<String, String> settings) throws Exception {
        int turns = 5;
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            model.enqueue(Reply.text("answer " + i));
        }
        try (WeatherProcess server = WeatherProcess.start(workDir, settings)) {
            for (int i = 0; i < turns; i++) {
                assertOk(server.generate("question " + i, "t-kill"));
                acknowledged.add("user: question " + i);
                acknowledged.add("assistant: answer " + i);
            }
            server.kill();
        }

        try (WeatherProcess restarted = WeatherProcess.start(workDir, settings)) {
            assertThat(restarted.storedMessages("t-kill")).containsExactlyElementsOf(acknowledged);
        }
    }

    @Test
    void twoServersOnOnePostgresShareAConversationAndLoseNoConcurrentMessage() throws Exception {
        Map<String, String> settings =
                settings(TestPostgres.mastraUrl(TestPostgres.shared().newDatabase()));
        // Both start at once on the empty database, so both create the schema at the same moment.
        CompletableFuture<WeatherProcess> startingA = start(settings);
        CompletableFuture<WeatherProcess> startingB = start(settings);
        try (WeatherProcess a = startingA.join();
                WeatherProcess b = startingB.join()) {
            model.enqueue(Reply.text("Hello Ada."), Reply.text("You are Ada."));
            assertOk(a.generate("My name is Ada.", "t-shared"));
            assertOk(b.generate("What is my name?", "t-shared"));
            assertThat(conversationSent(1))
                    .as("server B's model request carries the turn taken through server A")
                    .containsExactly("user: My name is Ada.", "assistant: Hello Ada.", "user: What is my name?");

            int concurrent = 8;
            List<String> expected = new ArrayList<>(List.of(
                    "user: My name is Ada.",
                    "assistant: Hello Ada.",
                    "user: What is my name?",
                    "assistant: You are Ada."));
            for (int i = 0; i < concurrent; i++) {
                // A slow model keeps every run between reading the history and saving its turn at the same time.
                model.enqueue(Reply.text("reply " + i).delayed(Duration.ofMillis(200)));
                expected.add("user: message " + i);
                expected.add("assistant: reply " + i);
            }
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < concurrent; i++) {
                    WeatherProcess via = i % 2 == 0 ? a : b;
                    String text = "message " + i;
                    sent.add(pool.submit(() -> via.generate(text, "t-shared")));
                }
            }
            for (Future<HttpResponse<String>> response : sent) {
                assertOk(response.get());
            }
            assertThat(a.storedMessages("t-shared")).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(b.storedMessages("t-shared")).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private CompletableFuture<WeatherProcess> start(Map<String, String> settings) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return WeatherProcess.start(Files.createTempDirectory(workDir, "server"), settings);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aStoppedDatabaseGives503ForMemoryQuicklyAndAGenerateWithoutMemoryStillAnswers() throws Exception {
        try (TestPostgres pg = TestPostgres.start();
                WeatherProcess server =
                        WeatherProcess.start(workDir, settings(TestPostgres.mastraUrl(pg.newDatabase())))) {
            model.enqueue(Reply.text("Sunny."), Reply.text("Still sunny."));
            assertOk(server.generate("Weather in Paris?", "t-down"));

            pg.stop();

            List<CompletableFuture<HttpResponse<String>>> memoryCalls = List.of(
                    CompletableFuture.supplyAsync(() -> server.get("/api/memory/threads?resourceId=user_dev")),
                    CompletableFuture.supplyAsync(() -> server.get("/api/memory/threads/t-down")),
                    CompletableFuture.supplyAsync(() -> server.get("/api/memory/threads/t-down/messages")),
                    CompletableFuture.supplyAsync(() -> server.post(
                            "/api/memory/threads?agentId=weatherAgent",
                            "{\"threadId\":\"t-new\",\"resourceId\":\"user_dev\",\"title\":\"New\"}")),
                    CompletableFuture.supplyAsync(() -> server.generate("And tomorrow?", "t-down")));
            HttpResponse<String> withoutMemory = server.generate("Weather in Rome?", null);

            assertOk(withoutMemory);
            for (CompletableFuture<HttpResponse<String>> call : memoryCalls) {
                HttpResponse<String> response = call.join(); // each waits at most REQUEST_TIMEOUT: no hang
                assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                assertThat(response.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
                JsonNode body = WeatherProcess.json(response);
                // The client learns which store is down, not where it lives or what the pool holds.
                assertThat(body.path("error").asText()).isEqualTo("PostgresStore is unavailable");
                assertThat(response.body())
                        .doesNotContain(TestPostgres.PASSWORD + "@")
                        .doesNotContain(String.valueOf(pg.port()))
                        .doesNotContainIgnoringCase("hikari");
            }
            // The operator's log has the driver's words, with the request, and still no password.
            assertThat(server.stdout())
                    .contains("503 PostgresStore is unavailable (")
                    .doesNotContain(TestPostgres.PASSWORD + "@");
            assertThat(server.stderr()).doesNotContain(TestPostgres.PASSWORD + "@");
        }
    }
}
