package dev.mastra4j.client;

import java.util.Map;
import java.util.Set;

/**
 * Filters and paging for {@link MastraClient#listMemoryThreads}, as client-js's {@code ListMemoryThreadsParams}. Every
 * field is optional. A server that maps users to resources (mastra4j with Clerk does) lists the caller's own threads
 * whatever {@code resourceId} says.
 *
 * @param orderByField     {@code createdAt} or {@code updatedAt}
 * @param orderByDirection {@code ASC} or {@code DESC}
 */
public record ListMemoryThreadsParams(
        String resourceId,
        Map<String, Object> metadata,
        String agentId,
        Integer page,
        Integer perPage,
        String orderByField,
        String orderByDirection) {

    private static final Set<String> FIELDS = Set.of("createdAt", "updatedAt");

    public ListMemoryThreadsParams {
        metadata = JsonFields.map(metadata);
        MemoryParams.paging(page, perPage);
        if (orderByField != null && !FIELDS.contains(orderByField)) {
            throw new IllegalArgumentException("orderBy field must be createdAt or updatedAt, got: " + orderByField);
        }
        MemoryParams.direction(orderByDirection);
    }

    /** No filter: the server's defaults (page 0, 100 per page, newest first). */
    public static ListMemoryThreadsParams none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The query string, in client-js's order. */
    String query() {
        return new Query()
                .add("resourceId", blankToNull(resourceId))
                .addJson("metadata", metadata.isEmpty() ? null : metadata)
                .add("agentId", blankToNull(agentId))
                .add("page", page)
                .add("perPage", perPage)
                .add("orderBy[field]", orderByField)
                .add("orderBy[direction]", orderByDirection)
                .toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    public static final class Builder {
        private String resourceId;
        private Map<String, Object> metadata;
        private String agentId;
        private Integer page;
        private Integer perPage;
        private String orderByField;
        private String orderByDirection;

        private Builder() {}

        public Builder resourceId(String resourceId) {
            this.resourceId = resourceId;
            return this;
        }

        /** Only threads whose metadata has these entries. */
        public Builder metadata(Map<String, ?> metadata) {
            this.metadata = JsonFields.map(metadata);
            return this;
        }

        public Builder agentId(String agentId) {
            this.agentId = agentId;
            return this;
        }

        /** Zero-based page number. */
        public Builder page(int page) {
            this.page = page;
            return this;
        }

        public Builder perPage(int perPage) {
            this.perPage = perPage;
            return this;
        }

        /** {@code field}: {@code createdAt} or {@code updatedAt}; {@code direction}: {@code ASC} or {@code DESC}. */
        public Builder orderBy(String field, String direction) {
            this.orderByField = field;
            this.orderByDirection = direction;
            return this;
        }

        public ListMemoryThreadsParams build() {
            return new ListMemoryThreadsParams(
                    resourceId, metadata, agentId, page, perPage, orderByField, orderByDirection);
        }
    }
}
