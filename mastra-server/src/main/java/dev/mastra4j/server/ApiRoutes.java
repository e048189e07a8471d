package dev.mastra4j.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.auth.LogSafe;
import dev.mastra4j.core.ApiRoute;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.ServerOptions;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.agent.StreamChunk;
import dev.mastra4j.core.agent.StreamRun;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.error.InvalidRequestException;
import dev.mastra4j.core.error.Issue;
import dev.mastra4j.core.error.MastraException;
import dev.mastra4j.core.error.NotFoundException;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.core.tool.ToolContext;
import dev.mastra4j.core.tool.ToolValidationException;
import dev.mastra4j.server.http.ErrorResponse;
import dev.mastra4j.server.http.Exchange;
import dev.mastra4j.server.http.RequestPipeline;
import dev.mastra4j.server.http.Route;
import dev.mastra4j.server.http.Router;
import dev.mastra4j.server.http.SseStream;
import dev.mastra4j.server.http.SseStream.ClientDisconnectedException;
import dev.mastra4j.server.studio.StudioRoutes;
import dev.mastra4j.server.wire.AgentRequest;
import dev.mastra4j.server.wire.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mastra's REST routes over one {@link Mastra}: health, agents, generate, stream, tools, the OpenAPI document, the
 * auth routes ({@link AuthRoutes}), the memory routes ({@link MemoryRoutes}) and the server's custom routes ({@link CustomRoutes}).
 */
final class ApiRoutes {

    static final String GREETING = "Hello to the Mastra API!";
    /**
     * A silent stream only learns that its client left when a write fails, so the keep-alive comment is also the
     * disconnect probe: short enough that an abandoned model call is cancelled within seconds, long enough that 10,000
     * idle streams cost a few thousand tiny writes per second.
     */
    static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(2);
    /** System property: milliseconds between SSE keep-alive comments (default 2000). */
    static final String HEARTBEAT_PROPERTY = "mastra4j.sse.heartbeatMillis";

    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

    private final Mastra mastra;
    private final Duration requestTimeout;
    private final Duration heartbeat;
    private final boolean authEnabled;
    private final Duration writeTimeout;
    private final int maxStreamBufferBytes;
    private final StreamSlots streamSlots;
    private JsonNode openApi;
    /** {@code GET /api/agents} when no agent has a dynamic part: the same for every caller, so serialised once. */
    private final byte[] staticAgentList;

    private ApiRoutes(Mastra mastra, Duration heartbeat) {
        ServerOptions options = mastra.serverOptions();
        this.mastra = mastra;
        this.requestTimeout = options.requestTimeout();
        this.authEnabled = options.authProvider() != null;
        this.heartbeat = heartbeat;
        this.writeTimeout = options.streamWriteTimeout();
        this.maxStreamBufferBytes = options.maxStreamBufferBytes();
        this.streamSlots = new StreamSlots(options.maxStreamsPerUser());
        this.staticAgentList = staticAgentList(mastra);
    }

    static Router router(Mastra mastra) {
        return router(mastra, routes -> {});
    }

    /** With {@code more} routes added after the built-in ones and before the custom ones (operations routes). */
    static Router router(Mastra mastra, Consumer<Router.Builder> more) {
        long millis = Long.getLong(HEARTBEAT_PROPERTY, DEFAULT_HEARTBEAT.toMillis());
        return router(mastra, Duration.ofMillis(Math.max(millis, 10)), more);
    }

    /** {@code heartbeat}: how often an SSE comment checks that a silent stream's client is still there. */
    static Router router(Mastra mastra, Duration heartbeat) {
        return router(mastra, heartbeat, routes -> {});
    }

