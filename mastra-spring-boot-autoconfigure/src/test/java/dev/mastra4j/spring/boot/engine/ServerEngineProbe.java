package dev.mastra4j.spring.boot.engine;

import dev.mastra4j.core.ServerEngine;
import java.util.ServiceLoader;

/** The engine {@code Mastra.start()} picks: the first one {@link ServiceLoader} finds. */
final class ServerEngineProbe {

    private ServerEngineProbe() {}

    static ServerEngine firstEngine() {
        return ServiceLoader.load(ServerEngine.class).iterator().next();
    }
}
