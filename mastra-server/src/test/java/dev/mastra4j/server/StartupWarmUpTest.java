package dev.mastra4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.model.OfflineChatModel;
import dev.mastra4j.core.model.ResolvedModel;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.server.testing.ServerHarness;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The start-up warm-up runs a generate's code, with no application tool run, no real model call and no log line. */
class StartupWarmUpTest {

    record CityInput(String location) {}

    /** The stand-in model (or, with another provider name, a "real" one), counting the calls it gets. */
    static final class CountingModel implements ChatModel {
        final AtomicInteger calls = new AtomicInteger();
        private final OfflineChatModel offline = new OfflineChatModel("counting");

        @Override
        public ChatResponse doChat(ChatRequest request) {
            calls.incrementAndGet();
            return offline.doChat(request);
        }
    }

    private static Agent agent(String provider, CountingModel model, AtomicInteger toolRuns) {
        Tool tool = Tool.builder()
                .id("weatherTool")
                .description("Current weather for a city")
                .inputSchema(CityInput.class)
                .execute((input, ctx) -> {
                    toolRuns.incrementAndGet();
                    return Map.of("location", input.location(), "temperature", 21);
                })
                .build();
        return Agent.builder()
                .id("weatherAgent")
                .instructions("Answer about the weather.")
                .model(new ResolvedModel(provider, "counting", model, null))
                .tools(tool)
                .build();
    }

    @Test
    void runsTheStandInModelOnceWithoutToolsOrLogLines() throws Exception {
        CountingModel model = new CountingModel();
        AtomicInteger toolRuns = new AtomicInteger();
        Mastra mastra = Mastra.builder()
                .agent(agent(OfflineChatModel.PROVIDER, model, toolRuns))
                .build();

        String stderr = capturingStderr(() -> MastraHttpApi.warmUp(mastra).get(30, TimeUnit.SECONDS));

        assertThat(model.calls)
                .as("one step offering no tools, then a tool call and its report with its own tool")
                .hasValue(3);
        assertThat(toolRuns).hasValue(0);
        assertThat(stderr).isEmpty();
    }

    @Test
    void neverCallsARealModel() throws Exception {
        CountingModel model = new CountingModel();
        AtomicInteger toolRuns = new AtomicInteger();
        Mastra mastra = Mastra.builder().agent(agent("openai", model, toolRuns)).build();

        String stderr = capturingStderr(() -> MastraHttpApi.warmUp(mastra).get(30, TimeUnit.SECONDS));

        assertThat(model.calls).hasValue(0);
        assertThat(toolRuns).hasValue(0);
        assertThat(stderr).isEmpty();
    }

    @Test
    void theServerWarmsUpWhenItStartsAndServesTheFirstRequestAsUsual() throws Exception {
        CountingModel model = new CountingModel();
        AtomicInteger toolRuns = new AtomicInteger();
        try (ServerHarness server =
                ServerHarness.start(Mastra.builder().agent(agent(OfflineChatModel.PROVIDER, model, toolRuns)))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (model.calls.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(model.calls).as("the warm-up's three model steps").hasValue(3);
            assertThat(toolRuns).hasValue(0);

            HttpResponse<String> first =
                    server.post("/api/agents/weatherAgent/generate", "{\"messages\": \"Weather in London\"}");

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(toolRuns)
                    .as("the client's request runs the tool, the warm-up did not")
                    .hasValue(1);
            assertThat(model.calls).hasValue(5);
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static String capturingStderr(Action action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