    private static Router router(Mastra mastra, Duration heartbeat, Consumer<Router.Builder> more) {
        ApiRoutes api = new ApiRoutes(mastra, heartbeat);
        AuthRoutes auth = new AuthRoutes(mastra.serverOptions());
        Router.Builder routes = Router.builder()
                .get(
                        "/health",
                        "Health check",
                        ex -> ex.json(200, Json.MAPPER.createObjectNode().put("success", true)))
                .get("/api", "Greeting", ex -> ex.text(200, GREETING))
                .get("/api/agents", "List agents", api::listAgents)
                .get("/api/agents/:agentId", "Get an agent", api::getAgent)
                .post("/api/agents/:agentId/generate", "Run an agent to completion", api::generate)
                .post("/api/agents/:agentId/stream", "Run an agent, streamed as Server-Sent Events", api::stream)
                .post(
                        "/api/agents/:agentId/approve-tool-call",
                        "Approve the tool call a suspended run waits for; the rest of the run as Server-Sent Events",
                        ex -> api.resumeStream(ex, true))
                .post(
                        "/api/agents/:agentId/decline-tool-call",
                        "Decline the tool call a suspended run waits for; the rest of the run as Server-Sent Events",
                        ex -> api.resumeStream(ex, false))
                .post(
                        "/api/agents/:agentId/approve-tool-call-generate",
                        "Approve the tool call a suspended run waits for and run it to completion",
                        ex -> api.resumeGenerate(ex, true))
                .post(
                        "/api/agents/:agentId/decline-tool-call-generate",
                        "Decline the tool call a suspended run waits for and run it to completion",
                        ex -> api.resumeGenerate(ex, false))
                .get("/api/agents/:agentId/tools/:toolId", "Get one of an agent's tools", api::getAgentTool)
                .post(
                        "/api/agents/:agentId/tools/:toolId/execute",
                        "Execute one of an agent's tools",
                        api::executeAgentTool)
                .get("/api/tools", "List tools", api::listTools)
                .get("/api/tools/:toolId", "Get a tool", api::getTool)
                .post("/api/tools/:toolId/execute", "Execute a tool", api::executeTool)
                .get("/api/openapi.json", "This OpenAPI document", ex -> ex.json(200, api.openApi))
                .get(
                        "/api/auth/capabilities",
                        "What auth the server supports, and the signed-in user",
                        auth::capabilities);
        if (mastra.serverOptions().authMeRoute()) {
            routes.get("/api/auth/me", "The signed-in caller's profile, or null", auth::me);
        }
        MemoryRoutes.register(mastra, routes);
        if (mastra.serverOptions().studio() != null) {
            StudioRoutes.register(mastra.serverOptions(), routes);
        }
        more.accept(routes);
        Map<Route, ApiRoute> custom =
                CustomRoutes.register(mastra, routes.build().routes(), routes);
        Router router = routes.build();
        api.openApi = OpenApiDocument.build(
                router,
                api.authEnabled,
                api.authEnabled && mastra.serverOptions().maxStreamsPerUser() > 0,
                custom);
        return router;
    }

    private void listAgents(Exchange ex) {
        if (staticAgentList != null) {
            ex.send(200, "application/json", staticAgentList, Map.of());
            return;
        }
        ex.json(200, agentList(mastra, ex.requestContext()));
    }

