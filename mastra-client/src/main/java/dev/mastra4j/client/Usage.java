package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;

/** Token counts of a run or step. A count the server did not report reads as 0. */
public record Usage(long inputTokens, long outputTokens, long totalTokens) {

    static final Usage NONE = new Usage(0, 0, 0);

    static Usage fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            return NONE;
        }
        return new Usage(
                JsonFields.number(node, "inputTokens"),
                JsonFields.number(node, "outputTokens"),
                JsonFields.number(node, "totalTokens"));
    }
}
