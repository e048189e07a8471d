package dev.mastra4j.core.agent;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.mastra4j.auth.env.EnvLookup;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.error.MastraException;
import dev.mastra4j.core.model.FallbackModel;
import dev.mastra4j.core.model.ModelRouter;
import dev.mastra4j.core.model.ModelWithRetries;
import dev.mastra4j.core.model.OfflineChatModel;
import dev.mastra4j.core.model.ResolvedModel;
import dev.mastra4j.core.tool.Tool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * An LLM with instructions and tools, run as a tool loop. The Java form of Mastra's
 * {@code new Agent({id, name, instructions, model: "openai/gpt-4o-mini", tools: {weatherTool}})}:
 *
 * <pre>{@code
 * Agent agent = Agent.builder().id("weatherAgent").name("Weather Agent")
 *         .instructions("You answer questions about the weather.")
 *         .model("openai/gpt-4o-mini")
 *         .tools(weatherTool)
 *         .build();
 * String answer = agent.generate("Weather in London?").text();
 * }</pre>
 *
 * An agent is immutable and thread-safe; every call is an independent run.
 *
 * <p>Longer than most classes because its {@link Builder} holds every agent option with its validation, as Mastra's
 * {@code new Agent({...})} config is one object; running is delegated to {@code AgentRun}.
 */
public final class Agent {

    public static final int DEFAULT_MAX_STEPS = 5;
    public static final Duration DEFAULT_TOOL_TIMEOUT = Duration.ofSeconds(30);

    private final String id;
    private final String name;
    private final String description;
    private final DynamicConfig config;
    private final List<ModelWithRetries> modelList;
    private final int defaultMaxSteps;
    private final Duration toolTimeout;
    private final Memory memory;
    /** Where this agent's runs wait for tool approvals; a Mastra instance gives its own ({@link #useSuspendedRuns}). */
    private volatile SuspendedRuns suspendedRuns;