    private static ObjectNode agentList(Mastra mastra, RequestContext context) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        mastra.getAgents().forEach((id, agent) -> body.set(id, Wire.agentDetails(id, agent, agent.describe(context))));
        return body;
    }

    private static byte[] staticAgentList(Mastra mastra) {
        if (mastra.getAgents().values().stream().anyMatch(Agent::isDynamic)) {
            return null;
        }
        try {
            return Json.MAPPER.writeValueAsBytes(agentList(mastra, new RequestContext()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise the agent list", e);
        }
    }

    private void getAgent(Exchange ex) {
        String id = ex.pathParam("agentId");
        Agent agent = mastra.getAgent(id);
        ex.json(200, Wire.agentDetails(id, agent, agent.describe(ex.requestContext())));
    }

    private void generate(Exchange ex) {
        Agent agent = mastra.getAgent(ex.pathParam("agentId"));
        AgentRequest request = agentRequest(ex);
        ex.json(200, Wire.generateResult(agent.generate(request.messages(), request.options())));
    }

    /** Each user may have {@code maxStreamsPerUser} streams open; past that, 429 before anything runs. */
    private void stream(Exchange ex) {
        Agent agent = mastra.getAgent(ex.pathParam("agentId"));
        AgentRequest request = agentRequest(ex);
        try (Exchange.Registration slot = streamSlots.acquire(ex)) {
            // Option errors (unknown activeTools...) surface here, before the 200 is committed.
            sendStream(ex, agent.streamRun(request.messages(), request.options()));
        }
    }

    /**
     * Body {@code {"runId", "toolCallId"}} (Mastra's): the run goes on to completion and the answer is generate's.
     * Who may resume which run is decided by the agent's {@code SuspendedRuns} (404, 403, 409, 410, 400).
     */
    private void resumeGenerate(Exchange ex, boolean approved) {
        Agent agent = mastra.getAgent(ex.pathParam("agentId"));
        ToolDecision decision = ToolDecision.fromJson(ex.jsonBody());
        RequestContext context = ex.requestContext();
        ex.json(
                200,
                Wire.generateResult(
                        approved
                                ? agent.approveToolCallGenerate(decision.runId(), decision.toolCallId(), context)
                                : agent.declineToolCallGenerate(decision.runId(), decision.toolCallId(), context)));
    }

    /** As {@link #resumeGenerate}, answered as a stream that starts at the tool's result; refusals come before it. */
    private void resumeStream(Exchange ex, boolean approved) {
        Agent agent = mastra.getAgent(ex.pathParam("agentId"));
        ToolDecision decision = ToolDecision.fromJson(ex.jsonBody());
        try (Exchange.Registration slot = streamSlots.acquire(ex)) {
            sendStream(
                    ex, agent.resumeStreamRun(decision.runId(), decision.toolCallId(), approved, ex.requestContext()));
        }
    }

    /** The body of the approval routes. */
    record ToolDecision(String runId, String toolCallId) {

        static ToolDecision fromJson(JsonNode body) {
            if (!body.isObject()) {
                throw InvalidRequestException.of("body", "Expected a JSON object {\"runId\", \"toolCallId\"}");
            }
            List<Issue> issues = new ArrayList<>();
            String runId = text(body, "runId", issues);
            String toolCallId = text(body, "toolCallId", issues);
            if (!issues.isEmpty()) {
                throw new InvalidRequestException(issues);
            }
            return new ToolDecision(runId, toolCallId);
        }

        private static String text(JsonNode body, String field, List<Issue> issues) {
            JsonNode value = body.get(field);
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                issues.add(new Issue(field, field + " is required (a non-empty string)"));
                return null;
            }
            return value.asText();
        }
    }

    /**
     * Answers with {@code run} as Server-Sent Events; for every route whose answer is a run's stream. The run executes
     * on this request's thread and each chunk is written as it comes ({@link StreamRun}): no thread or queue per
     * stream beyond the request's own, and a client that reads slowly slows the run down, with at most
     * {@code maxStreamBufferBytes} held meanwhile. The heartbeat cancels the run when a silent stream's client left or
     * a write stayed blocked past {@code streamWriteTimeout}; a server stop cancels it too and says so in an error
     * frame.
     */
    private void sendStream(Exchange ex, StreamRun run) {
        SseStream sse = ex.openEventStream(maxStreamBufferBytes);
        AtomicBoolean serverStopping = new AtomicBoolean();
        try (Exchange.Registration watch = SseHeartbeat.start(sse, heartbeat, writeTimeout, run::isDone, run::cancel);
                Exchange.Registration stop = ex.onServerStop(() -> {
                    serverStopping.set(true);
                    run.cancel();
                })) {
            try {
                writeRun(ex, sse, run, serverStopping);
            } finally {
                // Still watched: the last write can block on a client that does not read.
                sse.close();
            }
        }
    }

    private void writeRun(Exchange ex, SseStream sse, StreamRun run, AtomicBoolean serverStopping) {
        String runId = run.runId();
        try {
            try {
                run.run(chunk -> sse.sendJson(generator -> Wire.writeStreamChunk(generator, chunk, runId)));
            } catch (MastraException e) {
                // The run failed and its error frame has been sent.
            } catch (CancellationException e) {
                if (sse.isBroken()) {
                    throw new ClientDisconnectedException(e);
                }
                // Cut short by a stop (or the server's own interrupt): say so, so that the client does not take the
                // partial answer as complete.
                sendError(sse, serverStopping.get() ? RequestPipeline.SHUTTING_DOWN : "Run cancelled", runId);
            }
            sse.send("[DONE]");
        } catch (ClientDisconnectedException e) {
            if (sse.writeTimedOut()) {
                LOG.debug(
                        "Request {}: client did not read the stream for {}; connection closed, run {} cancelled",
                        ex.requestId(),
                        writeTimeout,
                        runId);
            } else {
                LOG.debug("Request {}: client left the stream; run {} cancelled", ex.requestId(), runId);
            }
        } catch (RuntimeException e) {
            LOG.error("Request {}: stream of run {} failed", ex.requestId(), runId, LogSafe.throwable(e));
            try {
                sendError(sse, ErrorResponse.INTERNAL, runId);
                sse.send("[DONE]");
            } catch (ClientDisconnectedException gone) {
                // Nobody left to tell.
            }
        }
    }

    private static void sendError(SseStream sse, String message, String runId) {
        sse.sendJson(generator -> Wire.writeStreamChunk(generator, new StreamChunk.ErrorChunk(message), runId));
    }

    private AgentRequest agentRequest(Exchange ex) {
        return agentRequest(ex.jsonBody(), ex.requestContext(), ex.resourceId().orElse(null), requestTimeout);
    }

    /**
     * The run request for a generate/stream body: the server's context (user, resource id) wins over the client's
     * {@code requestContext}, and the auth provider's resource id replaces any {@code memory.resource} the client sent.
     */
    static AgentRequest agentRequest(
            JsonNode body, RequestContext serverContext, String resourceId, Duration requestTimeout) {
        AgentRequest request = AgentRequest.fromJson(body).withServerContext(serverContext);
        if (resourceId != null) {
            request = request.withMemoryResource(resourceId);
        }
        if (requestTimeout != null && request.options().timeout() == null) {
            request = new AgentRequest(
                    request.messages(),
                    request.options().toBuilder().timeout(requestTimeout).build());
        }
        return request;
    }

    private void listTools(Exchange ex) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        mastra.getTools().forEach((id, tool) -> body.set(id, Wire.toolDetails(tool)));
        ex.json(200, body);
    }

    private void getTool(Exchange ex) {
        ex.json(200, Wire.toolDetails(mastra.getTool(ex.pathParam("toolId"))));
    }

    private void executeTool(Exchange ex) {
        Tool tool = mastra.getTool(ex.pathParam("toolId"));
        execute(ex, tool, null, tool.timeout().orElse(Agent.DEFAULT_TOOL_TIMEOUT));
    }

    private void getAgentTool(Exchange ex) {
        ex.json(200, Wire.toolDetails(agentTool(ex)));
    }

    private void executeAgentTool(Exchange ex) {
        Tool tool = agentTool(ex);
        Agent agent = mastra.getAgent(ex.pathParam("agentId"));
        execute(ex, tool, agent.id(), tool.timeout().orElse(agent.toolTimeout()));
    }

    private Tool agentTool(Exchange ex) {
        Agent agent = mastra.getAgent(ex.pathParam("agentId"));
        String toolId = ex.pathParam("toolId");
        // Only the tools this request's user may see (an agent's tools function decides), as Mastra answers.
        Tool tool = agent.listTools(ex.requestContext()).get(toolId);
        if (tool == null) {
            throw new NotFoundException("Tool with id " + toolId + " not found");
        }
        return tool;
    }

    /**
     * Body {@code {"data": {...}, "requestContext": {...}?}}. A body that is not such an object, or has no
     * {@code data}, is a 400. Input that fails the tool's schema is, as in Mastra 1.x, a {@code 200} with the tool's
     * validation error object ({@link ToolValidationException#validationError()}), and the tool does not run.
     * {@code limit}: the tool's own time limit, else its agent's (as in a run), else the default; then 504.
     */
    private void execute(Exchange ex, Tool tool, String agentId, Duration limit) {
        JsonNode body = ex.jsonBody();
        if (!body.isObject()) {
            throw InvalidRequestException.of("body", "Expected a JSON object {\"data\": {...}}");
        }
        JsonNode data = body.get("data");
        if (data == null || data.isNull()) {
            throw InvalidRequestException.of("data", "data is required");
        }
        RequestContext context = ex.requestContext();
        JsonNode clientContext = body.get("requestContext");
        if (clientContext != null && !clientContext.isNull()) {
            if (!clientContext.isObject()) {
                throw InvalidRequestException.of("requestContext", "Expected an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> values = Json.MAPPER.convertValue(clientContext, Map.class);
            context.setFromClient(values);
        }
        JsonNode output;
        try {
            output = tool.execute(data, new ToolContext(context, agentId, null, null, null), limit);
        } catch (ToolValidationException e) {
            if (!e.toolId().equals(tool.id())) {
                throw e; // raised by another tool that this one's code called: not this tool's input
            }
            LOG.debug("Request {}: input for tool {} failed its schema", ex.requestId(), tool.id());
            output = e.validationError();
        }
        ex.json(200, output);
    }
}
