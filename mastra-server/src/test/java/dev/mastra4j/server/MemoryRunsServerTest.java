package dev.mastra4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.agent.Memory;
import dev.mastra4j.core.agent.WorkingMemory;
import dev.mastra4j.core.model.ModelRouter;
import dev.mastra4j.core.storage.InMemoryStore;
import dev.mastra4j.core.storage.OrderBy;
import dev.mastra4j.core.storage.StorageMessage;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.LocalClerkIssuer;
import dev.mastra4j.testing.OpenAiStub;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Generate and stream with {@code memory} over HTTP, signed in as two Clerk users (alice and bob), against an
 * OpenAI-compatible stub that records what the model receives.
 */
class MemoryRunsServerTest {

    private static final String INSTRUCTIONS = "You answer questions about the weather in one short sentence.";
    private static final String TEMPLATE = "# User\n- Name:\n- Location:\n";
    private static final String DENIED = "{\"error\":\"Access denied: thread belongs to a different resource\"}";

    private LocalClerkIssuer issuer;
    private OpenAiStub stub;
    private InMemoryStore store;
    private ServerHarness server;

    @BeforeEach
    void start() {
        issuer = LocalClerkIssuer.start();
        stub = OpenAiStub.start();
        store = new InMemoryStore();
        Agent agent = Agent.builder()
                .id("weatherAgent")
                .instructions(INSTRUCTIONS)
                .model(ModelRouter.resolve("openai/gpt-4o-mini", stub.env("sk-memory-test"), Duration.ofSeconds(10)))
                .memory(Memory.builder()
                        .lastMessages(10)
                        .workingMemory(WorkingMemory.enabledWith(TEMPLATE))
                        .build())
                .build();
        MastraAuthClerk clerk = MastraAuthClerk.builder()
                .env(Map.of())
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .jwksUri(issuer.jwksUri().toString())
                .apiUrl(issuer.apiUrl().toString())
                .build();
        server = ServerHarness.start(Mastra.builder().storage(store).agent(agent), s -> s.auth(clerk));
    }

    @AfterEach
    void stop() {
        server.close();
        stub.close();
        issuer.close();
    }

    private String[] as(String user) {
        return new String[] {"Authorization", "Bearer " + issuer.token(user), "Content-Type", "application/json"};
    }

    private HttpResponse<String> generate(String user, String body) {
        return server.post("/api/agents/weatherAgent/generate", body, as(user));
    }

