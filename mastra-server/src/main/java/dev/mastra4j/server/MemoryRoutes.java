package dev.mastra4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.agent.Memory;
import dev.mastra4j.core.error.InvalidRequestException;
import dev.mastra4j.core.error.Issue;
import dev.mastra4j.core.error.MastraException;
import dev.mastra4j.core.error.NotFoundException;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.memory.MemoryAccess;
import dev.mastra4j.core.storage.OrderBy;
import dev.mastra4j.core.storage.StorageMessage;
import dev.mastra4j.core.storage.StorageThread;
import dev.mastra4j.server.http.Exchange;
import dev.mastra4j.server.http.Route;
import dev.mastra4j.server.http.Router;
import dev.mastra4j.server.wire.MemoryWire;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Mastra 1.x's {@code /api/memory/*} routes, with its paths, bodies and status codes
 * ({@code docs/MEMORY-OBSERVED.md}).
 *
 * <p>Which store a request uses: with {@code agentId}, that agent's {@link Memory}; reads without one (list threads,
 * get thread, list messages) use the Mastra instance's storage. Who the caller is: {@link MemoryAccess#owner}, the
 * resource {@code mapUserToResourceId} gave the signed-in user, or, only when there is none (auth off), the
 * {@code resourceId} the client sent. Every ownership decision is {@link MemoryAccess}'s; this class only parses,
 * picks the store and writes the answer.
 */
final class MemoryRoutes {

    static final String NOT_INITIALIZED = "Memory is not initialized";

    private static final int THREADS_PER_PAGE = 100;
    private static final int MESSAGES_PER_PAGE = 40;

    private final Mastra mastra;
    private final MemoryAccess mastraStorage;

    private MemoryRoutes(Mastra mastra) {
        this.mastra = mastra;
        this.mastraStorage = mastra.storage().map(MemoryAccess::new).orElse(null);
    }

    /** Adds the memory routes to {@code routes}. */
    static void register(Mastra mastra, Router.Builder routes) {
        MemoryRoutes m = new MemoryRoutes(mastra);
        String thread = "/api/memory/threads/:threadId";
        routes.get("/api/memory/status", "Whether an agent has memory", m::status)
                .get("/api/memory/config", "An agent's memory configuration", m::config)
                .get("/api/memory/threads", "List the caller's threads", m::listThreads)
                .post("/api/memory/threads", "Create a thread", m::createThread)
                .get(thread, "Get a thread", m::getThread)
                .route(new Route("PATCH", thread, "Update a thread's title or metadata", m::updateThread))
                .route(new Route("DELETE", thread, "Delete a thread and its messages", m::deleteThread))
                .get(thread + "/messages", "List a thread's messages", m::listMessages)
                .get(thread + "/working-memory", "Get the working memory", m::getWorkingMemory)
                .post(thread + "/working-memory", "Update the working memory", m::updateWorkingMemory)
                .post(thread + "/clone", "Clone a thread", m::cloneThread)
                .post("/api/memory/save-messages", "Save messages", m::saveMessages)
                .post("/api/memory/messages/delete", "Delete messages", m::deleteMessages);
    }

    private void status(Exchange ex) {
        String agentId = MemoryQuery.requireAgentId(ex.query());
        Optional<Memory> memory = agentMemory(agentId);
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (memory.isPresent()) {
            body.put("result", true).put("memoryType", "local");
        } else {
            body.put("result", mastraStorage != null);
        }
        ex.json(200, body);
    }

    private void config(Exchange ex) {
        ex.json(200, MemoryWire.config(writableMemory(MemoryQuery.requireAgentId(ex.query()))));
    }

    private void listThreads(Exchange ex) {
        MemoryQuery q = MemoryQuery.parse(ex.query(), false, THREADS_PER_PAGE, OrderBy.NEWEST_FIRST);
        MemoryAccess access = readAccess(q.agentId()).orElseThrow(() -> new MastraException(400, NOT_INITIALIZED));
        ex.json(
                200,
                MemoryWire.threadPage(
                        access.listThreads(owner(ex, queryResource(ex)), q.page(), q.perPage(), q.orderBy())));
    }

