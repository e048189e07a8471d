package dev.mastra4j.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.agent.ToolChoice;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.server.http.JsonBody;
import dev.mastra4j.server.wire.AgentRequest;
import dev.mastra4j.server.wire.Wire;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the code of a first generate call once while the server starts, so that the first real request does not pay
 * for loading and initialising it: the request body's JSON parsing, the agent run with the offline stand-in model,
 * the tools' input validation, the tool loop (with a tool of its own that does nothing) and the response's JSON
 * writing. The auth provider's own warm-up ({@link MastraHttpApi#warmUpAuth}) covers token verification.
 *
 * <p>It has no effect a client or a log can see: nothing goes through the request pipeline (no metrics, no request
 * log), no tool of the application runs, and agents with a real model are skipped, since a model call costs money
 * and leaves the machine. A failure is logged at DEBUG only; it never stops the server.
 */
final class StartupWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(StartupWarmUp.class);
    /** The docs' generate body. */
    static final byte[] BODY = "{\"messages\": \"Weather in London\"}".getBytes(StandardCharsets.UTF_8);

    /** The id of the throwaway agent and tool. */
    static final String WARM_UP_ID = "mastra4j-warm-up";
    /** The input of the warm-up's tool, which does nothing. */
    record Location(String location) {}

    private StartupWarmUp() {}

    /** Starts the warm-up on a virtual thread; the future completes when it has run (it never fails). */
    static CompletableFuture<Void> start(Mastra mastra) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().name("mastra-warm-up").start(() -> {
            try {
                run(mastra);
            } finally {
                done.complete(null);
            }
        });
        return done;
    }

    /** One generate, as the route runs it, on the first agent with the stand-in model; a JSON round trip without. */
    static void run(Mastra mastra) {
        try {
            // Tool input validation, as a model's tool call meets it; the tools themselves never run.
            mastra.getTools().values().forEach(tool -> tool.validate(Json.MAPPER.createObjectNode()));
            AgentRequest request = ApiRoutes.agentRequest(JsonBody.parse(BODY), new RequestContext(), null, null);
            Agent agent = mastra.getAgents().values().stream()
                    .filter(candidate ->
                            !candidate.hasDynamicModel() && candidate.model().isStandIn())
                    .findFirst()
                    .orElse(null);
            if (agent == null) {
                Json.MAPPER.writeValueAsBytes(JsonBody.parse(BODY));
                return;
            }
            Json.MAPPER.writeValueAsBytes(Wire.generateResult(agent.generate(
                    request.messages(),
                    request.options().toBuilder().toolChoice(ToolChoice.NONE).build())));
            // The tool loop (a tool call, its result, the model's second step) with a throwaway agent on the same
            // stand-in model and a tool of its own that does nothing.
            Tool noOp = Tool.builder()
                    .id(WARM_UP_ID)
                    .description("Does nothing")
                    .inputSchema(Location.class)
                    .execute((input, context) -> Map.of("location", String.valueOf(input.location())))
                    .build();
            Agent withTool = Agent.builder()
                    .id(WARM_UP_ID)
                    .model(agent.model())
                    .tools(noOp)
                    .build();
            Json.MAPPER.writeValueAsBytes(
                    Wire.generateResult(withTool.generate(request.messages(), request.options())));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.debug("Start-up warm-up skipped: {}", e.toString());
        }
    }
}
