package dev.mastra4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The memory API against a real loopback server that answers with Mastra 1.71's captured bodies. Each call must send
 * exactly what {@code @mastra/client-js} sends for it (method, path, query and JSON body), and read Mastra's answer.
 */
class MemoryApiTest {

    private static final Instant DATE = Instant.parse(MemoryWire.DATE);

    /** Runs {@code call} against a server that answers with Mastra's {@code name}, and checks the request. */
    private static <T> T exchange(String name, Function<MastraClient, T> call) {
        return exchange(name, name, call);
    }

    private static <T> T exchange(String mastraCase, String clientJsCase, Function<MastraClient, T> call) {
        try (StubServer server = StubServer.start().then(MemoryWire.reply(mastraCase));
                MastraClient client = server.client().retries(0).build()) {
            T result;
            try {
                result = call.apply(client);
            } finally {
                assertSentAsClientJs(server, clientJsCase);
            }
            return result;
        }
    }

    private static void assertSentAsClientJs(StubServer server, String clientJsCase) {
        JsonNode expected = MemoryWire.clientJs(clientJsCase);
        assertThat(server.received()).hasSize(1);
        StubServer.Received sent = server.received().get(0);
        assertThat(sent.method())
                .as("method of " + clientJsCase)
                .isEqualTo(expected.path("method").asText());
        assertThat(sent.target())
                .as("target of " + clientJsCase)
                .isEqualTo(expected.path("target").asText());
        if (expected.path("body").isNull()) {
            assertThat(sent.body()).as("body of " + clientJsCase).isEmpty();
            assertThat(sent.header("Content-Type")).isNull();
        } else {
            assertThat(MemoryWire.parse(sent.body()))
                    .as("body of " + clientJsCase)
                    .isEqualTo(expected.get("body"));
            assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        }
    }

    private static MastraClientException refused(String name, Function<MastraClient, ?> call) {
        return catchThrowableOfType(MastraClientException.class, () -> exchange(name, call));
    }

    @Test
    void listMemoryThreadsReadsMastrasPage() {
        MemoryThreadsPage page = exchange(
                "list-threads-own",
                c -> c.listMemoryThreads(ListMemoryThreadsParams.builder()
                        .resourceId("user_alice")
                        .agentId("weatherAgent")
                        .build()));

        assertThat(page.threads())
                .extracting(MemoryThreadInfo::id)
                .containsExactly(
                        "thread-alice-3", "thread-alice-2", "00000000-0000-4000-8000-000000000001", "thread-alice-1");
        assertThat(page.total()).isEqualTo(4);
        assertThat(page.page()).isZero();
        assertThat(page.perPage()).isEqualTo(100);
        assertThat(page.hasMore()).isFalse();
        MemoryThreadInfo first = page.threads().get(3);
        assertThat(first.resourceId()).isEqualTo("user_alice");
        assertThat(first.title()).isEqualTo("Alice in London");
        assertThat(first.metadata()).containsExactly(Map.entry("topic", "weather"));
        assertThat(first.createdAt()).isEqualTo(DATE);
        assertThat(first.updatedAt()).isEqualTo(DATE);
        assertThat(page.threads().get(0).metadata())
                .as("metadata null reads as empty")
                .isEmpty();
    }

    @Test
    void listMemoryThreadsSendsPagingAndOrderAsClientJs() {
        MemoryThreadsPage page = exchange(
                "list-threads-page",
                c -> c.listMemoryThreads(ListMemoryThreadsParams.builder()
                        .resourceId("user_alice")
                        .page(1)
                        .perPage(2)
                        .build()));
        assertThat(page.page()).isEqualTo(1);
        assertThat(page.perPage()).isEqualTo(2);
        assertThat(page.hasMore()).isFalse();

        MemoryThreadsPage ordered = exchange(
                "list-threads-orderby-brackets",
                c -> c.listMemoryThreads(ListMemoryThreadsParams.builder()
                        .resourceId("user_alice")
                        .orderBy("updatedAt", "DESC")
                        .build()));
        assertThat(ordered.threads()).isNotEmpty();
    }

