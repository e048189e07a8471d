package dev.mastra4j.spring.boot;

import dev.mastra4j.core.ServerOptions;

/**
 * A bean that adjusts the {@link ServerOptions} of the auto-configured {@code Mastra} after the {@code mastra.server.*}
 * properties are applied: auth rules, public routes, custom API routes, stream limits.
 */
@FunctionalInterface
public interface MastraServerCustomizer {

    void customize(ServerOptions.Builder server);
}
