package dev.mastra4j.core.server;

import dev.mastra4j.core.Mastra;

/**
 * The HTTP server behind {@link Mastra#start()}. mastra-core cannot depend on the server module, so the engine is
 * found with {@link java.util.ServiceLoader}; mastra-server registers its implementation in {@code META-INF/services}.
 */
public interface ServerEngine {

    /** Binds and starts serving {@code mastra}'s agents and tools with its {@link Mastra#serverOptions()}. */
    RunningServer start(Mastra mastra);
}
