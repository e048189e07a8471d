package dev.mastra4j.core.agent;

import dev.mastra4j.core.model.ResolvedModel;
import dev.mastra4j.core.tool.Tool;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an agent is for one request: its instructions, model and tools, with every {@link DynamicArgument} resolved
 * against that request's context ({@link Agent#resolve}). A run uses exactly these: the model may call only the tools
 * here, whatever tool name it asks for.
 *
 * @param instructions the system prompt (blank for none)
 * @param model        the model to call
 * @param tools        the tools this request may see and call, by id, in order
 */
public record AgentConfig(String instructions, ResolvedModel model, Map<String, Tool> tools) {

    public AgentConfig {
        instructions = instructions == null ? "" : instructions;
        Objects.requireNonNull(model, "model");
        tools = Collections.unmodifiableMap(new LinkedHashMap<>(tools));
    }
}
