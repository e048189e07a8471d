package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of {@link MemoryThreadClient#listMessages}: Mastra's {@code {messages, total, page, perPage, hasMore,
 * uiMessages}}, oldest first unless another order was asked for. {@code perPage} is null when the server answered
 * {@code false}; {@code raw} keeps {@code uiMessages} and any other field.
 */
public record MemoryMessagesPage(
        List<MemoryMessage> messages, long total, long page, Integer perPage, boolean hasMore, JsonNode raw) {

    public MemoryMessagesPage {
        messages = List.copyOf(messages);
    }

    static MemoryMessagesPage fromJson(JsonNode node) {
        return new MemoryMessagesPage(
                JsonFields.list(node.get("messages"), MemoryMessage::fromJson),
                JsonFields.number(node, "total"),
                JsonFields.number(node, "page"),
                node.path("perPage").isNumber() ? node.get("perPage").asInt() : null,
                node.path("hasMore").asBoolean(false),
                node);
    }
}
