package dev.mastra4j.spring.boot.web;

import dev.mastra4j.server.http.RequestPipeline;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Stops the Mastra API on the application's port before the web server stops: new Mastra requests get 503
 * {@code Server is shutting down}, requests in flight may finish within the shutdown timeout, and open streams are
 * then asked to end (an error frame and {@code [DONE]}), so that the server's own graceful shutdown does not wait on
 * them. Runs in the first stop phase, ahead of the web server's graceful shutdown.
 */
public final class MastraApiLifecycle implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(MastraApiLifecycle.class);
    private static final Duration MAX_WIND_DOWN = Duration.ofSeconds(1);

    private final RequestPipeline pipeline;
    private final Duration shutdownTimeout;
    private volatile boolean running;

    public MastraApiLifecycle(RequestPipeline pipeline, Duration shutdownTimeout) {
        this.pipeline = pipeline;
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        pipeline.beginDrain();
        Duration windDown = shutdownTimeout.dividedBy(4).compareTo(MAX_WIND_DOWN) < 0
                ? shutdownTimeout.dividedBy(4)
                : MAX_WIND_DOWN;
        try {
            if (!pipeline.awaitIdle(shutdownTimeout.minus(windDown))) {
                int ended = pipeline.endOpenStreams();
                if (ended > 0) {
                    LOG.info("Ending {} open Mastra stream(s) so the application can stop", ended);
                }
                if (!pipeline.awaitIdle(windDown)) {
                    LOG.warn("{} Mastra request(s) still running after {}", pipeline.inFlight(), shutdownTimeout);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stopped first (the highest phase stops first), before the web server's graceful shutdown phase.
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
