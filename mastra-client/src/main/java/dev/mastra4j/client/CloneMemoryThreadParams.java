package dev.mastra4j.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Options for {@link MemoryThreadClient#clone}, as client-js's {@code CloneMemoryThreadParams}. Every field is
 * optional: without {@code newThreadId} the server picks a UUID. {@code messageLimit} keeps the newest N messages;
 * {@code startDate}, {@code endDate} and {@code messageIds} filter the messages copied. {@code agentId} overrides the
 * handle's; one of the two is required.
 */
public record CloneMemoryThreadParams(
        String newThreadId,
        String resourceId,
        String title,
        Map<String, Object> metadata,
        Integer messageLimit,
        Instant startDate,
        Instant endDate,
        List<String> messageIds,
        String agentId) {

    public CloneMemoryThreadParams {
        metadata = JsonFields.map(metadata);
        messageIds = messageIds == null ? List.of() : List.copyOf(messageIds);
        if (messageLimit != null && messageLimit < 1) {
            throw new IllegalArgumentException("messageLimit must be at least 1, got " + messageLimit);
        }
    }

    /** No options: a copy of every message under a new UUID. */
    public static CloneMemoryThreadParams none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    ObjectNode body() {
        ObjectNode body = JsonFields.MAPPER.createObjectNode();
        MemoryParams.put(body, "newThreadId", newThreadId);
        MemoryParams.put(body, "resourceId", resourceId);
        MemoryParams.put(body, "title", title);
        MemoryParams.put(body, "metadata", metadata);
        ObjectNode options = JsonFields.MAPPER.createObjectNode();
        if (messageLimit != null) {
            options.put("messageLimit", messageLimit);
        }
        ObjectNode filter = JsonFields.MAPPER.createObjectNode();
        MemoryParams.put(filter, "startDate", startDate == null ? null : JsonFields.iso(startDate));
        MemoryParams.put(filter, "endDate", endDate == null ? null : JsonFields.iso(endDate));
        if (!messageIds.isEmpty()) {
            ArrayNode ids = filter.putArray("messageIds");
            messageIds.forEach(ids::add);
        }
        if (!filter.isEmpty()) {
            options.set("messageFilter", filter);
        }
        if (!options.isEmpty()) {
            body.set("options", options);
        }
        return body;
    }

    public static final class Builder {
        private String newThreadId;
        private String resourceId;
        private String title;
        private Map<String, Object> metadata;
        private Integer messageLimit;
        private Instant startDate;
        private Instant endDate;
        private List<String> messageIds;
        private String agentId;

        private Builder() {}

        public Builder newThreadId(String newThreadId) {
            this.newThreadId = newThreadId;
            return this;
        }

        public Builder resourceId(String resourceId) {
            this.resourceId = resourceId;
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

        public Builder messageLimit(int messageLimit) {
            this.messageLimit = messageLimit;
            return this;
        }

        public Builder messageFilter(Instant startDate, Instant endDate, List<String> messageIds) {
            this.startDate = startDate;
            this.endDate = endDate;
            this.messageIds = messageIds;
            return this;
        }

        public Builder agentId(String agentId) {
            this.agentId = agentId;
            return this;
        }

        public CloneMemoryThreadParams build() {
            return new CloneMemoryThreadParams(
                    newThreadId, resourceId, title, metadata, messageLimit, startDate, endDate, messageIds, agentId);
        }
    }
}
