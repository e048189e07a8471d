package dev.mastra4j.client;

/**
 * Paging for {@link MemoryThreadClient#listMessages}, as client-js's {@code ListMemoryThreadMessagesParams}. Every
 * field is optional; {@code agentId} overrides the handle's. The server's default is page 0, 40 per page, oldest first.
 *
 * @param orderByDirection {@code ASC} or {@code DESC} (by {@code createdAt})
 */
public record ListMemoryThreadMessagesParams(
        String agentId, String resourceId, Integer page, Integer perPage, String orderByDirection) {

    public ListMemoryThreadMessagesParams {
        MemoryParams.paging(page, perPage);
        MemoryParams.direction(orderByDirection);
    }

    public static ListMemoryThreadMessagesParams none() {
        return new ListMemoryThreadMessagesParams(null, null, null, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The query string, in client-js's order ({@code orderBy} as JSON, as client-js sends it). */
    String query(String handleAgentId) {
        String agent = agentId != null ? agentId : handleAgentId;
        record OrderBy(String field, String direction) {}
        return new Query()
                .add("agentId", agent == null || agent.isEmpty() ? null : agent)
                .add("resourceId", resourceId == null || resourceId.isEmpty() ? null : resourceId)
                .add("page", page)
                .add("perPage", perPage)
                .addJson("orderBy", orderByDirection == null ? null : new OrderBy("createdAt", orderByDirection))
                .toString();
    }

    public static final class Builder {
        private String agentId;
        private String resourceId;
        private Integer page;
        private Integer perPage;
        private String orderByDirection;

        private Builder() {}

        public Builder agentId(String agentId) {
            this.agentId = agentId;
            return this;
        }

        public Builder resourceId(String resourceId) {
            this.resourceId = resourceId;
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

        /** Order by {@code createdAt}, {@code ASC} (the default) or {@code DESC}. */
        public Builder orderBy(String direction) {
            this.orderByDirection = direction;
            return this;
        }

        public ListMemoryThreadMessagesParams build() {
            return new ListMemoryThreadMessagesParams(agentId, resourceId, page, perPage, orderByDirection);
        }
    }
}
