package dev.mastra4j.core.agent;

import dev.mastra4j.core.model.ResolvedModel;
import dev.mastra4j.core.tool.Tool;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code GET /api/agents} shows of an agent for one request ({@link Agent#describe}): like {@link AgentConfig},
 * but a part whose {@link DynamicArgument} failed is blank instead of failing the whole listing, as Mastra 1.71 shows
 * it.
 *
 * @param instructions the system prompt (blank for none or when its function failed)
 * @param model        the model, empty when its function failed or returned none
 * @param tools        the tools this request may see, by id, in order (empty when their function failed)
 */
public record AgentDescription(String instructions, Optional<ResolvedModel> model, Map<String, Tool> tools) {

    public AgentDescription {
        instructions = instructions == null ? "" : instructions;
        Objects.requireNonNull(model, "model");
        tools = Collections.unmodifiableMap(new LinkedHashMap<>(tools));
    }
}
