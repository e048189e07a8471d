package dev.mastra4j.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.server.RunningServer;
import dev.mastra4j.core.server.ServerEngine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
            HttpServer server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
            server.createContext("/health", exchange -> respond(exchange, "{\"success\":true}"));
            server.createContext("/api/agents", exchange -> {
                ObjectNode agents = Json.MAPPER.createObjectNode();
                // Only what MastraTest reads: each agent's id and tool ids (the full shape is the server's).
                mastra.getAgents().forEach((id, agent) -> {
                    ObjectNode details = agents.putObject(id).put("id", id);
                    ObjectNode tools = details.putObject("tools");
                    agent.tools().keySet().forEach(toolId -> tools.putObject(toolId).put("id", toolId));
                });
                respond(exchange, agents.toString());
            });
            server.start();
            return new RunningServer() {
                @Override
                public int port() {
                    return server.getAddress().getPort();
                }

                @Override
                public void stop(Duration gracePeriod) {
                    STOPS.add(gracePeriod);
                    server.stop((int) Math.max(0, gracePeriod.toSeconds()));
                }
            };
        } catch (IOException e) {
            throw new IllegalStateException("Could not bind " + options.host() + ":" + options.port(), e);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        try (exchange) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