    private void createThread(Exchange ex) {
        Memory memory = writableMemory(MemoryQuery.requireAgentId(ex.query()));
        JsonNode body = MemoryWire.object(ex.jsonBody());
        List<Issue> issues = new ArrayList<>();
        String resourceId = MemoryWire.optionalString(body, "resourceId", "", issues);
        if (resourceId == null && issues.isEmpty()) {
            issues.add(new Issue("resourceId", MemoryWire.expected("string", body.get("resourceId"))));
        }
        String title = MemoryWire.optionalString(body, "title", "", issues);
        ObjectNode metadata = MemoryWire.optionalRecord(body, "metadata", issues);
        String threadId = MemoryWire.optionalString(body, "threadId", "", issues);
        check(issues);
        StorageThread created = memory.access().createThread(owner(ex, resourceId), threadId, title, metadata);
        ex.json(200, MemoryWire.createdThread(created));
    }

    private void getThread(Exchange ex) {
        MemoryQuery q = MemoryQuery.parse(ex.query(), false, THREADS_PER_PAGE, OrderBy.NEWEST_FIRST);
        MemoryAccess access =
                readAccess(q.agentId()).orElseThrow(() -> new NotFoundException(MemoryAccess.THREAD_NOT_FOUND));
        ex.json(200, MemoryWire.thread(access.getThread(owner(ex, queryResource(ex)), threadId(ex))));
    }

    private void updateThread(Exchange ex) {
        Memory memory = writableMemory(MemoryQuery.requireAgentId(ex.query()));
        JsonNode body = MemoryWire.object(ex.jsonBody());
        List<Issue> issues = new ArrayList<>();
        String title = MemoryWire.optionalString(body, "title", "", issues);
        ObjectNode metadata = MemoryWire.optionalRecord(body, "metadata", issues);
        String resourceId = MemoryWire.optionalString(body, "resourceId", "", issues);
        check(issues);
        String owner = owner(ex, resourceId != null ? resourceId : queryResource(ex));
        ex.json(200, MemoryWire.thread(memory.access().updateThread(owner, threadId(ex), title, metadata)));
    }

    private void deleteThread(Exchange ex) {
        Memory memory = writableMemory(MemoryQuery.requireAgentId(ex.query()));
        memory.access().deleteThread(owner(ex, queryResource(ex)), threadId(ex));
        ex.json(200, Json.MAPPER.createObjectNode().put("result", "Thread deleted"));
    }

    private void listMessages(Exchange ex) {
        MemoryQuery q = MemoryQuery.parse(ex.query(), false, MESSAGES_PER_PAGE, OrderBy.OLDEST_FIRST);
        MemoryAccess access =
                readAccess(q.agentId()).orElseThrow(() -> new NotFoundException(MemoryAccess.THREAD_NOT_FOUND));
        ex.json(
                200,
                MemoryWire.messagePage(access.listMessages(
                        owner(ex, queryResource(ex)), threadId(ex), q.page(), q.perPage(), q.orderBy())));
    }

    private void getWorkingMemory(Exchange ex) {
        Memory memory = writableMemory(MemoryQuery.requireAgentId(ex.query()));
        Memory.WorkingMemoryState state = memory.getWorkingMemory(owner(ex, queryResource(ex)), threadId(ex));
        ex.json(200, MemoryWire.workingMemory(memory, state));
    }

    private void updateWorkingMemory(Exchange ex) {
        Memory memory = writableMemory(MemoryQuery.requireAgentId(ex.query()));
        JsonNode body = MemoryWire.object(ex.jsonBody());
        List<Issue> issues = new ArrayList<>();
        String text = MemoryWire.optionalString(body, "workingMemory", "", issues);
        if (text == null && issues.isEmpty()) {
            issues.add(new Issue("workingMemory", MemoryWire.expected("string", body.get("workingMemory"))));
        }
        String resourceId = MemoryWire.optionalString(body, "resourceId", "", issues);
        check(issues);
        String owner = owner(ex, resourceId != null ? resourceId : queryResource(ex));
        memory.updateWorkingMemory(owner, threadId(ex), text);
        ex.json(200, Json.MAPPER.createObjectNode().put("success", true));
    }

