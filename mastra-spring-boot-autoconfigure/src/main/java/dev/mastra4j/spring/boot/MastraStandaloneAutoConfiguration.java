package dev.mastra4j.spring.boot;

import dev.mastra4j.core.Mastra;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * {@code mastra.server.standalone=true}: the {@link Mastra} bean is served by mastra4j's own HTTP server (Helidon) on
 * {@code mastra.server.host}/{@code mastra.server.port} ({@code HOST}/{@code PORT}, default localhost:4111), started
 * and stopped with the application context.
 */
@AutoConfiguration(after = MastraAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "mastra.server.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("mastra.server.standalone")
public class MastraStandaloneAutoConfiguration {

    @Bean
    public SmartLifecycle mastraStandaloneServer(Mastra mastra) {
        return new StandaloneServer(mastra);
    }

    /** Starts the standalone server with the context, stops it (gracefully) with the context. */
    static final class StandaloneServer implements SmartLifecycle {
        private final Mastra mastra;
        private volatile boolean running;

        StandaloneServer(Mastra mastra) {
            this.mastra = mastra;
        }

        @Override
        public void start() {
            mastra.start();
            running = true;
        }

        @Override
        public void stop() {
            running = false;
            mastra.close();
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
