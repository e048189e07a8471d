package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Working memory as {@link MastraClient#getWorkingMemory} returns it. {@code workingMemory} is null before anything
 * was stored; {@code source} is {@code "resource"} or {@code "thread"} (where it is kept); the template is the agent's
 * ({@code templateFormat} {@code markdown} or {@code json}); {@code threadExists} is false when the thread is unknown
 * and the resource's working memory was returned anyway, as Mastra does.
 */
public record WorkingMemoryInfo(
        String workingMemory,
        String source,
        String templateFormat,
        String template,
        boolean threadExists,
        JsonNode raw) {

    static WorkingMemoryInfo fromJson(JsonNode node) {
        JsonNode template = node.path("workingMemoryTemplate");
        return new WorkingMemoryInfo(
                JsonFields.text(node, "workingMemory"),
                JsonFields.text(node, "source"),
                JsonFields.text(template, "format"),
                JsonFields.text(template, "content"),
                node.path("threadExists").asBoolean(false),
                node);
    }
}