    @Test
    void createMemoryThreadSendsClientJsBodyAndReadsTheThread() {
        MemoryThreadInfo thread = exchange(
                "create-thread",
                c -> c.createMemoryThread(CreateMemoryThreadParams.builder()
                        .agentId("weatherAgent")
                        .threadId("thread-alice-1")
                        .resourceId("user_alice")
                        .title("Alice in London")
                        .metadata(Map.of("topic", "weather"))
                        .build()));

        assertThat(thread.id()).isEqualTo("thread-alice-1");
        assertThat(thread.resourceId()).isEqualTo("user_alice");
        assertThat(thread.title()).isEqualTo("Alice in London");
        assertThat(thread.metadata()).containsEntry("topic", "weather");
        assertThat(thread.createdAt()).isEqualTo(DATE);
    }

    @Test
    void getReadsTheThreadWithAndWithoutAgent() {
        MemoryThreadInfo own = exchange(
                "get-thread-own", c -> c.getMemoryThread("thread-alice-1").get());
        assertThat(own.id()).isEqualTo("thread-alice-1");
        assertThat(own.metadata()).containsEntry("topic", "weather");

        MemoryThreadInfo withAgent = exchange(
                "get-thread-own-with-agent",
                c -> c.getMemoryThread("thread-alice-1", "weatherAgent").get());
        assertThat(withAgent.id()).isEqualTo("thread-alice-1");
    }

    @Test
    void anotherUsersThreadIs403AndAnUnknownOne404() {
        MastraClientException other = refused(
                "get-thread-other", c -> c.getMemoryThread("thread-bob-1").get());
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.error()).isEqualTo("Access denied: thread belongs to a different resource");

