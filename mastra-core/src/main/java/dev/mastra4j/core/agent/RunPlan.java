package dev.mastra4j.core.agent;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.error.InvalidRequestException;
import dev.mastra4j.core.error.Issue;
import dev.mastra4j.core.model.ResolvedModel;
import dev.mastra4j.core.tool.Tool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run will do, settled before anything runs: a call's {@link AgentOptions} resolved against its agent's
 * defaults (instructions, step limit, model settings, request context, time limit) and the tools the model may call.
 *
 * <p>Contract: {@link #of} either returns a complete plan or throws {@link InvalidRequestException} naming each option
 * that does not fit the agent ({@code activeTools[i]}, {@code toolChoice.toolName}); nothing has been sent then.
 *
 * @param agent           the agent that runs
 * @param model           the model for this request (the agent's, or what its model function chose)
 * @param messages        the request's messages (never empty)
 * @param instructions    the system prompt: the call's, else the agent's (blank for none)
 * @param maxSteps        the tool-loop limit: the call's, else the agent's default
 * @param settings        sampling settings for every model call
 * @param requestContext  handed to every tool
 * @param memory          the call's thread and resource, or null
 * @param timeout         the whole run's time limit, or null for none
 * @param tools           the tools the model may call, by id: those the agent allows this request (its tools
 *                        function, if any), after {@code activeTools} and {@code toolChoice}
 * @param toolSpecs       the same tools as LangChain4j specifications
 * @param firstToolChoice what the first model call must do with the tools ({@code REQUIRED}), or null for auto
 * @param streaming       whether to use the model's streaming view when it has one
 * @param structuredOutput the schema of the final answer, or null for text
 * @param requireToolApproval whether every tool call waits for approval (else only tools with {@code requireApproval})
 */
record RunPlan(
        Agent agent,
        ResolvedModel model,
        List<Message> messages,
        String instructions,
        int maxSteps,
        ModelSettings settings,
        RequestContext requestContext,
        AgentMemoryOption memory,
        Duration timeout,
        Map<String, Tool> tools,
        List<ToolSpecification> toolSpecs,
        dev.langchain4j.model.chat.request.ToolChoice firstToolChoice,
        boolean streaming,
        StructuredOutput structuredOutput,
        boolean requireToolApproval) {

    /** Resolves {@code options} (null = defaults) against {@code agent}; see the class comment for the contract. */
    static RunPlan of(Agent agent, List<Message> messages, AgentOptions options, boolean streaming) {
        return of(agent, messages, options, streaming, List.of());
    }

    /**
     * As {@link #of(Agent, List, AgentOptions, boolean)}, with {@code memoryTools} (the working-memory tool) offered
     * besides the agent's own: not subject to {@code activeTools}, but removed by {@code toolChoice: "none"}.
     */
    static RunPlan of(
            Agent agent, List<Message> messages, AgentOptions options, boolean streaming, List<Tool> memoryTools) {
        if (messages == null || messages.isEmpty()) {
            throw InvalidRequestException.of("messages", "At least one message is required");
        }
        AgentOptions o = options == null ? AgentOptions.DEFAULTS : options;
        RequestContext context = o.requestContext() == null ? new RequestContext() : o.requestContext();
        // Once per run: the agent's per-request functions see this request's context (and its user).
        AgentConfig config = agent.resolve(context);
        Map<String, Tool> tools = new LinkedHashMap<>();
        List<Issue> issues = new ArrayList<>();
        if (o.activeTools() == null) {
            tools.putAll(config.tools());
        } else {
            for (int i = 0; i < o.activeTools().size(); i++) {
                String id = o.activeTools().get(i);
                Tool tool = config.tools().get(id);
                if (tool == null) {
                    issues.add(
                            new Issue("activeTools[" + i + "]", "Agent " + agent.id() + " has no tool '" + id + "'"));
                } else {
                    tools.put(id, tool);
                }
            }
        }
        for (Tool tool : memoryTools) {
            tools.putIfAbsent(tool.id(), tool);
        }
        ToolChoice choice = o.toolChoice() == null ? ToolChoice.AUTO : o.toolChoice();
        dev.langchain4j.model.chat.request.ToolChoice lcChoice = null;
        switch (choice) {
            case ToolChoice.None none -> tools.clear();
            case ToolChoice.Required required -> lcChoice = dev.langchain4j.model.chat.request.ToolChoice.REQUIRED;
            case ToolChoice.Specific specific -> {
                Tool tool = tools.get(specific.toolName());
                if (tool == null) {
                    issues.add(new Issue(
                            "toolChoice.toolName",
                            "Agent " + agent.id() + " has no active tool '" + specific.toolName() + "'"));
                }
                tools.clear();
                if (tool != null) {
                    tools.put(tool.id(), tool);
                }
                lcChoice = dev.langchain4j.model.chat.request.ToolChoice.REQUIRED;
            }
            case ToolChoice.Auto auto -> {}
        }
        if (!issues.isEmpty()) {
            throw new InvalidRequestException(issues);
        }
        String instructions = o.instructions() != null ? o.instructions() : config.instructions();
        if (o.structuredOutput() != null && !ObjectOutput.isNative(config.model())) {
            // Mastra's fallback for models without a JSON-schema response format: the schema in the system prompt.
            String instruction = ObjectOutput.instruction(o.structuredOutput());
            instructions = instructions.isBlank() ? instruction : instructions + "\n\n" + instruction;
        }
        return new RunPlan(
                agent,
                config.model(),
                List.copyOf(messages),
                instructions,
                o.maxSteps() == null ? agent.defaultMaxSteps() : o.maxSteps(),
                o.modelSettings() == null ? ModelSettings.DEFAULTS : o.modelSettings(),
                context,
                o.memory(),
                o.timeout(),
                Map.copyOf(tools),
                tools.values().stream().map(ToolSpecs::of).toList(),
                tools.isEmpty() ? null : lcChoice,
                streaming,
                o.structuredOutput(),
                Boolean.TRUE.equals(o.requireToolApproval()));
    }

    /**
     * The plan of a run resumed after a tool approval: the agent's tools for this request's {@code context} (so a
     * per-request tools function decides again), narrowed to those the suspended run could call; the instructions are
     * already in the saved conversation.
     */
    static RunPlan resumed(
            Agent agent, SuspendedState state, RequestContext context, boolean streaming, List<Tool> memoryTools) {
        RequestContext ctx = context == null ? new RequestContext() : context;
        AgentConfig config = agent.resolve(ctx);
        Map<String, Tool> available = new LinkedHashMap<>(config.tools());
        for (Tool tool : memoryTools) {
            available.putIfAbsent(tool.id(), tool);
        }
        Map<String, Tool> tools = new LinkedHashMap<>();
        for (String id : state.tools()) {
            Tool tool = available.get(id);
            if (tool != null) {
                tools.put(id, tool);
            }
        }
        return new RunPlan(
                agent,
                config.model(),
                state.messages(),
                "",
                state.maxSteps(),
                state.settings() == null ? ModelSettings.DEFAULTS : state.settings(),
                ctx,
                state.memory(),
                state.timeoutMillis() == null ? null : Duration.ofMillis(state.timeoutMillis()),
                Map.copyOf(tools),
                tools.values().stream().map(ToolSpecs::of).toList(),
                null,
                streaming,
                null,
                state.requireToolApproval());
    }

    /** Whether a call of {@code toolName} waits for a person's approval in this run. */
    boolean needsApproval(String toolName) {
        Tool tool = tools.get(toolName);
        return tool != null && (requireToolApproval || tool.requireApproval());
    }

    /** The model request for step {@code step} (from 1) over {@code history}. */
    ChatRequest request(List<ChatMessage> history, int step) {
        ChatRequest.Builder request = ChatRequest.builder().messages(List.copyOf(history));
        if (!toolSpecs.isEmpty()) {
            request.toolSpecifications(toolSpecs);
            // A forced tool call applies to the first step only, so that the model can answer with the result.
            if (step == 1 && firstToolChoice != null) {
                request.toolChoice(firstToolChoice);
            }
        }
        if (structuredOutput != null && ObjectOutput.isNative(model)) {
            request.responseFormat(ObjectOutput.responseFormat(structuredOutput));
        }
        if (settings.temperature() != null) {
            request.temperature(settings.temperature());
        }
        if (settings.maxOutputTokens() != null) {
            request.maxOutputTokens(settings.maxOutputTokens());
        }
        if (settings.topP() != null) {
            request.topP(settings.topP());
        }
        return request.build();
    }
}
