package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * One chunk of an agent stream, e.g. {@code start}, {@code text-delta} ({@code payload.text}), {@code tool-call},
 * {@code finish} or {@code error}. {@code payload} is never null; it is a missing node when the chunk had none.
 */
public record StreamEvent(String type, String runId, String from, JsonNode payload) {

    public StreamEvent {
        payload = payload == null || payload.isNull() ? MissingNode.getInstance() : payload;
    }

    public boolean isError() {
        return "error".equals(type);
    }

    /** For an {@code error} chunk, the server's message; accepts {@code {"error":{"message"}}} and plain strings. */
    String errorMessage() {
        JsonNode error = payload.path("error");
        String message = error.isTextual() ? error.asText() : JsonFields.text(error, "message");
        if (message == null) {
            message = JsonFields.text(payload, "message");
        }
        return message == null ? "stream reported an error" : message;
    }

    static StreamEvent fromJson(JsonNode node) {
        return new StreamEvent(
                JsonFields.text(node, "type"),
                JsonFields.text(node, "runId"),
                JsonFields.text(node, "from"),
                node.get("payload"));
    }
}
