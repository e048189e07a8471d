package dev.mastra4j.core.agent;

import dev.mastra4j.auth.env.EnvLookup;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.model.ModelRouter;
import dev.mastra4j.core.model.ResolvedModel;
import dev.mastra4j.core.tool.Tool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's per-request parts: each of instructions, model and tools is either fixed at build time or a
 * {@link DynamicArgument}, resolved here once per request into an {@link AgentConfig}. Model strings a dynamic model
 * returns are resolved through {@link ModelRouter} once and kept (a provider client is not built per request).
 */
final class DynamicConfig {

    private static final Logger LOG = LoggerFactory.getLogger(DynamicConfig.class);

    /** More distinct model strings than this are resolved each time instead of kept. */
    private static final int MAX_CACHED_MODELS = 32;

    private final String instructions;
    private final DynamicArgument<String> dynamicInstructions;
    private final ResolvedModel model;
    private final DynamicArgument<String> dynamicModel;
    private final Map<String, Tool> tools;
    private final DynamicArgument<? extends List<Tool>> dynamicTools;
    private final EnvLookup env;
    private final Map<String, ResolvedModel> models = new ConcurrentHashMap<>();

    DynamicConfig(
            String instructions,
            DynamicArgument<String> dynamicInstructions,
            ResolvedModel model,
            DynamicArgument<String> dynamicModel,
            Map<String, Tool> tools,
            DynamicArgument<? extends List<Tool>> dynamicTools,
            EnvLookup env) {
        this.instructions = instructions == null ? "" : instructions;
        this.dynamicInstructions = dynamicInstructions;
        this.model = model;
        this.dynamicModel = dynamicModel;
        this.tools = tools;
        this.dynamicTools = dynamicTools;
        this.env = env;
    }

    boolean isDynamic() {
        return dynamicInstructions != null || dynamicModel != null || dynamicTools != null;
    }

    boolean hasDynamicModel() {
        return dynamicModel != null;
    }

    boolean hasDynamicTools() {
        return dynamicTools != null;
    }

    boolean hasDynamicInstructions() {
        return dynamicInstructions != null;
    }

    /** The static parts, or null where a part is dynamic. */
    String staticInstructions() {
        return dynamicInstructions == null ? instructions : "";
    }

    ResolvedModel staticModel() {
        return model;
    }

    Map<String, Tool> staticTools() {
        return tools;
    }

    AgentConfig resolve(String agentId, RequestContext context) {
        return new AgentConfig(instructions(context), model(agentId, context), tools(agentId, context));
    }

    AgentDescription describe(String agentId, RequestContext context) {
        String shownInstructions = orBlank(agentId, "instructions", () -> instructions(context), "");
        ResolvedModel shownModel = orBlank(agentId, "model", () -> model(agentId, context), null);
        Map<String, Tool> shownTools = orBlank(agentId, "tools", () -> tools(agentId, context), Map.of());
        return new AgentDescription(shownInstructions, Optional.ofNullable(shownModel), shownTools);
    }

    private static <T> T orBlank(String agentId, String part, Supplier<T> resolver, T blank) {
        try {
            return resolver.get();
        } catch (RuntimeException e) {
            LOG.warn(
                    "The {} function of agent {} failed ({}); its details show that part blank",
                    part,
                    agentId,
                    e.getClass().getName());
            LOG.debug("The {} function of agent {} failed", part, agentId, e);
            return blank;
        }
    }

    String instructions(RequestContext context) {
        if (dynamicInstructions == null) {
            return instructions;
        }
        String resolved = dynamicInstructions.resolve(context);
        return resolved == null ? "" : resolved;
    }

    ResolvedModel model(String agentId, RequestContext context) {
        if (dynamicModel == null) {
            return model;
        }
        String modelString = dynamicModel.resolve(context);
        if (modelString == null || modelString.isBlank()) {
            throw new IllegalStateException("The model function of agent " + agentId + " returned no model");
        }
        ResolvedModel cached = models.get(modelString);
        if (cached != null) {
            return cached;
        }
        ResolvedModel resolved = ModelRouter.resolve(modelString, env, ModelRouter.DEFAULT_TIMEOUT);
        if (models.size() < MAX_CACHED_MODELS) {
            ResolvedModel raced = models.putIfAbsent(modelString, resolved);
            return raced == null ? resolved : raced;
        }
        return resolved;
    }

    Map<String, Tool> tools(String agentId, RequestContext context) {
        if (dynamicTools == null) {
            return tools;
        }
        List<Tool> list = dynamicTools.resolve(context);
        Map<String, Tool> byId = new LinkedHashMap<>();
        if (list != null) {
            for (Tool tool : list) {
                if (tool == null) {
                    throw new IllegalStateException("The tools function of agent " + agentId + " returned a null tool");
                }
                if (byId.putIfAbsent(tool.id(), tool) != null) {
                    throw new IllegalStateException(
                            "The tools function of agent " + agentId + " returned tool '" + tool.id() + "' twice");
                }
            }
        }
        return byId;
    }
}