    private Agent(Builder builder) {
        this.id = builder.id;
        this.name = builder.name == null ? builder.id : builder.name;
        this.description = builder.description == null ? "" : builder.description;
        // Each model string of a model list is resolved once, for modelList() and the model built from it.
        builder.resolvedModelList = builder.resolvedModelList();
        this.modelList = builder.resolvedModelList;
        this.config = new DynamicConfig(
                builder.instructions,
                builder.dynamicInstructions,
                builder.dynamicModel == null ? builder.resolveModel() : null,
                builder.dynamicModel,
                Collections.unmodifiableMap(new LinkedHashMap<>(builder.tools)),
                builder.dynamicTools,
                builder.envLookup());
        this.defaultMaxSteps = builder.defaultMaxSteps;
        this.toolTimeout = builder.toolTimeout;
        this.memory = builder.memory;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** The instructions given at build time; blank when they are a function (see {@link #getInstructions}). */
    public String instructions() {
        return config.staticInstructions();
    }

    /** The model provider, e.g. {@code openai} or {@code offline}; {@code dynamic} for a model function. */
    public String provider() {
        return config.hasDynamicModel() ? "dynamic" : config.staticModel().provider();
    }

    /** The model id; {@code dynamic} for a model function. */
    public String modelId() {
        return config.hasDynamicModel() ? "dynamic" : config.staticModel().modelId();
    }

    /**
     * The model given at build time.
     *
     * @throws IllegalStateException when the model is a function of the request ({@link #hasDynamicModel()}); use
     *                               {@link #getModel(RequestContext)}
     */
    public ResolvedModel model() {
        if (config.hasDynamicModel()) {
            throw new IllegalStateException("Agent " + id + " picks its model per request; use getModel(context)");
        }
        return config.staticModel();
    }

    /** The tools given at build time, by id, in order; empty when they are a function (see {@link #listTools}). */
    public Map<String, Tool> tools() {
        return config.staticTools();
    }

    /** The model list given to {@code model(List)}, resolved, in order (disabled entries too); empty otherwise. */
    public List<ModelWithRetries> modelList() {
        return modelList;
    }

    /** True when the model is chosen per request ({@code model(ctx -> ...)}). */
    public boolean hasDynamicModel() {
        return config.hasDynamicModel();
    }

    /** True when any of instructions, model and tools is a function of the request. */
    public boolean isDynamic() {
        return config.isDynamic();
    }

    /** The instructions for a request with {@code context} (Mastra's {@code agent.getInstructions({requestContext})}). */
    public String getInstructions(RequestContext context) {
        return config.instructions(contextOrEmpty(context));
    }

    /** The model for a request with {@code context} (Mastra's {@code agent.getModel({requestContext})}). */
    public ResolvedModel getModel(RequestContext context) {
        return config.model(id, contextOrEmpty(context));
    }

    /** The tools a request with {@code context} may see and call (Mastra's {@code agent.listTools({requestContext})}). */
    public Map<String, Tool> listTools(RequestContext context) {
        return config.tools(id, contextOrEmpty(context));
    }

    /**
     * Instructions, model and tools for one request, each function called once. A run resolves this once, before
     * its first model call.
     */
    public AgentConfig resolve(RequestContext context) {
        return config.resolve(id, contextOrEmpty(context));
    }

    /**
     * What {@code GET /api/agents} shows for a request with {@code context}: each part resolved as {@link #resolve}
     * does, except that a function that throws leaves its part blank (and is logged, without the request's data)
     * instead of failing the listing of every agent.
     */
    public AgentDescription describe(RequestContext context) {
        return config.describe(id, contextOrEmpty(context));
    }

    private static RequestContext contextOrEmpty(RequestContext context) {
        return context == null ? new RequestContext() : context;
    }

    public int defaultMaxSteps() {
        return defaultMaxSteps;
    }

    /** The agent's memory, if it has one. */
    public Optional<Memory> memory() {
        return Optional.ofNullable(memory);
    }

    public Duration toolTimeout() {
        return toolTimeout;
    }

    /** One user message, default options. */
    public GenerateResult generate(String message) {
        return generate(List.of(Message.user(message)), AgentOptions.DEFAULTS);
    }

    public GenerateResult generate(List<Message> messages) {
        return generate(messages, AgentOptions.DEFAULTS);
    }

    /**
     * Runs the tool loop to the end on the calling thread and returns the result. Blocks; interrupting the calling
     * thread cancels the run (the model call and running tools are abandoned).
     *
     * @throws dev.mastra4j.core.error.InvalidRequestException for options that do not fit this agent
     *                                                         (unknown activeTools or toolChoice tool)
     * @throws dev.mastra4j.core.model.ModelProviderException  when the provider fails
     * @throws dev.mastra4j.core.model.ModelTimeoutException   when the provider or the run takes too long
     * @throws CancellationException                           when the calling thread is interrupted
     * @throws dev.mastra4j.core.error.AccessDeniedException   when {@code options.memory()} names a thread of another
     *                                                         resource (before any model call)
     * @throws dev.mastra4j.core.error.StorageUnavailableException when the memory's store cannot be reached
     */
    public GenerateResult generate(List<Message> messages, AgentOptions options) {
        // The blocking model call (streaming=false), run here; chunks are not needed, only the result.
        return finishGenerate(new AgentRun(this, messages, options, false));
    }

    /** Runs {@code run} on the calling thread to its result; interrupting the thread cancels it. */
    private static GenerateResult finishGenerate(AgentRun run) {
        GenerateResult result;
        try {
            result = run.execute(chunk -> {}, true);
        } catch (Throwable failure) {
            MastraException error = AgentRun.toMastraException(failure, run);
            if (error instanceof RunCancelledException || Thread.currentThread().isInterrupted()) {
                run.cancel();
                throw new CancellationException("Interrupted; run " + run.runId() + " cancelled");
            }
            throw error;
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("Interrupted; run " + run.runId() + " cancelled");
        }
        return result;
    }

    /** Streams a run for one user message with default options. */
    public AgentStream stream(String message) {
        return stream(List.of(Message.user(message)), AgentOptions.DEFAULTS);
    }

    /**
     * Starts a run and returns its stream at once. Close the stream to cancel the run. With memory, the thread is
     * checked and read before this returns, so its errors are thrown here, not streamed.
     *
     * @throws dev.mastra4j.core.error.InvalidRequestException for options that do not fit this agent
     * @throws dev.mastra4j.core.error.AccessDeniedException   for a thread of another resource
     */
    public AgentStream stream(List<Message> messages, AgentOptions options) {
        return new AgentStream(new AgentRun(this, messages, options, true)).start();
    }

    /**
     * Prepares a streamed run that executes on the calling thread when {@link StreamRun#run} is called, handing each
     * chunk to a callback: the lowest-overhead way to write each chunk to a client as the model produces it, and
     * cancellable from another thread (what the server's stream route uses). Prefer {@link #stream} for an iterator.
     *
     * @throws dev.mastra4j.core.error.InvalidRequestException for options that do not fit this agent
     * @throws dev.mastra4j.core.error.AccessDeniedException   for a thread of another resource (memory is checked
     *                                                         and read here, before anything is streamed)
     */
    public StreamRun streamRun(List<Message> messages, AgentOptions options) {
        return new StreamRun(new AgentRun(this, messages, options, true));
    }

    /**
     * Where this agent's runs wait for a tool approval: those of the {@code Mastra} it is registered with (its storage,
     * its {@code approvalTimeout}), else runs in this process's memory waiting {@link SuspendedRuns#DEFAULT_TIMEOUT}.
     */
    public SuspendedRuns suspendedRuns() {
        SuspendedRuns runs = suspendedRuns;
        if (runs == null) {
            synchronized (this) {
                if (suspendedRuns == null) {
                    suspendedRuns = SuspendedRuns.inMemory();
                }
                runs = suspendedRuns;
            }
        }
        return runs;
    }

    /**
     * Makes this agent's runs wait in {@code runs}; {@code Mastra.build()} calls it for each agent it registers, so that
     * every route of one server sees the same suspended runs.
     */
    public synchronized void useSuspendedRuns(SuspendedRuns runs) {
        this.suspendedRuns = Objects.requireNonNull(runs, "runs");
    }

    /**
     * Approves the tool call a suspended run waits for: the tool runs and the loop goes on to the model's answer, on the
     * calling thread (Mastra's {@code approveToolCallGenerate}). {@code context} names who approves (its user, see
     * {@link SuspendedRuns#owner}) and is what the tools see.
     *
     * @throws dev.mastra4j.core.error.NotFoundException      (404) for an unknown run
     * @throws dev.mastra4j.core.error.AccessDeniedException  (403) for a run another user started; it stays suspended
     * @throws dev.mastra4j.core.error.MastraException        409 when already approved or declined, 410 when expired
     * @throws dev.mastra4j.core.error.InvalidRequestException (400) for a tool call the run does not wait for
     */
    public GenerateResult approveToolCallGenerate(String runId, String toolCallId, RequestContext context) {
        return resumeGenerate(runId, toolCallId, true, context);
    }

    /**
     * Declines the tool call a suspended run waits for: the tool does not run, the model is told so and answers
     * (Mastra's {@code declineToolCallGenerate}). Errors as {@link #approveToolCallGenerate}.
     */
    public GenerateResult declineToolCallGenerate(String runId, String toolCallId, RequestContext context) {
        return resumeGenerate(runId, toolCallId, false, context);
    }

    /** As {@link #approveToolCallGenerate}, streamed; the checks run before this returns. */
    public AgentStream approveToolCall(String runId, String toolCallId, RequestContext context) {
        return new AgentStream(resumeRun(runId, toolCallId, true, context, true)).start();
    }

    /** As {@link #declineToolCallGenerate}, streamed; the checks run before this returns. */
    public AgentStream declineToolCall(String runId, String toolCallId, RequestContext context) {
        return new AgentStream(resumeRun(runId, toolCallId, false, context, true)).start();
    }

    /**
     * A resumed run in {@link StreamRun} form (what the server's approve and decline routes use); the checks of
     * {@link #approveToolCallGenerate} run before this returns, so a refusal comes before any byte is streamed.
     */
    public StreamRun resumeStreamRun(String runId, String toolCallId, boolean approved, RequestContext context) {
        return new StreamRun(resumeRun(runId, toolCallId, approved, context, true));
    }

    private GenerateResult resumeGenerate(String runId, String toolCallId, boolean approved, RequestContext context) {
        return finishGenerate(resumeRun(runId, toolCallId, approved, context, false));
    }

    private AgentRun resumeRun(
            String runId, String toolCallId, boolean approved, RequestContext context, boolean streaming) {
        SuspendedRuns runs = suspendedRuns();
        var record = runs.claim(this, runId, toolCallId, SuspendedRuns.owner(context));
        SuspendedState state = SuspendedState.fromJson(record.state()).decided(toolCallId, approved);
        return AgentRun.resume(this, runId, state, context, streaming);
    }

    @Override
    public String toString() {
        return "Agent[" + id + ", "
                + (config.hasDynamicModel() ? "dynamic" : config.staticModel().modelString()) + ", tools="
                + (config.hasDynamicTools() ? "dynamic" : tools().keySet()) + "]";
    }

    public static final class Builder {
        private String id;
        private String name;
        private String description;
        private String instructions;
        private DynamicArgument<String> dynamicInstructions;
        private DynamicArgument<String> dynamicModel;
        private DynamicArgument<? extends List<Tool>> dynamicTools;
        private String modelString;
        private ResolvedModel resolved;
        private List<ModelWithRetries> modelList = List.of();
        private List<ModelWithRetries> resolvedModelList = List.of();
        private ChatModel chatModel;
        private StreamingChatModel streamingModel;
        private Map<String, String> env;
        private Path dotenvDirectory = Path.of("");
        private final Map<String, Tool> tools = new LinkedHashMap<>();
        private int defaultMaxSteps = DEFAULT_MAX_STEPS;
        private Duration toolTimeout = DEFAULT_TOOL_TIMEOUT;
        private Memory memory;

        private Builder() {}

        /**
         * Gives the agent memory: calls with {@code memory: {thread, resource}} recall the thread and keep the run.
         * Without it, such calls run as if no memory were asked for, as in Mastra.
         */
        public Builder memory(Memory memory) {
            this.memory = Objects.requireNonNull(memory, "memory");
            return this;
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder instructions(String instructions) {
            this.instructions = instructions;
            this.dynamicInstructions = null;
            return this;
        }

        /**
         * Instructions worked out per request, e.g. {@code ctx -> "You help " + name(ctx.user()) + "."}; called once per
         * run (and per agent-details answer) with that request's context.
         */
        public Builder instructions(DynamicArgument<String> instructions) {
            this.dynamicInstructions = Objects.requireNonNull(instructions, "instructions");
            this.instructions = null;
            return this;
        }

        /**
         * A model chosen per request, as a Mastra model string ({@code ctx -> paid(ctx) ? "openai/gpt-4o" :
         * "openai/gpt-4o-mini"}), resolved with this builder's {@link #env} on first use and kept.
         */
        public Builder model(DynamicArgument<String> model) {
            clearModel();
            this.dynamicModel = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * Tools chosen per request, e.g. {@code ctx -> isAdmin(ctx) ? List.of(search, delete) : List.of(search)}: a
         * request sees and can call only these, whatever tool name the model asks for. Replaces tools given before.
         */
        public Builder tools(DynamicArgument<? extends List<Tool>> tools) {
            this.dynamicTools = Objects.requireNonNull(tools, "tools");
            this.tools.clear();
            return this;
        }

        /** A Mastra model string such as {@code openai/gpt-4o-mini}, resolved by {@link ModelRouter} at build time. */
        public Builder model(String modelString) {
            clearModel();
            this.modelString = modelString;
            return this;
        }

        public Builder model(ResolvedModel model) {
            clearModel();
            this.resolved = model;
            return this;
        }

        /**
         * A model list, Mastra's {@code model: [{model, maxRetries}, ...]}: the first enabled entry answers; on a
         * provider failure (5xx, 429, timeout, connection) it is retried up to its {@code maxRetries}, then the next
         * entry is tried. A rejected request (other 4xx) fails at once. The response's model id names the model that
         * answered. Model strings are resolved with this builder's {@link #env}.
         */
        public Builder model(List<ModelWithRetries> models) {
            if (models == null || models.isEmpty()) {
                throw new IllegalArgumentException("A model list needs at least one model");
            }
            clearModel();
            this.modelList = List.copyOf(models);
            return this;
        }

        /** The offline stand-in (it is both a ChatModel and a StreamingChatModel). */
        public Builder model(OfflineChatModel offline) {
            return model(offline, offline);
        }

        public Builder model(ChatModel chat) {
            return model(chat, chat instanceof StreamingChatModel s ? s : null);
        }

        public Builder model(StreamingChatModel streaming) {
            return model(streaming instanceof ChatModel c ? c : null, streaming);
        }

        /** A blocking and a streaming view of the same model (either may be null, not both). */
        public Builder model(ChatModel chat, StreamingChatModel streaming) {
            clearModel();
            this.chatModel = chat;
            this.streamingModel = streaming;
            return this;
        }

        /**
         * The environment {@link #model(String)} reads keys and base URLs from (default: the process environment).
         * As for Clerk's settings, a variable it lacks is then looked up in {@code .env} (see
         * {@link #dotenvDirectory(Path)}).
         */
        public Builder env(Map<String, String> env) {
            this.env = env;
            return this;
        }

        /** Where {@link #model(String)} looks for {@code .env} (default: the working directory). */
        public Builder dotenvDirectory(Path directory) {
            this.dotenvDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        public Builder tools(Tool... tools) {
            for (Tool tool : tools) {
                tool(tool.id(), tool);
            }
            return this;
        }

        /** Tools by key; as in Mastra, the key is the name the model calls the tool by and must equal its id. */
        public Builder tools(Map<String, Tool> tools) {
            tools.forEach(this::tool);
            return this;
        }

        private void tool(String key, Tool tool) {
            Objects.requireNonNull(tool, "tool");
            if (dynamicTools != null) {
                throw new IllegalArgumentException("Tools are already a function of the request");
            }
            if (!key.equals(tool.id())) {
                throw new IllegalArgumentException("Tool key '" + key + "' differs from its id '" + tool.id() + "'");
            }
            if (this.tools.putIfAbsent(key, tool) != null) {
                throw new IllegalArgumentException("Tool '" + key + "' is given twice");
            }
        }

        /** The tool-loop limit when a call does not set one (default 5). */
        public Builder defaultMaxSteps(int maxSteps) {
            if (maxSteps < 1 || maxSteps > 100) {
                throw new IllegalArgumentException("defaultMaxSteps must be 1..100");
            }
            this.defaultMaxSteps = maxSteps;
            return this;
        }

        /** How long a tool may run before its call gets an error result (default 30 s); a tool's own timeout wins. */
        public Builder toolTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("toolTimeout must be positive");
            }
            this.toolTimeout = timeout;
            return this;
        }

        /**
         * Builds the agent from the options set so far.
         *
         * @throws IllegalArgumentException for a missing id or model, or a model string that cannot be resolved
         *                                  (the message names the missing environment variable)
         * @throws IllegalStateException    when the model's provider artifact is not on the classpath (the message
         *                                  names it) or a {@code .env} file cannot be parsed
         */
        public Agent build() {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("An agent needs an id");
            }
            return new Agent(this);
        }

        private void clearModel() {
            modelList = List.of();
            dynamicModel = null;
            modelString = null;
            resolved = null;
            chatModel = null;
            streamingModel = null;
        }

        private EnvLookup envLookup() {
            return EnvLookup.of(env == null ? System.getenv() : env, dotenvDirectory);
        }

        /** The model list with every model string resolved; empty for a single model. */
        private List<ModelWithRetries> resolvedModelList() {
            return modelList.stream()
                    .map(entry -> entry.model() != null
                            ? entry
                            : entry.resolved(
                                    ModelRouter.resolve(entry.modelString(), envLookup(), ModelRouter.DEFAULT_TIMEOUT)))
                    .toList();
        }

        private ResolvedModel resolveModel() {
            if (!modelList.isEmpty()) {
                return FallbackModel.of(resolvedModelList);
            }
            if (resolved != null) {
                return resolved;
            }
            if (modelString != null) {
                return ModelRouter.resolve(modelString, envLookup(), ModelRouter.DEFAULT_TIMEOUT);
            }
            if (chatModel != null || streamingModel != null) {
                return ModelRouter.wrap(chatModel, streamingModel);
            }
            throw new IllegalArgumentException("Agent " + id + " needs a model: model(\"openai/gpt-4o-mini\"), "
                    + "model(\"offline/stand-in\") or model(chatModel)");
        }
    }
}
