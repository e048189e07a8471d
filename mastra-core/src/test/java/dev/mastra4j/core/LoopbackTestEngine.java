package dev.mastra4j.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.testing.LoopbackStub;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A minimal engine for mastra-core's own tests (registered in test resources): serves {@code /health} and
 * {@code /api/agents} (ids only) with the JDK's HTTP server, so Mastra's start/close wiring runs for real.
 */
public final class LoopbackTestEngine implements ServerEngine {

    /** Grace periods passed to stop(), in order, across all servers of this JVM. */
    static final List<Duration> STOPS = new CopyOnWriteArrayList<>();

    @Override
    public RunningServer start(Mastra mastra) {
        ServerOptions options = mastra.serverOptions();
        try {
            LoopbackStub server = LoopbackStub.start(
                    new InetSocketAddress(options.host(), options.port()), Executors.newVirtualThreadPerTaskExecutor());
            server.route("/health", exchange -> LoopbackStub.sendJson(exchange, 200, "{\"success\":true}"));
            server.route("/api/agents", exchange -> {
                ObjectNode agents = Json.MAPPER.createObjectNode();
                // Only what MastraTest reads: each agent's id and tool ids (the full shape is the server's).
                mastra.getAgents().forEach((id, agent) -> {
                    ObjectNode details = agents.putObject(id).put("id", id);
                    ObjectNode tools = details.putObject("tools");
                    agent.tools()
                            .keySet()
                            .forEach(toolId -> tools.putObject(toolId).put("id", toolId));
                });
                LoopbackStub.sendJson(exchange, 200, agents.toString());
            });
            return new RunningServer() {
                @Override
                public int port() {
                    return server.port();
                }

                @Override
                public void stop(Duration gracePeriod) {
                    STOPS.add(gracePeriod);
                    server.stop(gracePeriod);
                }
            };
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("Could not bind " + options.host() + ":" + options.port(), e.getCause());
        }
    }
}