    private static String turn(String text, String thread) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}],\"memory\":{\"thread\":\"" + thread
                + "\",\"resource\":\"ignored\"}}";
    }

    private List<StorageMessage> messages(String thread) {
        return store.listMessages(thread, 0, 1000, OrderBy.OLDEST_FIRST).items();
    }

    private static List<String> prompt(OpenAiStub.Recorded request) {
        List<String> lines = new ArrayList<>();
        for (JsonNode m : request.body().path("messages")) {
            lines.add(m.path("role").asText() + ": " + m.path("content").asText());
        }
        return lines;
    }

    @Test
    void aSecondGenerateOnTheSameThreadSendsTheFirstTurnToTheModel() {
        stub.enqueue(OpenAiStub.Reply.text("Sunny in London."), OpenAiStub.Reply.text("Rain tomorrow."));

        assertThat(generate("user_alice", turn("What is the weather in London?", "t-alice"))
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> second = generate("user_alice", turn("And tomorrow?", "t-alice"));

        assertThat(second.statusCode()).isEqualTo(200);
        List<String> sent = prompt(stub.requests().getLast());
        assertThat(sent.get(0)).isEqualTo("system: " + INSTRUCTIONS);
        assertThat(sent.get(1)).startsWith("system: WORKING_MEMORY_SYSTEM_INSTRUCTION:");
        assertThat(sent.subList(2, sent.size()))
                .containsExactly(
                        "user: What is the weather in London?", "assistant: Sunny in London.", "user: And tomorrow?");
        assertThat(store.getThreadById("t-alice").orElseThrow().resourceId()).isEqualTo("user_alice");
        assertThat(messages("t-alice")).hasSize(4);

        // Mastra's response fields for a run with memory: the recalled turn, and recalled + new messages.
        JsonNode body = ServerHarness.json(second);
        JsonNode mastra = fixture("generate-memory-second-turn.json").path("body");
        assertThat(roles(body.path("rememberedMessages"))).isEqualTo(roles(mastra.path("rememberedMessages")));
        assertThat(roles(body.path("messages"))).isEqualTo(roles(mastra.path("messages")));
        for (int i = 0; i < mastra.path("messages").size(); i++) {
            JsonNode ours = body.path("messages").get(i);
            JsonNode theirs = mastra.path("messages").get(i);
            assertThat(fieldNames(ours)).isEqualTo(fieldNames(theirs));
            assertThat(fieldNames(ours.path("content"))).isEqualTo(fieldNames(theirs.path("content")));
            assertThat(ours.path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        }
        assertThat(body.path("messages").get(3).path("content").path("content").asText())
                .isEqualTo("Rain tomorrow.");
    }

    private static JsonNode fixture(String name) {
        try {
            return ServerHarness.json(java.nio.file.Files.readString(
                    java.nio.file.Path.of("src/test/resources/fixtures/mastra-1.71-memory", name)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> roles(JsonNode messages) {
        List<String> roles = new ArrayList<>();
        messages.forEach(m -> roles.add(m.path("role").asText()));
        return roles;
    }

    private static java.util.Set<String> fieldNames(JsonNode node) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void anotherUsersThreadIsA403BeforeAnyModelCallForGenerateAndStream() {
        stub.enqueue(OpenAiStub.Reply.text("Sunny."));
        generate("user_alice", turn("mine", "t-alice"));
        int calls = stub.requests().size();

        HttpResponse<String> viaGenerate = generate("user_bob", turn("let me in", "t-alice"));
        HttpResponse<String> viaStream =
                server.post("/api/agents/weatherAgent/stream", turn("let me in", "t-alice"), as("user_bob"));
        String claimingAlice = "{\"messages\":\"hi\",\"memory\":{\"thread\":\"t-alice\",\"resource\":\"user_alice\"}}";
        HttpResponse<String> namingHer = generate("user_bob", claimingAlice);

        for (HttpResponse<String> response : List.of(viaGenerate, viaStream, namingHer)) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(ServerHarness.header(response, "Content-Type")).startsWith("application/json");
            assertThat(ServerHarness.json(response)).isEqualTo(ServerHarness.json(DENIED));
        }
        assertThat(stub.requests()).hasSize(calls);
        assertThat(messages("t-alice")).hasSize(2);
    }

    @Test
    void theThreadBelongsToTheSignedInUserWhateverResourceTheBodyNames() {
        stub.enqueue(OpenAiStub.Reply.text("Hi Bob."));
        String body = "{\"messages\":\"hi\",\"memory\":{\"thread\":{\"id\":\"t-bob\",\"title\":\"x\"},"
                + "\"resource\":\"user_alice\"}}";

        assertThat(generate("user_bob", body).statusCode()).isEqualTo(200);

        assertThat(store.getThreadById("t-bob").orElseThrow().resourceId()).isEqualTo("user_bob");
        assertThat(store.getThreadById("t-bob").orElseThrow().title()).isEmpty();
        assertThat(messages("t-bob")).allSatisfy(m -> assertThat(m.resourceId()).isEqualTo("user_bob"));
    }

    @Test
    void topLevelThreadIdAndResourceIdAreAcceptedAsAliases() {
        stub.enqueue(OpenAiStub.Reply.text("Hello."));

        HttpResponse<String> response =
                generate("user_alice", "{\"messages\":\"hi\",\"threadId\":\"t-top\",\"resourceId\":\"user_bob\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(store.getThreadById("t-top").orElseThrow().resourceId()).isEqualTo("user_alice");
        assertThat(messages("t-top")).hasSize(2);
    }

    @Test
    void aStreamedTurnIsStoredBeforeTheLastEvent() {
        stub.enqueue(OpenAiStub.Reply.text("Sunny and warm."));

        HttpResponse<String> response =
                server.post("/api/agents/weatherAgent/stream", turn("Weather?", "t-stream"), as("user_alice"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"finish\"").contains("[DONE]");
        List<StorageMessage> rows = messages("t-stream");
        assertThat(rows).extracting(StorageMessage::role).containsExactly("user", "assistant");
        assertThat(rows.get(1).content().get("content").asText()).isEqualTo("Sunny and warm.");
    }

    @Test
    void aCancelledStreamKeepsTheUserMessageAndThePartialText() throws Exception {
        stub.enqueue(OpenAiStub.Reply.hanging("tok0 tok1 "));
        HttpRequest request = server.request("/api/agents/weatherAgent/stream", as("user_alice"))
                .POST(HttpRequest.BodyPublishers.ofString(turn("Count slowly", "t-cancel")))
                .build();
        HttpResponse<InputStream> response = server.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream body = response.body()) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String delta = CompletableFuture.supplyAsync(() -> readUntil(reader, "\"text-delta\""))
                    .get(15, TimeUnit.SECONDS);
            assertThat(delta).contains("tok0 tok1 ");
        }
        assertThat(stub.awaitClientGone(Duration.ofSeconds(20))).isTrue();

        List<StorageMessage> rows = awaitMessages("t-cancel", 2);
        assertThat(rows).extracting(StorageMessage::role).containsExactly("user", "assistant");
        assertThat(rows.get(0).content().get("content").asText()).isEqualTo("Count slowly");
        assertThat(rows.get(1).content().get("content").asText()).isEqualTo("tok0 tok1 ");
    }

    @Test
    void concurrentGeneratesOnOneThreadLoseNoMessage() throws Exception {
        int runs = 8;
        for (int i = 0; i < runs; i++) {
            stub.enqueue(OpenAiStub.Reply.text("answer"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                String body = turn("question " + i, "t-shared");
                calls.add(pool.submit(() -> generate("user_alice", body)));
            }
            for (Future<HttpResponse<String>> call : calls) {
                assertThat(call.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        List<StorageMessage> rows = messages("t-shared");
        assertThat(rows).hasSize(2 * runs);
        assertThat(rows.stream()
                        .filter(m -> m.role().equals("user"))
                        .map(m -> m.content().get("content").asText()))
                .doesNotHaveDuplicates()
                .hasSize(runs);
    }

    @Test
    void theWorkingMemoryToolUpdatesStorageAndTheNextPromptShowsIt() {
        stub.enqueue(
                OpenAiStub.Reply.toolCall(
                        "call-wm",
                        "updateWorkingMemory",
                        "{\"memory\":\"# User\\n- Name: Alice\\n- Location: London\\n\"}"),
                OpenAiStub.Reply.text("Nice to meet you, Alice."),
                OpenAiStub.Reply.text("Yes, Alice from London."));

        assertThat(generate("user_alice", turn("I am Alice from London", "t-wm"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(stub.requests().get(0).body().path("tools").toString()).contains("updateWorkingMemory");
        assertThat(store.getResourceById("user_alice").orElseThrow().workingMemory())
                .isEqualTo("# User\n- Name: Alice\n- Location: London\n");
        assertThat(store.getResourceById("user_bob")).isEmpty();

        generate("user_alice", turn("Do you remember me?", "t-wm-2"));
        String system = prompt(stub.requests().getLast()).get(1);
        assertThat(system)
                .contains("<working_memory_data>\n# User\n- Name: Alice\n- Location: London\n\n</working_memory_data>");
    }

    private List<StorageMessage> awaitMessages(String thread, int count) throws InterruptedException {
        for (int i = 0; i < 400 && messages(thread).size() < count; i++) {
            Thread.sleep(25);
        }
        return messages(thread);
    }

    private static String readUntil(BufferedReader reader, String marker) {
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.contains(marker)) {
                    return line;
                }
            }
            return "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
