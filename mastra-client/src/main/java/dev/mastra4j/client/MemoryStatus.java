package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer of {@link MastraClient#getMemoryStatus}: {@code result} is true when the server has storage for the
 * agent's memory; {@code memoryType} is {@code local} or {@code gateway}, or null when the server did not say.
 */
public record MemoryStatus(boolean result, String memoryType, JsonNode raw) {

    static MemoryStatus fromJson(JsonNode node) {
        return new MemoryStatus(node.path("result").asBoolean(false), JsonFields.text(node, "memoryType"), node);
    }
}
