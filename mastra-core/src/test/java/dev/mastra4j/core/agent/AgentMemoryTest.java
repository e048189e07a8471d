package dev.mastra4j.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.ChatModel;
import dev.mastra4j.core.error.AccessDeniedException;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.memory.MemoryAccess;
import dev.mastra4j.core.model.ModelProviderException;
import dev.mastra4j.core.storage.InMemoryStore;
import dev.mastra4j.core.storage.OrderBy;
import dev.mastra4j.core.storage.StorageMessage;
import dev.mastra4j.core.storage.StorageThread;
import dev.mastra4j.core.tool.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Agent runs with {@code memory: {thread, resource}}: recall, what is kept, ownership, working memory, titles. */
class AgentMemoryTest {

    private static final String INSTRUCTIONS = "You answer questions about the weather in one short sentence.";
    private static final String TEMPLATE = "# User\n- Name:\n- Location:\n";
    private static final Path FIXTURES = Path.of("../mastra-server/src/test/resources/fixtures/mastra-1.71-memory");

    private final InMemoryStore store = new InMemoryStore();
    private final ScriptedModel model = new ScriptedModel();

    private Agent agent(Memory.Builder memory) {
        return Agent.builder()
                .id("weatherAgent")
                .instructions(INSTRUCTIONS)
                .model((ChatModel) model, model)
                .memory(memory.storage(store).build())
                .build();
    }

    private Agent agent() {
        return agent(Memory.builder().lastMessages(10));
    }

    private static AgentOptions on(String thread, String resource) {
        return AgentOptions.builder()
                .memory(new AgentMemoryOption(thread, resource))
                .build();
    }

    private List<StorageMessage> messages(String thread) {
        return store.listMessages(thread, 0, 1000, OrderBy.OLDEST_FIRST).items();
    }

    @Test
    void theSecondTurnSendsTheFirstTurnToTheModelAfterTheInstructions() {
        Agent agent = agent();
        GenerateResult first =
                agent.generate(List.of(Message.user("What is the weather in London?")), on("t1", "user_alice"));
        GenerateResult second = agent.generate(List.of(Message.user("And tomorrow?")), on("t1", "user_alice"));

        assertThat(first.memory().remembered()).isEmpty();
        assertThat(second.memory().remembered()).isEqualTo(first.memory().saved());
        assertThat(second.memory().saved()).extracting(StorageMessage::role).containsExactly("user", "assistant");
        assertThat(messages("t1")).containsAll(second.memory().saved());

        assertThat(model.lastPrompt())
                .containsExactly(
                        "system: " + INSTRUCTIONS,
                        "user: What is the weather in London?",
                        "assistant: " + ScriptedModel.DEFAULT_REPLY,
                        "user: And tomorrow?");
    }

    @Test
    void aTurnIsKeptAsMastrasV2RowsWithIncreasingTimes() {
        agent().generate(List.of(Message.user("What is the weather in London?")), on("t1", "user_alice"));

        StorageThread thread = store.getThreadById("t1").orElseThrow();
        assertThat(thread.resourceId()).isEqualTo("user_alice");
        assertThat(thread.title()).isEmpty();
        assertThat(thread.metadata()).isNull();
        List<StorageMessage> rows = messages("t1");
        assertThat(rows).extracting(StorageMessage::role).containsExactly("user", "assistant");
        assertThat(rows).allSatisfy(m -> {
            assertThat(m.type()).isEqualTo("v2");
            assertThat(m.resourceId()).isEqualTo("user_alice");
            assertThat(m.threadId()).isEqualTo("t1");
        });
        assertThat(rows.get(1).createdAt()).isAfter(rows.get(0).createdAt());
        long userAt = rows.get(0).createdAt().toEpochMilli();
        long assistantAt = rows.get(1).createdAt().toEpochMilli();
        assertThat(rows.get(0).content())
                .isEqualTo(
                        json("{\"format\":2,\"parts\":[{\"type\":\"text\",\"text\":\"What is the weather in London?\","
                                + "\"createdAt\":" + userAt + "}],\"content\":\"What is the weather in London?\"}"));
        assertThat(rows.get(1).content())
                .isEqualTo(json("{\"format\":2,\"parts\":[{\"type\":\"text\",\"text\":\"" + ScriptedModel.DEFAULT_REPLY
                        + "\",\"createdAt\":" + assistantAt + "}],\"content\":\"" + ScriptedModel.DEFAULT_REPLY
                        + "\",\"metadata\":{\"modelId\":\"" + agentModelId() + "\",\"provider\":\""
                        + agent().provider() + "\"}}"));
    }

