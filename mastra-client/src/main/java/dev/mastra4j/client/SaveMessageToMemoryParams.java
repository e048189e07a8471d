package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Messages for {@link MastraClient#saveMessageToMemory}, as client-js's {@code SaveMessageToMemoryParams}. Each
 * message needs {@code threadId} and {@code resourceId}; {@link Builder#textMessage} writes Mastra's v2 form, and
 * {@link Builder#message(JsonNode)} sends any other shape as given.
 */
public record SaveMessageToMemoryParams(String agentId, List<JsonNode> messages) {

    public SaveMessageToMemoryParams {
        MemoryParams.required(agentId, "agentId");
        messages = messages.stream().<JsonNode>map(JsonNode::deepCopy).toList();
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The body client-js sends: its params as given, {@code agentId} included. */
    ObjectNode body() {
        ObjectNode body = JsonFields.MAPPER.createObjectNode();
        body.put("agentId", agentId);
        messages.forEach(body.putArray("messages")::add);
        return body;
    }

    public static final class Builder {
        private String agentId;
        private final List<JsonNode> messages = new ArrayList<>();

        private Builder() {}

        public Builder agentId(String agentId) {
            this.agentId = agentId;
            return this;
        }

        /**
         * A text message in Mastra's v2 form: {@code {id, threadId, resourceId, role, createdAt?, content: {format: 2,
         * parts: [{type: "text", text}], content: text}}}. {@code createdAt} may be null (the server stamps it).
         */
        public Builder textMessage(
                String id, String threadId, String resourceId, String role, String text, Instant createdAt) {
            Objects.requireNonNull(text, "text");
            ObjectNode message = JsonFields.MAPPER.createObjectNode();
            message.put("id", MemoryParams.required(id, "id"));
            message.put("threadId", MemoryParams.required(threadId, "threadId"));
            message.put("resourceId", MemoryParams.required(resourceId, "resourceId"));
            message.put("role", MemoryParams.required(role, "role"));
            if (createdAt != null) {
                message.put("createdAt", JsonFields.iso(createdAt));
            }
            ObjectNode content = message.putObject("content");
            content.put("format", 2);
            content.putArray("parts").addObject().put("type", "text").put("text", text);
            content.put("content", text);
            messages.add(message);
            return this;
        }

        /** A message in any shape Mastra accepts (v1 with string content, v2 with tool parts, ...), sent as given. */
        public Builder message(JsonNode message) {
            messages.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        public SaveMessageToMemoryParams build() {
            return new SaveMessageToMemoryParams(agentId, messages);
        }
    }
}
