package dev.mastra4j.core;

import dev.mastra4j.auth.LogSafe;
import dev.mastra4j.auth.MastraAuthProvider;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.agent.SuspendedRuns;
import dev.mastra4j.core.error.NotFoundException;
import dev.mastra4j.core.storage.InMemorySuspendedRunStore;
import dev.mastra4j.core.storage.MemoryStorage;
import dev.mastra4j.core.tool.Tool;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of agents and tools, and the handle of the HTTP server that serves them. The Java form of
 * {@code new Mastra({agents: {weatherAgent}})}.
 *
 * <pre>{@code
 * try (Mastra mastra = Mastra.builder().agent(weatherAgent).server(s -> s.port(4111)).build().start()) { ... }
 * }</pre>
 */
public final class Mastra implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Mastra.class);

    private final Map<String, Agent> agents;
    private final Map<String, Tool> tools;
    private final ServerOptions serverOptions;
    private final MemoryStorage storage;
    private final SuspendedRuns suspendedRuns;
    private final Object lock = new Object();
    private RunningServer server;

    private Mastra(Builder builder) {
        this.agents = Collections.unmodifiableMap(new LinkedHashMap<>(builder.agents));
        Map<String, Tool> allTools = new LinkedHashMap<>(builder.tools);
        for (Agent agent : agents.values()) {
            agent.tools().forEach((id, tool) -> addTool(allTools, id, tool));
        }
        this.tools = Collections.unmodifiableMap(allTools);
        this.serverOptions = builder.serverOptions.build();
        this.storage = builder.storage;
        this.suspendedRuns = SuspendedRuns.of(
                storage == null
                        ? new InMemorySuspendedRunStore()
                        : storage.suspendedRunStore().orElseGet(InMemorySuspendedRunStore::new),
                builder.approvalTimeout,
                builder.clock);
        agents.values().forEach(agent -> agent.useSuspendedRuns(suspendedRuns));
        agents.forEach((key, agent) -> agent.memory().ifPresent(memory -> {
            if (storage != null) {
                memory.useStorageIfNone(storage);
            }
            if (!memory.hasStorage()) {
                throw new IllegalArgumentException("Agent '" + key + "' has memory but no storage: give it "
                        + "Memory.builder().storage(...), or give the Mastra instance Mastra.builder().storage(...)");
            }
        }));
    }

    /**
     * The instance's storage ({@code new Mastra({storage})}): the store of agent memories that have none of their own,
     * and the one memory reads without an {@code agentId} use.
     */
    public Optional<MemoryStorage> storage() {
        return Optional.ofNullable(storage);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Where this instance's runs wait for tool approvals: in its storage's table when the storage keeps them (the JDBC
     * stores do, so such runs survive a restart), else in memory.
     */
    public SuspendedRuns suspendedRuns() {
        return suspendedRuns;
    }

    /**
     * Starts the HTTP server found through {@link ServiceLoader} (mastra-server provides one). Returns this, so
     * {@code Mastra.builder()...build().start()} reads as one step.
     *
     * @throws java.io.UncheckedIOException when the server cannot listen, for example because another process already
     *                                      listens on the port; the message names the address
     */
    public Mastra start() {
        synchronized (lock) {
            if (server != null) {
                throw new IllegalStateException("This Mastra is already started on port " + server.port());
            }
            Iterator<ServerEngine> engines =
                    ServiceLoader.load(ServerEngine.class).iterator();
            if (!engines.hasNext()) {
                throw new IllegalStateException(
                        "No HTTP server engine on the classpath: add dev.mastra4j:mastra-server");
            }
            server = engines.next().start(this);
            return this;
        }
    }

    /**
     * Stops the server, letting in-flight requests finish for up to {@link ServerOptions#shutdownTimeout()}, then
     * closes the auth provider ({@link MastraAuthProvider#close()}; its background key refresh ends), so a started
     * Mastra leaves no thread of its own behind. Does nothing when not started.
     */
    @Override
    public void close() {
        RunningServer running;
        synchronized (lock) {
            running = server;
            server = null;
        }
        if (running == null) {
            return;
        }
        try {
            running.stop(serverOptions.shutdownTimeout());
        } finally {
            MastraAuthProvider<?> auth = serverOptions.authProvider();
            if (auth != null) {
                try {
                    auth.close();
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Closing the auth provider {} failed",
                            auth.getClass().getName(),
                            LogSafe.throwable(e));
                }
            }
        }
    }

    /** The agent registered under {@code id}. */
    public Agent getAgent(String id) {
        Agent agent = agents.get(id);
        if (agent == null) {
            throw new NotFoundException("Agent with id " + id + " not found");
        }
        return agent;
    }

    /** Every agent by registered id, in registration order. */
    public Map<String, Agent> getAgents() {
        return agents;
    }

    /** The tool registered (on Mastra or on any agent) under {@code id}. */
    public Tool getTool(String id) {
        Tool tool = tools.get(id);
        if (tool == null) {
            throw new NotFoundException("Tool with id " + id + " not found");
        }
        return tool;
    }

    /** Mastra-level tools plus every agent's tools, by id. */
    public Map<String, Tool> getTools() {
        return tools;
    }

    public ServerOptions serverOptions() {
        return serverOptions;
    }

    /** The bound port; only after {@link #start()}. */
    public int port() {
        synchronized (lock) {
            if (server == null) {
                throw new IllegalStateException("Not started: call start() first");
            }
            return server.port();
        }
    }

    /** The base URL of the running server, such as {@code http://localhost:4111}. */
    public URI url() {
        String host = serverOptions.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "localhost";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port());
    }

    private static void addTool(Map<String, Tool> tools, String id, Tool tool) {
        Tool existing = tools.putIfAbsent(id, tool);
        if (existing != null && existing != tool) {
            throw new IllegalArgumentException("Two different tools share the id '" + id + "'");
        }
    }

    public static final class Builder {
        private final Map<String, Agent> agents = new LinkedHashMap<>();
        private final Map<String, Tool> tools = new LinkedHashMap<>();
        private ServerOptions.Builder serverOptions = ServerOptions.builder();
        private MemoryStorage storage;
        private Duration approvalTimeout = SuspendedRuns.DEFAULT_TIMEOUT;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * How long a run suspended for a tool approval waits for a decision (default one day); after that, approving
         * or declining it answers 410.
         */
        public Builder approvalTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("approvalTimeout must be positive");
            }
            this.approvalTimeout = timeout;
            return this;
        }

        /** The clock approval expiry is measured with (tests move it); default the system's UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The instance's storage, like {@code new Mastra({storage})}; see {@link Mastra#storage()}. */
        public Builder storage(MemoryStorage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /** Registers an agent under its own id. */
        public Builder agent(Agent agent) {
            return agent(agent.id(), agent);
        }

        /** Registers an agent under {@code key}, which is the id the API uses for it. */
        public Builder agent(String key, Agent agent) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(agent, "agent");
            if (agents.putIfAbsent(key, agent) != null) {
                throw new IllegalArgumentException("An agent is already registered under '" + key + "'");
            }
            return this;
        }

        /** Registers agents by key, like {@code new Mastra({agents: {weatherAgent}})}. */
        public Builder agents(Map<String, Agent> agents) {
            agents.forEach(this::agent);
            return this;
        }

        public Builder tool(Tool tool) {
            addTool(tools, tool.id(), tool);
            return this;
        }

        /** Adjusts the server options (defaults read {@code HOST} and {@code PORT}). */
        public Builder server(Consumer<ServerOptions.Builder> configure) {
            configure.accept(serverOptions);
            return this;
        }

        /** Replaces the server options builder, e.g. one made with {@link ServerOptions#builder(Map)}. */
        public Builder server(ServerOptions.Builder options) {
            this.serverOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Builds the instance and gives its storage to agent memories that have none.
         *
         * @throws IllegalArgumentException when an agent has memory but neither it nor the instance has storage
         */
        public Mastra build() {
            return new Mastra(this);
        }
    }
}
