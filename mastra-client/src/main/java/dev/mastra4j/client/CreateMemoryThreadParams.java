package dev.mastra4j.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A new thread for {@link MastraClient#createMemoryThread}, as client-js's {@code CreateMemoryThreadParams}.
 * {@code agentId} and {@code resourceId} are required (Mastra's schema asks for both, even where the server replaces
 * the resource with the caller's own); without {@code threadId} the server picks a UUID.
 */
public record CreateMemoryThreadParams(
        String agentId, String resourceId, String threadId, String title, Map<String, Object> metadata) {

    public CreateMemoryThreadParams {
        MemoryParams.required(agentId, "agentId");
        MemoryParams.required(resourceId, "resourceId");
        metadata = JsonFields.map(metadata);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The body client-js sends: its params as given, {@code agentId} included. */
    ObjectNode body() {
        ObjectNode body = JsonFields.MAPPER.createObjectNode();
        body.put("agentId", agentId);
        MemoryParams.put(body, "threadId", threadId);
        body.put("resourceId", resourceId);
        MemoryParams.put(body, "title", title);
        MemoryParams.put(body, "metadata", metadata);
        return body;
    }

    public static final class Builder {
        private String agentId;
        private String resourceId;
        private String threadId;
        private String title;
        private Map<String, Object> metadata;

        private Builder() {}

        public Builder agentId(String agentId) {
            this.agentId = agentId;
            return this;
        }

        public Builder resourceId(String resourceId) {
            this.resourceId = resourceId;
            return this;
        }

        public Builder threadId(String threadId) {
            this.threadId = threadId;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder metadata(Map<String, ?> metadata) {
            this.metadata = JsonFields.map(metadata);
            return this;
        }

        public CreateMemoryThreadParams build() {
            return new CreateMemoryThreadParams(agentId, resourceId, threadId, title, metadata);
        }
    }
}