        MastraClientException unknown = refused(
                "get-thread-unknown", c -> c.getMemoryThread("thread-nobody").get());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("Thread not found");
    }

    @Test
    void updateAndDeleteSendClientJsRequests() {
        MemoryThreadInfo updated = exchange(
                "update-thread-own",
                c -> c.getMemoryThread("thread-alice-1", "weatherAgent")
                        .update(UpdateMemoryThreadParams.builder()
                                .title("Alice, renamed")
                                .metadata(Map.of("topic", "rain"))
                                .build()));
        assertThat(updated.title()).isEqualTo("Alice, renamed");
        assertThat(updated.metadata()).containsExactly(Map.entry("topic", "rain"));

        String deleted = exchange(
                "delete-thread-own",
                c -> c.getMemoryThread("thread-alice-1-clone-2", "weatherAgent").delete());
        assertThat(deleted).isEqualTo("Thread deleted");
    }

    @Test
    void listMessagesReadsV2MessagesOldestFirst() {
        MemoryMessagesPage page = exchange(
                "list-messages-own", c -> c.getMemoryThread("thread-alice-1").listMessages());

        assertThat(page.perPage()).isEqualTo(40);
        assertThat(page.page()).isZero();
        assertThat(page.total()).isEqualTo(page.messages().size());
        MemoryMessage first = page.messages().get(0);
        assertThat(first.role()).isEqualTo("user");
        assertThat(first.text()).isEqualTo("What is the weather in London?");
        assertThat(first.threadId()).isEqualTo("thread-alice-1");
        assertThat(first.resourceId()).isEqualTo("user_alice");
        assertThat(first.createdAt()).isEqualTo(DATE);
        assertThat(first.type()).as("v2 messages carry no type").isNull();
        assertThat(first.content().path("format").asInt()).isEqualTo(2);
        assertThat(page.messages().get(1).role()).isEqualTo("assistant");
        assertThat(page.messages().get(1).text()).startsWith("Sunny, 21 C");
        assertThat(page.raw().has("uiMessages")).isTrue();
    }

    @Test
    void listMessagesSendsAgentPagingAndOrderAsClientJs() {
        exchange(
                "list-messages-own-with-agent",
                c -> c.getMemoryThread("thread-alice-1", "weatherAgent").listMessages());

        MemoryMessagesPage page = exchange(
                "list-messages-page",
                c -> c.getMemoryThread("thread-alice-1")
                        .listMessages(ListMemoryThreadMessagesParams.builder()
                                .page(1)
                                .perPage(1)
                                .build()));
        assertThat(page.messages()).hasSize(1);
        assertThat(page.page()).isEqualTo(1);
        assertThat(page.hasMore()).isTrue();

        MemoryMessagesPage newestFirst = exchange(
                "list-messages-desc",
                c -> c.getMemoryThread("thread-alice-1")
                        .listMessages(ListMemoryThreadMessagesParams.builder()
                                .orderBy("DESC")
                                .build()));
        assertThat(newestFirst.messages().get(0).role()).isEqualTo("assistant");
    }

    @Test
    void cloneReadsTheCopyAndItsIdMap() {
        ClonedMemoryThread clone = exchange(
                "clone-thread-own",
                c -> c.getMemoryThread("thread-alice-1", "weatherAgent")
                        .clone(CloneMemoryThreadParams.builder()
                                .newThreadId("thread-alice-1-clone")
                                .title("Clone of Alice 1")
                                .build()));

        assertThat(clone.thread().id()).isEqualTo("thread-alice-1-clone");
        assertThat(clone.thread().metadata()).containsKey("clone");
        assertThat(clone.clonedMessages())
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m.threadId()).isEqualTo("thread-alice-1-clone"));
        assertThat(clone.messageIdMap()).hasSameSizeAs(clone.clonedMessages());
        assertThat(clone.messageIdMap().values())
                .containsExactlyInAnyOrderElementsOf(
                        clone.clonedMessages().stream().map(MemoryMessage::id).toList());

        ClonedMemoryThread limited = exchange(
                "clone-thread-own-options",
                c -> c.getMemoryThread("thread-alice-1", "weatherAgent")
                        .clone(CloneMemoryThreadParams.builder()
                                .newThreadId("thread-alice-1-clone-2")
                                .messageLimit(2)
                                .build()));
        assertThat(limited.clonedMessages()).hasSize(2);
    }

    @Test
    void deleteMessagesSendsTheIds() {
        String answer = exchange(
                "delete-messages-own",
                c -> c.getMemoryThread("thread-alice-2", "weatherAgent").deleteMessages("msg-alice-2"));
        assertThat(answer).isEqualTo("1 message deleted successfully");
    }

    @Test
    void saveMessageToMemorySendsV2MessagesAsClientJs() {
        List<MemoryMessage> saved = exchange(
                "save-messages-own",
                c -> c.saveMessageToMemory(SaveMessageToMemoryParams.builder()
                        .agentId("weatherAgent")
                        .textMessage("msg-alice-1", "thread-alice-2", "user_alice", "user", "Saved by Alice", DATE)
                        .textMessage("msg-alice-2", "thread-alice-2", "user_alice", "assistant", "Saved reply", DATE)
                        .build()));

        assertThat(saved).extracting(MemoryMessage::id).containsExactly("msg-alice-1", "msg-alice-2");
        assertThat(saved).extracting(MemoryMessage::text).containsExactly("Saved by Alice", "Saved reply");
        assertThat(saved.get(0).createdAt()).isEqualTo(DATE);
        assertThat(saved.get(0).type()).isEqualTo("text");
    }

    @Test
    void statusAndConfigReadMastrasAnswers() {
        MemoryStatus status = exchange("status", c -> c.getMemoryStatus("weatherAgent"));
        assertThat(status.result()).isTrue();
        assertThat(status.memoryType()).isEqualTo("local");

        MemoryConfig config = exchange("config", c -> c.getMemoryConfig("weatherAgent"));
        assertThat(config.lastMessages()).isEqualTo(10);
        assertThat(config.generateTitle()).isFalse();
        assertThat(config.workingMemoryEnabled()).isTrue();
        assertThat(config.workingMemoryScope()).isEqualTo("resource");
        assertThat(config.workingMemoryTemplate()).isEqualTo("# User\n- Name:\n- Location:\n");
        assertThat(config.raw().path("observationalMemory").path("enabled").asBoolean(true))
                .isFalse();
    }

    @Test
    void workingMemoryIsReadAndReplaced() {
        WorkingMemoryInfo memory = exchange(
                "working-memory-get-own", c -> c.getWorkingMemory("weatherAgent", "thread-alice-1", "user_alice"));
        assertThat(memory.workingMemory()).isEqualTo("# User\n- Name: Alice\n- Location: London\n");
        assertThat(memory.source()).isEqualTo("resource");
        assertThat(memory.templateFormat()).isEqualTo("markdown");
        assertThat(memory.template()).isEqualTo("# User\n- Name:\n- Location:");
        assertThat(memory.threadExists()).isTrue();

        exchange("working-memory-update-own", c -> {
            c.updateWorkingMemory(
                    "weatherAgent", "thread-alice-1", "# User\n- Name: Alice\n- Location: London\n", "user_alice");
            return null;
        });
    }

    @Test
    void workingMemoryWithoutResourceSendsNoResourceIdWhereClientJsSendsUndefined() {
        assertThat(MemoryWire.clientJs("working-memory-get-no-resource")
                        .path("target")
                        .asText())
                .endsWith("&resourceId=undefined");
        try (StubServer server = StubServer.start().then(MemoryWire.reply("working-memory-get-own"));
                MastraClient client = server.client().build()) {
            client.getWorkingMemory("weatherAgent", "thread-alice-1");

            assertThat(server.received().get(0).target())
                    .isEqualTo("/api/memory/threads/thread-alice-1/working-memory?agentId=weatherAgent");
        }
    }

    @Test
    void generateAndStreamSendMemoryAsClientJs() {
        GenerateOptions memory =
                GenerateOptions.builder().memory("thread-alice-1", "user_alice").build();
        GenerateResponse generated = exchange(
                "generate-memory-thread-resource",
                c -> c.getAgent("weatherAgent").generate("What is the weather in London?", memory));
        assertThat(generated.text()).startsWith("Sunny, 21 C");

        GenerateOptions streamMemory = GenerateOptions.builder()
                .memory(new MemoryOptions("thread-alice-stream", "user_alice"))
                .build();
        String streamed = exchange("stream-memory-thread-resource", c -> {
            try (StreamResponse stream =
                    c.getAgent("weatherAgent").stream("Stream: weather in London?", streamMemory)) {
                return stream.text();
            }
        });
        assertThat(streamed).isNotEmpty();
    }

    @Test
    void writesWithoutAnAgentIdSendNothing() {
        try (StubServer server = StubServer.start();
                MastraClient client = server.client().build()) {
            MemoryThreadClient thread = client.getMemoryThread("thread-alice-1");

            assertThatThrownBy(() -> thread.update(
                            UpdateMemoryThreadParams.builder().title("x").build()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("requires an agentId");
            assertThatThrownBy(thread::delete).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> thread.clone(CloneMemoryThreadParams.none()))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> thread.deleteMessages("m1")).isInstanceOf(IllegalStateException.class);
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void idsArePercentEncodedInPathAndQuery() {
        try (StubServer server = StubServer.start().then(MemoryWire.reply("delete-thread-own"));
                MastraClient client = server.client().build()) {
            client.getMemoryThread("a b/c?d", "agent&x").delete();

            assertThat(server.received().get(0).target())
                    .isEqualTo("/api/memory/threads/a%20b%2Fc%3Fd?agentId=agent%26x");
        }
    }

    @Test
    void badParametersFailBeforeAnyRequest() {
        assertThatThrownBy(() -> ListMemoryThreadsParams.builder().page(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ListMemoryThreadsParams.builder()
                        .orderBy("title", "ASC")
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        ListMemoryThreadMessagesParams.builder().orderBy("down").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CreateMemoryThreadParams.builder().agentId("a").build())
                .hasMessageContaining("resourceId");
        assertThatThrownBy(
                        () -> SaveMessageToMemoryParams.builder().agentId("a").build())
                .hasMessageContaining("messages");
    }
}