    private void cloneThread(Exchange ex) {
        Memory memory = writableMemory(MemoryQuery.requireAgentId(ex.query()));
        JsonNode body = ex.hasBody() ? MemoryWire.object(ex.jsonBody()) : Json.MAPPER.createObjectNode();
        List<Issue> issues = new ArrayList<>();
        String newThreadId = MemoryWire.optionalString(body, "newThreadId", "", issues);
        String resourceId = MemoryWire.optionalString(body, "resourceId", "", issues);
        String title = MemoryWire.optionalString(body, "title", "", issues);
        ObjectNode metadata = MemoryWire.optionalRecord(body, "metadata", issues);
        Integer messageLimit = null;
        JsonNode limit = body.path("options").path("messageLimit");
        if (!limit.isMissingNode() && !limit.isNull()) {
            if (!limit.canConvertToExactIntegral() || limit.asLong() < 0 || limit.asLong() > Integer.MAX_VALUE) {
                issues.add(new Issue("options.messageLimit", MemoryWire.expected("int", limit)));
            } else {
                messageLimit = limit.asInt();
            }
        }
        check(issues);
        String owner = owner(ex, resourceId != null ? resourceId : queryResource(ex));
        MemoryAccess.CloneResult result =
                memory.access().cloneThread(owner, threadId(ex), newThreadId, title, metadata, messageLimit);
        ex.json(200, MemoryWire.cloneResult(result));
    }

    private void saveMessages(Exchange ex) {
        Memory memory = writableMemory(MemoryQuery.requireAgentId(ex.query()));
        List<StorageMessage> messages =
                MemoryWire.saveMessages(ex.jsonBody(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        List<StorageMessage> saved = memory.access().saveMessages(owner(ex, queryResource(ex)), messages);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("messages", MemoryWire.messages(saved));
        ex.json(200, body);
    }

    private void deleteMessages(Exchange ex) {
        Memory memory = writableMemory(MemoryQuery.requireAgentId(ex.query()));
        List<String> ids = MemoryWire.messageIds(ex.jsonBody());
        int n = memory.access().deleteMessages(owner(ex, queryResource(ex)), ids);
        ObjectNode body = Json.MAPPER.createObjectNode().put("success", true);
        body.put("message", n + (n == 1 ? " message" : " messages") + " deleted successfully");
        ex.json(200, body);
    }

    /** The caller's owner: the mapped resource, or (auth off, or no mapping) what the client named. */
    private static String owner(Exchange ex, String clientResource) {
        return MemoryAccess.owner(ex.resourceId().orElse(null), clientResource);
    }

    /**
     * The query's {@code resourceId}; client-js's {@code getWorkingMemory} sends the literal {@code undefined} when
     * none was given, which counts as none.
     */
    private static String queryResource(Exchange ex) {
        return ex.query()
                .first("resourceId")
                .filter(r -> !r.equals("undefined"))
                .orElse(null);
    }

    private static String threadId(Exchange ex) {
        return ex.pathParam("threadId");
    }

    private static void check(List<Issue> issues) {
        if (!issues.isEmpty()) {
            throw new InvalidRequestException(issues);
        }
    }

    /** The agent's memory, if the agent exists and has memory with a store. */
    private Optional<Memory> agentMemory(String agentId) {
        Agent agent = agentId == null ? null : mastra.getAgents().get(agentId);
        return agent == null ? Optional.empty() : agent.memory().filter(Memory::hasStorage);
    }

    /** The store a read uses: the agent's memory's, else the Mastra instance's (also for an unknown agent). */
    private Optional<MemoryAccess> readAccess(String agentId) {
        Optional<MemoryAccess> agent = agentMemory(agentId).map(Memory::access);
        return agent.isPresent() ? agent : Optional.ofNullable(mastraStorage);
    }

    /** The memory a write uses: an unknown agent is 404, an agent without memory 400 {@value #NOT_INITIALIZED}. */
    private Memory writableMemory(String agentId) {
        Agent agent = mastra.getAgent(agentId);
        return agent.memory().filter(Memory::hasStorage).orElseThrow(() -> new MastraException(400, NOT_INITIALIZED));
    }
}