    private String agentModelId() {
        return agent().modelId();
    }

    @Test
    void onlyTheLastMessagesAreRecalled() {
        Agent agent = agent(Memory.builder().lastMessages(2));
        agent.generate(List.of(Message.user("one")), on("t1", "user_alice"));
        agent.generate(List.of(Message.user("two")), on("t1", "user_alice"));

        assertThat(model.lastPrompt())
                .containsExactly(
                        "system: " + INSTRUCTIONS,
                        "user: one",
                        "assistant: " + ScriptedModel.DEFAULT_REPLY,
                        "user: two");
        agent.generate(List.of(Message.user("three")), on("t1", "user_alice"));
        assertThat(model.lastPrompt())
                .containsExactly(
                        "system: " + INSTRUCTIONS,
                        "user: two",
                        "assistant: " + ScriptedModel.DEFAULT_REPLY,
                        "user: three");
    }

    @Test
    void anotherResourcesThreadIsRefusedBeforeAnyModelCallForEveryEntryPoint() {
        Agent agent = agent();
        agent.generate(List.of(Message.user("mine")), on("t-alice", "user_alice"));
        int calls = model.calls();
        int rows = messages("t-alice").size();

        List<Callable<?>> attempts = List.of(
                () -> agent.generate(List.of(Message.user("hi")), on("t-alice", "user_bob")),
                () -> agent.stream(List.of(Message.user("hi")), on("t-alice", "user_bob")),
                () -> agent.streamRun(List.of(Message.user("hi")), on("t-alice", "user_bob")));
        for (Callable<?> attempt : attempts) {
            assertThatThrownBy(attempt::call).isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.getMessage()).isEqualTo(MemoryAccess.THREAD_DENIED);
            });
        }
        assertThat(model.calls()).isEqualTo(calls);
        assertThat(messages("t-alice")).hasSize(rows);
        assertThat(store.getThreadById("t-alice").orElseThrow().resourceId()).isEqualTo("user_alice");
    }

    @Test
    void withoutAThreadOrWithoutMemoryNothingIsKept() {
        agent().generate(List.of(Message.user("hi")), on(null, "user_alice"));
        Agent noMemory =
                Agent.builder().id("plain").model((ChatModel) model, model).build();
        noMemory.generate(List.of(Message.user("hi")), on("t1", "user_alice"));

        assertThat(store.listThreads(null, 0, 10, OrderBy.NEWEST_FIRST).total()).isZero();
    }

    @Test
    void aCancelledStreamKeepsTheUserMessageAndExactlyTheTextStreamedSoFar() throws Exception {
        model.thenHang("tok0 tok1 tok2 tok3 tok4 ");
        AgentStream stream = agent().stream(List.of(Message.user("Count slowly")), on("t1", "user_alice"));
        StringBuilder seen = new StringBuilder();
        int deltas = 0;
        while (deltas < 5 && stream.hasNext()) {
            if (stream.next() instanceof StreamChunk.TextDelta delta) {
                seen.append(delta.text());
                deltas++;
            }
        }
        stream.close();
        awaitDone(stream);

        List<StorageMessage> rows = messages("t1");
        assertThat(rows).extracting(StorageMessage::role).containsExactly("user", "assistant");
        assertThat(rows.get(0).content().get("content").asText()).isEqualTo("Count slowly");
        assertThat(seen.toString()).isEqualTo("tok0 tok1 tok2 tok3 tok4 ");
        assertThat(rows.get(1).content().get("content").asText()).isEqualTo(seen.toString());
    }

    @Test
    void aRunWhoseModelFailsBeforeAnyOutputKeepsNothing() {
        model.thenFailure(new IllegalStateException("provider down"));
        assertThatThrownBy(() -> agent().generate(List.of(Message.user("hello")), on("t1", "user_alice")))
                .isInstanceOf(ModelProviderException.class);

        assertThat(messages("t1")).isEmpty();
    }

    @Test
    void aRunThatFailsAfterAToolStepKeepsTheTurnSoFar() {
        Tool weather = Tool.builder()
                .id("weatherTool")
                .execute((input, context) -> Json.MAPPER.createObjectNode().put("temperature", 21))
                .build();
        Agent agent = Agent.builder()
                .id("weatherAgent")
                .model((ChatModel) model, model)
                .tools(weather)
                .memory(Memory.builder().storage(store).build())
                .build();
        model.thenToolCall("call-1", "weatherTool", "{\"city\":\"London\"}")
                .thenFailure(new IllegalStateException("provider down"));

        assertThatThrownBy(() -> agent.generate(List.of(Message.user("Weather?")), on("t1", "user_alice")))
                .isInstanceOf(ModelProviderException.class);

        List<StorageMessage> rows = messages("t1");
        assertThat(rows).extracting(StorageMessage::role).containsExactly("user", "assistant");
        JsonNode parts = rows.get(1).content().get("parts");
        assertThat(parts.get(0).get("type").asText()).isEqualTo("step-start");
        assertThat(parts.get(1))
                .isEqualTo(json("{\"type\":\"tool-invocation\",\"toolInvocation\":{\"state\":\"result\","
                        + "\"toolCallId\":\"call-1\",\"toolName\":\"weatherTool\",\"args\":{\"city\":\"London\"},"
                        + "\"result\":{\"temperature\":21}}}"));
    }

    @Test
    void concurrentGeneratesOnOneThreadLoseNoMessage() throws Exception {
        Agent agent = agent();
        int runs = 16;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<GenerateResult>> futures = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                String text = "message " + i;
                futures.add(pool.submit(() -> agent.generate(List.of(Message.user(text)), on("shared", "user_alice"))));
            }
            for (Future<GenerateResult> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<StorageMessage> rows = messages("shared");
        assertThat(rows).hasSize(2 * runs);
        assertThat(rows.stream()
                        .filter(m -> m.role().equals("user"))
                        .map(m -> m.content().get("content").asText()))
                .hasSize(runs)
                .doesNotHaveDuplicates();
    }

    @Test
    void workingMemoryIsInTheSystemPromptAsMastraWordsItAndItsToolWritesTheOwnersResource() throws Exception {
        Agent agent = agent(Memory.builder().lastMessages(10).workingMemory(WorkingMemory.enabledWith(TEMPLATE)));
        model.thenToolCall(
                        "call-wm",
                        "updateWorkingMemory",
                        "{\"memory\":\"# User\\n- Name: Alice\\n- Location: London\\n\"}")
                .thenText("Noted.");

        agent.generate(List.of(Message.user("I am Alice from London")), on("t1", "user_alice"));

        List<String> first = ScriptedModel.prompt(model.requests.get(0));
        assertThat(first.get(1)).isEqualTo("system: " + fixturePrompt("generate-memory-second-turn-model-prompt.json"));
        assertThat(model.requests.get(0).toolSpecifications()).singleElement().satisfies(spec -> {
            assertThat(spec.name()).isEqualTo("updateWorkingMemory");
            assertThat(spec.parameters().required()).containsExactly("memory");
        });
        assertThat(store.getResourceById("user_alice").orElseThrow().workingMemory())
                .isEqualTo("# User\n- Name: Alice\n- Location: London\n");
        // Mastra does not keep the working-memory tool call in the thread.
        assertThat(messages("t1").get(1).content().get("parts").toString()).doesNotContain("tool-invocation");

        agent.generate(List.of(Message.user("Do you remember me?")), on("t1", "user_alice"));
        assertThat(model.lastPrompt().get(1))
                .isEqualTo("system: " + fixturePrompt("generate-after-working-memory-model-prompt.json"));
    }

    @Test
    void theDefaultTemplateIsMastrasWithItsTrailingSpaces() {
        Agent agent = agent(Memory.builder().workingMemory(WorkingMemory.ENABLED));
        agent.generate(List.of(Message.user("hi")), on("t1", "user_alice"));

        assertThat(model.lastPrompt().get(1))
                .contains("<working_memory_template>\n# User Information\n- **First Name**: \n- **Last Name**: \n"
                        + "- **Location**: \n- **Occupation**: \n- **Interests**: \n- **Goals**: \n- **Events**: \n"
                        + "- **Facts**: \n- **Projects**:\n</working_memory_template>");
    }

    @Test
    void threadScopedWorkingMemoryIsKeptOnTheThread() {
        Agent agent = agent(Memory.builder()
                .workingMemory(WorkingMemory.enabledWith(TEMPLATE).withScope(WorkingMemory.Scope.THREAD)));
        model.thenToolCall("call-wm", "updateWorkingMemory", "{\"memory\":\"# User\\n- Name: Bob\\n\"}");

        agent.generate(List.of(Message.user("I am Bob")), on("t1", "user_bob"));

        assertThat(store.getThreadById("t1")
                        .orElseThrow()
                        .metadata()
                        .get("workingMemory")
                        .asText())
                .isEqualTo("# User\n- Name: Bob\n");
        assertThat(store.getResourceById("user_bob")).isEmpty();
    }

    @Test
    void generateTitleAsksTheModelWithMastrasPromptAfterTheFirstTurnOnly() {
        Agent agent = agent(Memory.builder().generateTitle(true));
        model.thenText("Hello there").thenText("London weather today");

        agent.generate(List.of(Message.user("What is the weather in London?")), on("t1", "user_alice"));

        assertThat(store.getThreadById("t1").orElseThrow().title()).isEqualTo("London weather today");
        assertThat(ScriptedModel.prompt(model.requests.get(1)))
                .containsExactly(
                        "system: " + ThreadMemory.TITLE_INSTRUCTIONS, "user: User: What is the weather in London?");
        int calls = model.calls();
        agent.generate(List.of(Message.user("And tomorrow?")), on("t1", "user_alice"));
        assertThat(model.calls()).isEqualTo(calls + 1);
    }

    @Test
    void aTitleThatFailsDoesNotBreakTheRun() {
        Agent agent = agent(Memory.builder().generateTitle(true));
        model.thenText("Answer").thenFailure(new IllegalStateException("title model down"));

        GenerateResult result = agent.generate(List.of(Message.user("hi")), on("t1", "user_alice"));

        assertThat(result.text()).isEqualTo("Answer");
        assertThat(store.getThreadById("t1").orElseThrow().title()).isEmpty();
        assertThat(messages("t1")).hasSize(2);
    }

    private static String fixturePrompt(String file) throws Exception {
        JsonNode fixture = Json.MAPPER.readTree(Files.readString(FIXTURES.resolve(file)));
        return fixture.at("/body/prompt/1/text").asText();
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void awaitDone(AgentStream stream) throws InterruptedException {
        for (int i = 0; i < 200 && !stream.isDone(); i++) {
            Thread.sleep(25);
        }
        assertThat(stream.isDone()).isTrue();
    }
}
