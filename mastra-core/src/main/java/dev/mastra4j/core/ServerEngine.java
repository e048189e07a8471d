package dev.mastra4j.core;

/**
 * The HTTP server behind {@link Mastra#start()}. mastra-core cannot depend on the server module, so the engine is
 * found with {@link java.util.ServiceLoader}; mastra-server registers its implementation in {@code META-INF/services}.
 */
public interface ServerEngine {

    /**
     * Binds and starts serving {@code mastra}'s agents and tools with its {@link Mastra#serverOptions()}. Never returns
     * a server that is not listening: when binding fails it throws {@link java.io.UncheckedIOException} naming the
     * address.
     */
    RunningServer start(Mastra mastra);
}
