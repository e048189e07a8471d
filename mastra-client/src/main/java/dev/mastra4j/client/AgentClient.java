package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/** One agent on the server, as {@code client.getAgent(id)} in {@code @mastra/client-js}. Cheap; makes no call until used. */
public final class AgentClient {

    private final HttpTransport transport;
    private final String id;
    private final String path;

    AgentClient(HttpTransport transport, String id) {
        this.transport = transport;
        this.path = "/api/agents/" + HttpTransport.segment(id);
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** {@code GET /api/agents/{id}}; an unknown id raises {@link MastraClientException} with status 404. */
    public AgentInfo details() {
        return AgentInfo.fromJson(id, transport.json("GET", path, null));
    }

    /** Runs the agent on one user message and waits for the result. */
    public GenerateResponse generate(String message) {
        return generate(message, GenerateOptions.none());
    }

    public GenerateResponse generate(String message, GenerateOptions options) {
        Objects.requireNonNull(message, "message");
        return GenerateResponse.fromJson(transport.json(
                "POST",
                path + "/generate",
                body(JsonFields.MAPPER.getNodeFactory().textNode(message), options)));
    }

    /** Runs the agent on a conversation and waits for the result. */
    public GenerateResponse generate(List<ClientMessage> messages, GenerateOptions options) {
        return GenerateResponse.fromJson(transport.json("POST", path + "/generate", body(messages(messages), options)));
    }

    /**
     * Runs the agent on one user message, streamed. Returns once the stream's first byte has arrived; close the
     * result to cancel the run.
     */
    public StreamResponse stream(String message) {
        return stream(message, GenerateOptions.none());
    }

    public StreamResponse stream(String message, GenerateOptions options) {
        Objects.requireNonNull(message, "message");
        return transport.stream(
                path + "/stream", body(JsonFields.MAPPER.getNodeFactory().textNode(message), options));
    }

    public StreamResponse stream(List<ClientMessage> messages, GenerateOptions options) {
        return transport.stream(path + "/stream", body(messages(messages), options));
    }

    /**
     * Approves the tool call a suspended run waits for ({@code POST /api/agents/{id}/approve-tool-call}, client-js
     * {@code approveToolCall}): the rest of the run, streamed, starting at the tool's result. Refusals raise
     * {@link MastraClientException}: 404 unknown run, 403 another user's, 409 already decided, 410 expired.
     */
    public StreamResponse approveToolCall(String runId, String toolCallId) {
        return transport.stream(path + "/approve-tool-call", decision(runId, toolCallId));
    }

    /** Declines the tool call a suspended run waits for, streamed (client-js {@code declineToolCall}). */
    public StreamResponse declineToolCall(String runId, String toolCallId) {
        return transport.stream(path + "/decline-tool-call", decision(runId, toolCallId));
    }

    /** As {@link #approveToolCall}, waiting for the generate-shaped result (client-js {@code approveToolCallGenerate}). */
    public GenerateResponse approveToolCallGenerate(String runId, String toolCallId) {
        return GenerateResponse.fromJson(
                transport.json("POST", path + "/approve-tool-call-generate", decision(runId, toolCallId)));
    }

    /** As {@link #declineToolCall}, waiting for the generate-shaped result (client-js {@code declineToolCallGenerate}). */
    public GenerateResponse declineToolCallGenerate(String runId, String toolCallId) {
        return GenerateResponse.fromJson(
                transport.json("POST", path + "/decline-tool-call-generate", decision(runId, toolCallId)));
    }

    private static ObjectNode decision(String runId, String toolCallId) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(toolCallId, "toolCallId");
        return JsonFields.MAPPER.createObjectNode().put("runId", runId).put("toolCallId", toolCallId);
    }

    private static JsonNode messages(List<ClientMessage> messages) {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty");
        }
        ArrayNode array = JsonFields.MAPPER.createArrayNode();
        for (ClientMessage message : messages) {
            array.addObject().put("role", message.role()).put("content", message.content());
        }
        return array;
    }

    private static ObjectNode body(JsonNode messages, GenerateOptions options) {
        ObjectNode body = JsonFields.MAPPER.createObjectNode();
        body.set("messages", messages);
        (options == null ? GenerateOptions.none() : options).writeTo(body);
        return body;
    }
}
