package dev.mastra4j.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Changes for {@link MemoryThreadClient#update}, as client-js's {@code UpdateMemoryThreadParams}. Unset fields are
 * not sent. {@code agentId} overrides the handle's; one of the two is required. A server that maps users to
 * resources ignores {@code resourceId}.
 */
public record UpdateMemoryThreadParams(String title, Map<String, Object> metadata, String resourceId, String agentId) {

    public UpdateMemoryThreadParams {
        metadata = JsonFields.map(metadata);
    }

    public static Builder builder() {
        return new Builder();
    }

    ObjectNode body() {
        ObjectNode body = JsonFields.MAPPER.createObjectNode();
        MemoryParams.put(body, "title", title);
        MemoryParams.put(body, "metadata", metadata);
        MemoryParams.put(body, "resourceId", resourceId);
        return body;
    }

    public static final class Builder {
        private String title;
        private Map<String, Object> metadata;
        private String resourceId;
        private String agentId;

        private Builder() {}

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder metadata(Map<String, ?> metadata) {
            this.metadata = JsonFields.map(metadata);
            return this;
        }

        public Builder resourceId(String resourceId) {
            this.resourceId = resourceId;
            return this;
        }

        public Builder agentId(String agentId) {
            this.agentId = agentId;
            return this;
        }

        public UpdateMemoryThreadParams build() {
            return new UpdateMemoryThreadParams(title, metadata, resourceId, agentId);
        }
    }
}
