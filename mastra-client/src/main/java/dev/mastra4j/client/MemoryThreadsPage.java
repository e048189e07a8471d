package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of {@link MastraClient#listMemoryThreads}: Mastra's {@code {threads, total, page, perPage, hasMore}}.
 * {@code perPage} is null when the server answered {@code false} (everything on one page).
 */
public record MemoryThreadsPage(
        List<MemoryThreadInfo> threads, long total, long page, Integer perPage, boolean hasMore, JsonNode raw) {

    public MemoryThreadsPage {
        threads = List.copyOf(threads);
    }

    static MemoryThreadsPage fromJson(JsonNode node) {
        return new MemoryThreadsPage(
                JsonFields.list(node.get("threads"), MemoryThreadInfo::fromJson),
                JsonFields.number(node, "total"),
                JsonFields.number(node, "page"),
                node.path("perPage").isNumber() ? node.get("perPage").asInt() : null,
                node.path("hasMore").asBoolean(false),
                node);
    }
}
