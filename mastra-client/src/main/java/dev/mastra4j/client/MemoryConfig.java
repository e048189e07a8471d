package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An agent's memory settings, from {@link MastraClient#getMemoryConfig}. {@code lastMessages} is null when the
 * server sent {@code false} or nothing; {@code workingMemoryScope} is {@code resource} or {@code thread}. {@code raw}
 * is the whole {@code config} object (semantic recall, observational memory and the rest).
 */
public record MemoryConfig(
        Integer lastMessages,
        boolean generateTitle,
        boolean workingMemoryEnabled,
        String workingMemoryScope,
        String workingMemoryTemplate,
        JsonNode raw) {

    static MemoryConfig fromJson(JsonNode body) {
        JsonNode config = body.path("config");
        JsonNode working = config.path("workingMemory");
        return new MemoryConfig(
                config.path("lastMessages").isNumber()
                        ? config.get("lastMessages").asInt()
                        : null,
                config.path("generateTitle").asBoolean(false),
                working.path("enabled").asBoolean(false),
                JsonFields.text(working, "scope"),
                JsonFields.text(working, "template"),
                config);
    }
}
