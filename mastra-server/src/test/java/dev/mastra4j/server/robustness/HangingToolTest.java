package dev.mastra4j.server.robustness;

import static dev.mastra4j.server.testing.ServerHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.server.testing.ServerHarness;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tools that never return. Each call is cut off at its time limit (the tool's own, else the agent's), the hung code is
 * interrupted, and the caller gets a clear tool error: inside a run as an error tool result the run goes on with; on
 * the tool routes as 504. The server stays responsive throughout.
 */
class HangingToolTest {

    record Place(String location) {}

    static final AtomicInteger INTERRUPTED = new AtomicInteger();
    static final AtomicInteger STARTED = new AtomicInteger();
    static ServerHarness server;

    /** Blocks until interrupted (or 60 s pass), counting both. */
    static Object hang() {
        STARTED.incrementAndGet();
        try {
            new CountDownLatch(1).await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            INTERRUPTED.incrementAndGet();
            Thread.currentThread().interrupt();
        }
        return Map.of("never", "seen");
    }

    @BeforeAll
    static void start() {
        Tool ownLimit = Tool.builder()
                .id("ownLimitTool")
                .description("Hangs; its own limit is 300 ms")
                .inputSchema(Place.class)
                .timeout(Duration.ofMillis(300))
                .execute((in, ctx) -> hang())
                .build();
        Tool agentLimit = Tool.builder()
                .id("agentLimitTool")
                .description("Hangs; the agent's limit applies")
                .inputSchema(Place.class)
                .execute((in, ctx) -> hang())
                .build();
        Agent own = Agent.builder()
                .id("ownLimitAgent")
                .model("offline/weather")
                .tools(ownLimit)
                .build();
        Agent agents = Agent.builder()
                .id("agentLimitAgent")
                .model("offline/weather")
                .tools(agentLimit)
                .toolTimeout(Duration.ofMillis(400))
                .build();
        server = ServerHarness.start(Mastra.builder().agent(own).agent(agents).tool(ownLimit));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aRunEndsWithAClearToolErrorAtTheToolsOwnLimit() throws Exception {
        assertTimedOutRun("ownLimitAgent", "ownLimitTool", "300ms");
    }

    @Test
    void withoutItsOwnLimitTheAgentsLimitApplies() throws Exception {
        assertTimedOutRun("agentLimitAgent", "agentLimitTool", "400ms");
    }

    @Test
    void aStreamedRunReportsTheTimeoutAsAToolResultAndFinishes() {
        HttpResponse<String> response =
                server.post("/api/agents/ownLimitAgent/stream", "{\"messages\":\"Weather in London\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> frames = ModelProviderFaultsTest.frames(response.body());
        List<String> types = ModelProviderFaultsTest.types(frames);
        assertThat(types)
                .containsSubsequence("tool-call", "tool-result", "finish")
                .doesNotContain("error");
        JsonNode result = frames.stream()
                .map(ServerHarness::json)
                .filter(f -> f.path("type").asText().equals("tool-result"))
                .findFirst()
                .orElseThrow();
        assertThat(result.path("payload").path("result").path("error").asText())
                .isEqualTo("Tool ownLimitTool timed out after 300ms");
    }

    @Test
    void theToolRoutesAnswer504AtTheLimit() throws Exception {
        int interrupted = INTERRUPTED.get();
        HttpResponse<String> direct = server.post("/api/tools/ownLimitTool/execute", "{\"data\":{\"location\":\"x\"}}");
        assertThat(direct.statusCode()).as(direct.body()).isEqualTo(504);
        assertThat(json(direct).path("error").asText()).isEqualTo("Tool ownLimitTool timed out after 300ms");

        HttpResponse<String> viaAgent = server.post(
                "/api/agents/agentLimitAgent/tools/agentLimitTool/execute", "{\"data\":{\"location\":\"x\"}}");
        assertThat(viaAgent.statusCode()).as(viaAgent.body()).isEqualTo(504);
        assertThat(json(viaAgent).path("error").asText()).isEqualTo("Tool agentLimitTool timed out after 400ms");
        awaitInterrupted(interrupted + 2);
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    private static void assertTimedOutRun(String agent, String tool, String limit) throws Exception {
        int interrupted = INTERRUPTED.get();
        HttpResponse<String> response =
                server.post("/api/agents/" + agent + "/generate", "{\"messages\":\"Weather in London\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        JsonNode toolResult = body.path("toolResults").get(0);
        assertThat(toolResult.path("toolName").asText()).isEqualTo(tool);
        assertThat(toolResult.path("result").path("error").asText())
                .isEqualTo("Tool " + tool + " timed out after " + limit);
        // The model saw the error and answered; the run ended normally.
        assertThat(body.path("finishReason").asText()).isEqualTo("stop");
        assertThat(body.path("text").asText()).contains("timed out");
        awaitInterrupted(interrupted + 1);
    }

    private static void awaitInterrupted(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (INTERRUPTED.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(INTERRUPTED.get()).as("hung tool calls interrupted").isGreaterThanOrEqualTo(count);
    }
}
