package dev.mastra4j.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.agent.Memory;
import dev.mastra4j.core.error.StorageUnavailableException;
import dev.mastra4j.core.storage.InMemoryStore;
import dev.mastra4j.core.storage.MemoryStorage;
import dev.mastra4j.core.storage.OrderBy;
import dev.mastra4j.core.storage.Page;
import dev.mastra4j.core.storage.StorageMessage;
import dev.mastra4j.core.storage.StorageResource;
import dev.mastra4j.core.storage.StorageThread;
import dev.mastra4j.server.testing.ServerHarness;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The memory routes' edges that the capture does not cover: store down, agents without memory, limits, OpenAPI. */
class MemoryRoutesTest {

    private static final String AGENT = "agentId=weatherAgent";

    @Test
    void aStoreThatIsDownAnswers503WithAPlainMessageAndAgentsWithoutMemoryStillWork() {
        SwitchableStore store = new SwitchableStore();
        try (ServerHarness server = ServerHarness.start(mastra(store, store))) {
            assertThat(server.post("/api/memory/threads?" + AGENT, "{\"threadId\":\"t1\",\"resourceId\":\"r1\"}")
                            .statusCode())
                    .isEqualTo(200);
            store.down = true;
            for (HttpResponse<String> r : List.of(
                    server.get("/api/memory/threads?resourceId=r1"),
                    server.get("/api/memory/threads/t1?" + AGENT),
                    server.get("/api/memory/threads/t1/messages"),
                    server.post("/api/memory/threads?" + AGENT, "{\"threadId\":\"t2\",\"resourceId\":\"r1\"}"),
                    server.post(
                            "/api/memory/save-messages?" + AGENT,
                            "{\"messages\":[{\"threadId\":\"t1\",\"resourceId\":\"r1\",\"content\":\"x\"}]}"),
                    server.get("/api/memory/threads/t1/working-memory?" + AGENT))) {
                assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(503);
                assertThat(ServerHarness.json(r).get("error").asText()).isEqualTo(SwitchableStore.DOWN);
            }
            HttpResponse<String> plain = server.post(
                    "/api/agents/plainAgent/generate", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
            store.down = false;
            assertThat(server.get("/api/memory/threads/t1").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void writesNeedAnAgentWithMemoryAndStatusSaysWhetherThereIsStorage() {
        InMemoryStore store = new InMemoryStore();
        try (ServerHarness server = ServerHarness.start(mastra(store, store))) {
            HttpResponse<String> unknown =
                    server.post("/api/memory/threads?agentId=nope", "{\"threadId\":\"t\",\"resourceId\":\"r\"}");
            assertThat(unknown.statusCode()).isEqualTo(404);
            HttpResponse<String> plain =
                    server.post("/api/memory/threads?agentId=plainAgent", "{\"threadId\":\"t\",\"resourceId\":\"r\"}");
            assertThat(plain.statusCode()).isEqualTo(400);
            assertThat(ServerHarness.json(plain).get("error").asText()).isEqualTo("Memory is not initialized");
            assertThat(ServerHarness.json(server.get("/api/memory/status?agentId=plainAgent")))
                    .isEqualTo(ServerHarness.json("{\"result\":true}"));
            assertThat(store.listThreads(null, 0, 10, OrderBy.NEWEST_FIRST).total())
                    .isZero();
        }
    }

    @Test
    void readsWithoutAgentIdUseTheMastraStorageAndFindNothingWithoutOne() {
        InMemoryStore agentStore = new InMemoryStore();
        try (ServerHarness server = ServerHarness.start(mastra(agentStore, null))) {
            assertThat(server.post("/api/memory/threads?" + AGENT, "{\"threadId\":\"t\",\"resourceId\":\"r\"}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(server.get("/api/memory/threads/t?" + AGENT).statusCode())
                    .isEqualTo(200);
            HttpResponse<String> noAgent = server.get("/api/memory/threads/t");
            assertThat(noAgent.statusCode()).isEqualTo(404);
            assertThat(ServerHarness.json(noAgent).get("error").asText()).isEqualTo("Thread not found");
            assertThat(ServerHarness.json(server.get("/api/memory/status?agentId=plainAgent")))
                    .isEqualTo(ServerHarness.json("{\"result\":false}"));
        }
    }

    @Test
    void aBodyOverTheLimitIs413AndNothingIsSaved() {
        InMemoryStore store = new InMemoryStore();
        try (ServerHarness server = ServerHarness.start(mastra(store, store), s -> s.maxBodyBytes(2048))) {
            String big = "x".repeat(4096);
            HttpResponse<String> r = server.post(
                    "/api/memory/save-messages?" + AGENT,
                    "{\"messages\":[{\"threadId\":\"t\",\"resourceId\":\"r\",\"content\":\"" + big + "\"}]}");
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(store.listMessages("t", 0, 10, OrderBy.OLDEST_FIRST).total())
                    .isZero();
        }
    }

    @Test
    void developmentModeTrustsTheClientsResourceAsMastraDoesWithoutAMapping() {
        InMemoryStore store = new InMemoryStore();
        try (ServerHarness server = ServerHarness.start(mastra(store, store))) {
            server.post("/api/memory/threads?" + AGENT, "{\"threadId\":\"a1\",\"resourceId\":\"user_alice\"}");
            server.post("/api/memory/threads?" + AGENT, "{\"threadId\":\"b1\",\"resourceId\":\"user_bob\"}");
            assertThat(ServerHarness.json(server.get("/api/memory/threads"))
                            .get("total")
                            .asInt())
                    .isEqualTo(2);
            assertThat(ServerHarness.json(server.get("/api/memory/threads?resourceId=user_bob"))
                            .get("total")
                            .asInt())
                    .isEqualTo(1);
            assertThat(server.get("/api/memory/threads/a1?resourceId=user_bob").statusCode())
                    .isEqualTo(403);
            assertThat(server.get("/api/memory/threads/a1").statusCode()).isEqualTo(200);
            // client-js's getWorkingMemory sends the literal "undefined" when no resource was given: none.
            assertThat(server.get("/api/memory/threads/a1/working-memory?" + AGENT + "&resourceId=undefined")
                            .statusCode())
                    .isEqualTo(200);
            HttpResponse<String> taken = server.post(
                    "/api/memory/threads?" + AGENT,
                    "{\"threadId\":\"a1\",\"resourceId\":\"user_bob\",\"title\":\"t\"}");
            assertThat(taken.statusCode()).isEqualTo(403);
            assertThat(store.getThreadById("a1").orElseThrow().resourceId()).isEqualTo("user_alice");
        }
    }

    @Test
    void theOpenApiDocumentListsEveryMemoryRoute() {
        InMemoryStore store = new InMemoryStore();
        try (ServerHarness server = ServerHarness.start(mastra(store, store))) {
            JsonNode paths = ServerHarness.json(server.get("/api/openapi.json")).get("paths");
            assertThat(paths.get("/api/memory/threads/{threadId}").fieldNames())
                    .toIterable()
                    .containsExactlyInAnyOrder("get", "patch", "delete");
            for (String path : List.of(
                    "/api/memory/status",
                    "/api/memory/config",
                    "/api/memory/threads",
                    "/api/memory/threads/{threadId}/messages",
                    "/api/memory/threads/{threadId}/working-memory",
                    "/api/memory/threads/{threadId}/clone",
                    "/api/memory/save-messages",
                    "/api/memory/messages/delete")) {
                assertThat(paths.has(path)).as(path).isTrue();
            }
            assertThat(server.send(server.request("/api/memory/threads/x")
                                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                                    .header("Content-Type", "application/json")
                                    .build())
                            .statusCode())
                    .isEqualTo(405);
        }
    }

    private static Mastra.Builder mastra(MemoryStorage agentStore, MemoryStorage mastraStore) {
        Mastra.Builder b = Mastra.builder()
                .agent(Agent.builder()
                        .id("weatherAgent")
                        .name("Weather")
                        .instructions("Weather.")
                        .env(Map.of())
                        .model("offline/weather")
                        .memory(Memory.builder().storage(agentStore).build())
                        .build())
                .agent(Agent.builder()
                        .id("plainAgent")
                        .name("Plain")
                        .instructions("None.")
                        .env(Map.of())
                        .model("offline/weather")
                        .build());
        return mastraStore == null ? b : b.storage(mastraStore);
    }

    /**
     * A real in-memory store behind a switch: while {@link #down}, every call fails as a store that cannot be reached
     * fails ({@link StorageUnavailableException}).
     */
    static final class SwitchableStore implements MemoryStorage {
        static final String DOWN = "Memory storage is unavailable";
        private final InMemoryStore store = new InMemoryStore();
        volatile boolean down;

        private InMemoryStore store() {
            if (down) {
                throw new StorageUnavailableException(DOWN, null);
            }
            return store;
        }

        @Override
        public Optional<StorageThread> getThreadById(String threadId) {
            return store().getThreadById(threadId);
        }

        @Override
        public Page<StorageThread> listThreads(String resourceId, int page, int perPage, OrderBy orderBy) {
            return store().listThreads(resourceId, page, perPage, orderBy);
        }

        @Override
        public boolean createThread(StorageThread thread) {
            return store().createThread(thread);
        }

        @Override
        public boolean updateThread(StorageThread thread) {
            return store().updateThread(thread);
        }

        @Override
        public boolean deleteThread(String threadId) {
            return store().deleteThread(threadId);
        }

        @Override
        public Page<StorageMessage> listMessages(String threadId, int page, int perPage, OrderBy orderBy) {
            return store().listMessages(threadId, page, perPage, orderBy);
        }

        @Override
        public List<StorageMessage> lastMessages(String threadId, int limit) {
            return store().lastMessages(threadId, limit);
        }

        @Override
        public List<StorageMessage> getMessagesById(Collection<String> messageIds) {
            return store().getMessagesById(messageIds);
        }

        @Override
        public void saveMessages(List<StorageMessage> messages) {
            store().saveMessages(messages);
        }

        @Override
        public boolean appendMessages(String threadId, String resourceId, List<StorageMessage> messages) {
            return store().appendMessages(threadId, resourceId, messages);
        }

        @Override
        public int deleteMessages(Collection<String> messageIds) {
            return store().deleteMessages(messageIds);
        }

        @Override
        public boolean cloneThread(StorageThread thread, List<StorageMessage> messages) {
            return store().cloneThread(thread, messages);
        }

        @Override
        public Optional<StorageResource> getResourceById(String resourceId) {
            return store().getResourceById(resourceId);
        }

        @Override
        public void saveResource(StorageResource resource) {
            store().saveResource(resource);
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
