package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * One memory thread, as {@code client.getMemoryThread({threadId, agentId})} in {@code @mastra/client-js}. Cheap;
 * makes no call until used.
 *
 * <p>Reads ({@link #get()}, {@link #listMessages}) work without an agent id. Writes ({@link #update},
 * {@link #delete()}, {@link #clone}, {@link #deleteMessages}) need one, from {@link MastraClient#getMemoryThread(String,
 * String)} or from the call's parameters; without it they throw {@link IllegalStateException} and send nothing.
 *
 * <p>Another user's thread raises {@link MastraClientException} with status 403 ({@code Access denied: thread belongs
 * to a different resource}); an unknown thread, 404 ({@code Thread not found}).
 */
public final class MemoryThreadClient {

    private final HttpTransport transport;
    private final String threadId;
    private final String agentId;
    private final String path;

    MemoryThreadClient(HttpTransport transport, String threadId, String agentId) {
        this.transport = transport;
        this.path = "/api/memory/threads/" + HttpTransport.segment(threadId);
        this.threadId = threadId;
        this.agentId = agentId == null || agentId.isEmpty() ? null : agentId;
    }

    public String threadId() {
        return threadId;
    }

    /** The agent whose memory this handle uses, or null (reads then use the server's storage). */
    public String agentId() {
        return agentId;
    }

    /** {@code GET /api/memory/threads/:threadId}. */
    public MemoryThreadInfo get() {
        return MemoryThreadInfo.fromJson(transport.json("GET", path + new Query().add("agentId", agentId), null));
    }

    /** {@code PATCH /api/memory/threads/:threadId}: the new title and metadata; returns the updated thread. */
    public MemoryThreadInfo update(UpdateMemoryThreadParams params) {
        Objects.requireNonNull(params, "params");
        String agent = requireAgentId(params.agentId(), "update");
        return MemoryThreadInfo.fromJson(
                transport.json("PATCH", path + new Query().add("agentId", agent), params.body()));
    }

    /** {@code DELETE /api/memory/threads/:threadId}, with its messages; returns the server's text. */
    public String delete() {
        String agent = requireAgentId(null, "delete");
        return JsonFields.text(transport.json("DELETE", path + new Query().add("agentId", agent), null), "result");
    }

    /** {@code GET /api/memory/threads/:threadId/messages}: the first page, oldest first. */
    public MemoryMessagesPage listMessages() {
        return listMessages(ListMemoryThreadMessagesParams.none());
    }

    public MemoryMessagesPage listMessages(ListMemoryThreadMessagesParams params) {
        Objects.requireNonNull(params, "params");
        return MemoryMessagesPage.fromJson(transport.json("GET", path + "/messages" + params.query(agentId), null));
    }

    /** {@code POST /api/memory/threads/:threadId/clone}: a copy of the thread and its messages. */
    public ClonedMemoryThread clone(CloneMemoryThreadParams params) {
        Objects.requireNonNull(params, "params");
        String agent = requireAgentId(params.agentId(), "clone");
        return ClonedMemoryThread.fromJson(
                transport.json("POST", path + "/clone" + new Query().add("agentId", agent), params.body()));
    }

    /**
     * {@code POST /api/memory/messages/delete}: deletes messages by id; returns the server's text, e.g. {@code 1
     * message deleted successfully}. Any id in another user's thread refuses the whole call (403).
     */
    public String deleteMessages(List<String> messageIds) {
        if (messageIds == null || messageIds.isEmpty()) {
            throw new IllegalArgumentException("messageIds must not be empty");
        }
        String agent = requireAgentId(null, "deleteMessages");
        ObjectNode body = JsonFields.MAPPER.createObjectNode();
        ArrayNode ids = body.putArray("messageIds");
        messageIds.forEach(id -> ids.add(Objects.requireNonNull(id, "messageId")));
        JsonNode answer =
                transport.json("POST", "/api/memory/messages/delete" + new Query().add("agentId", agent), body);
        return JsonFields.text(answer, "message");
    }

    public String deleteMessages(String... messageIds) {
        return deleteMessages(List.of(messageIds));
    }

    private String requireAgentId(String perCall, String method) {
        String agent = perCall != null && !perCall.isEmpty() ? perCall : agentId;
        if (agent == null) {
            throw new IllegalStateException("MemoryThreadClient." + method + "() requires an agentId. Pass it via "
                    + "getMemoryThread(threadId, agentId) or in the call's parameters.");
        }
        return agent;
    }
}
