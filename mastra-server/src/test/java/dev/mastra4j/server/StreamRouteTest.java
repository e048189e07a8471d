package dev.mastra4j.server;

import static dev.mastra4j.server.testing.ServerHarness.header;
import static dev.mastra4j.server.testing.ServerHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.model.ModelRouter;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.server.testing.TestModels.GatedStreamingModel;
import dev.mastra4j.server.testing.TestModels.SilentModel;
import dev.mastra4j.server.testing.TestModels.SlowStreamingModel;
import dev.mastra4j.testing.OpenAiStub;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /api/agents/{id}/stream}: SSE framing, order, flushing, disconnects and failures, over real HTTP. */
class StreamRouteTest {

    record WeatherInput(String location) {}

    static final String KEY = "sk-stream-secret-42";
    static final GatedStreamingModel GATED = new GatedStreamingModel("Hello", " world");
    static final SlowStreamingModel SLOW = new SlowStreamingModel(2000);
    static OpenAiStub stub;
    static ServerHarness server;

    @BeforeAll
    static void start() {
        stub = OpenAiStub.start();
        Tool weather = Tool.builder()
                .id("weatherTool")
                .description("Weather")
                .inputSchema(WeatherInput.class)
                .execute((input, ctx) -> Map.of("location", input.location(), "temperature", 21))
                .build();
        server = ServerHarness.start(Mastra.builder()
                .agent(Agent.builder()
                        .id("weatherAgent")
                        .model("offline/stand-in")
                        .tools(weather)
                        .build())
                .agent(Agent.builder().id("echo").model("offline/echo").build())
                .agent(Agent.builder().id("gated").model(GATED).build())
                .agent(Agent.builder().id("slow").model(SLOW).build())
                .agent(Agent.builder()
                        .id("remote")
                        .model(ModelRouter.resolve("openai/gpt-4o-mini", stub.env(KEY), Duration.ofSeconds(5)))
                        .build()));
    }

    @AfterAll
    static void stop() {
        server.close();
        stub.close();
    }

    /** The {@code data:} payloads of an SSE body, comments skipped. */
    static List<String> frames(String body) {
        List<String> frames = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (block.startsWith("data: ")) {
                assertThat(block).doesNotContain("\n");
                frames.add(block.substring("data: ".length()));
            } else {
                assertThat(block).as("only data frames and comments").matches("(: .*)?");
            }
        }
        return frames;
    }

    static List<String> types(List<String> frames) {
        return frames.stream()
                .filter(f -> !f.equals("[DONE]"))
                .map(f -> json(f).path("type").asText())
                .toList();
    }

    @Test
    void streamsEveryChunkAsOneFrameInRunOrderThenDone() {
        HttpResponse<String> response =
                server.post("/api/agents/weatherAgent/stream", "{\"messages\":\"Weather in London\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Content-Type")).startsWith("text/event-stream");
        assertThat(header(response, "Cache-Control")).isEqualTo("no-cache");
        assertThat(header(response, "X-Accel-Buffering")).isEqualTo("no");
        assertThat(header(response, "X-Request-Id")).isNotBlank();
        assertThat(response.body()).endsWith("data: [DONE]\n\n");

        List<String> frames = frames(response.body());
        assertThat(frames.getLast()).isEqualTo("[DONE]");
        List<String> types = types(frames);
        assertThat(types.getFirst()).isEqualTo("start");
        assertThat(types.getLast()).isEqualTo("finish");
        assertThat(types)
                .containsSubsequence(
                        "start",
                        "step-start",
                        "tool-call",
                        "tool-result",
                        "step-finish",
                        "step-start",
                        "text-start",
                        "text-delta",
                        "text-end",
                        "step-finish",
                        "finish");
        assertThat(types).doesNotContain("error");

        String runId = json(frames.getFirst()).path("runId").asText();
        StringBuilder text = new StringBuilder();
        for (String frame : frames.subList(0, frames.size() - 1)) {
            JsonNode chunk = json(frame);
            assertThat(chunk.path("runId").asText()).isEqualTo(runId);
            assertThat(chunk.path("from").asText()).isEqualTo("AGENT");
            switch (chunk.path("type").asText()) {
                case "tool-call" -> {
                    assertThat(chunk.path("payload").path("toolName").asText()).isEqualTo("weatherTool");
                    assertThat(chunk.path("payload")
                                    .path("args")
                                    .path("location")
                                    .asText())
                            .isEqualTo("London");
                }
                case "tool-result" ->
                    assertThat(chunk.path("payload")
                                    .path("result")
                                    .path("temperature")
                                    .asInt())
                            .isEqualTo(21);
                case "text-delta" ->
                    text.append(chunk.path("payload").path("text").asText());
                case "finish" -> {
                    assertThat(chunk.path("payload")
                                    .path("stepResult")
                                    .path("reason")
                                    .asText())
                            .isEqualTo("stop");
                    assertThat(chunk.path("payload")
                                    .path("output")
                                    .path("usage")
                                    .path("totalTokens")
                                    .asLong())
                            .isPositive();
                }
                default -> {}
            }
        }
        assertThat(text.toString()).contains("weatherTool returned").contains("London");
    }

    @Test
    void aMegabyteInputGivesABoundedAnswerFromTheOfflineModel() {
        String input = "word ".repeat(200_000 - 10);
        String body = "{\"messages\":\"" + input + "\"}";
        assertThat(body.length()).isLessThan(1024 * 1024);
        for (String agent : List.of("echo", "weatherAgent")) {
            HttpResponse<String> stream = server.post("/api/agents/" + agent + "/stream", body);
            assertThat(stream.statusCode()).as(agent).isEqualTo(200);
            assertThat(stream.body()).as(agent).endsWith("data: [DONE]\n\n");
            assertThat(stream.body().length()).as(agent + " stream bytes").isLessThan(64 * 1024);

            HttpResponse<String> generate = server.post("/api/agents/" + agent + "/generate", body);
            assertThat(generate.statusCode()).as(agent).isEqualTo(200);
            assertThat(generate.body().length()).as(agent + " generate bytes").isLessThan(64 * 1024);
            assertThat(json(generate).path("text").asText()).as(agent).contains("more characters");
        }
    }

    @Test
    void theFirstFrameReachesTheClientWhileTheModelIsStillRunning() throws Exception {
        HttpRequest request = server.request("/api/agents/gated/stream")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":\"hi\"}"))
                .build();
        HttpResponse<InputStream> response = server.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            // If the server buffered the answer, this read would wait for a release that never comes.
            String delta = CompletableFuture.supplyAsync(() -> readUntil(reader, "\"text-delta\""))
                    .get(15, TimeUnit.SECONDS);
            assertThat(json(delta.substring("data: ".length()))
                            .path("payload")
                            .path("text")
                            .asText())
                    .isEqualTo("Hello");
            assertThat(GATED.finished).isFalse();
            GATED.release();
            List<String> rest = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("data: ")) {
                    rest.add(line.substring("data: ".length()));
                }
            }
            assertThat(rest.getLast()).isEqualTo("[DONE]");
            assertThat(types(rest)).contains("text-delta", "finish");
            assertThat(GATED.finished).isTrue();
        }
    }

    @Test
    void aClientThatLeavesCancelsTheModelCall() throws Exception {
        byte[] body = "{\"messages\":\"count forever\"}".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/agents/slow/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(readUntil(reader, "\"text-delta\"")).contains("tok0");
        }
        // The socket is closed: the next frame write fails, the server closes the run, the model sees the cancel.
        assertThat(SLOW.cancelled.await(15, TimeUnit.SECONDS))
                .as("model call cancelled")
                .isTrue();
        assertThat(SLOW.emitted.get()).isLessThan(2000);
    }

    @Test
    void aFailureAfterTheStreamStartedIsAnErrorFrameThenDone() {
        stub.enqueue(OpenAiStub.Reply.error(503, "{\"error\":{\"message\":\"overloaded, key " + KEY + "\"}}"));
        HttpResponse<String> response = server.post("/api/agents/remote/stream", "{\"messages\":\"hi\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> frames = frames(response.body());
        assertThat(frames.getLast()).isEqualTo("[DONE]");
        List<String> types = types(frames);
        assertThat(types.getFirst()).isEqualTo("start");
        assertThat(types.getLast()).isEqualTo("error");
        JsonNode error = json(frames.get(frames.size() - 2));
        assertThat(error.path("payload").path("error").path("message").asText()).startsWith("Model provider error: ");
        assertThat(response.body()).doesNotContain(KEY).doesNotContain("overloaded");
    }

    @Test
    void failuresBeforeTheStreamStartsAreOrdinaryJsonErrors() {
        HttpResponse<String> unknown = server.post("/api/agents/nope/stream", "{\"messages\":\"hi\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(header(unknown, "Content-Type")).startsWith("application/json");
        assertThat(json(unknown).path("error").asText()).isEqualTo("Agent with id nope not found");

        HttpResponse<String> invalid = server.post("/api/agents/weatherAgent/stream", "{\"messages\":[1]}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).path("issues").get(0).path("field").asText()).startsWith("messages");

        HttpResponse<String> unknownTool = server.post(
                "/api/agents/weatherAgent/stream", "{\"messages\":\"hi\",\"activeTools\":[\"noSuchTool\"]}");
        assertThat(unknownTool.statusCode()).isEqualTo(400);
        assertThat(header(unknownTool, "Content-Type")).startsWith("application/json");
    }

    @Test
    void aClientThatLeavesASilentStreamIsNoticedByTheHeartbeat() throws Exception {
        SilentModel silent = new SilentModel("Thinking");
        System.setProperty(ApiRoutes.HEARTBEAT_PROPERTY, "100");
        ServerHarness quiet;
        try {
            quiet = ServerHarness.start(Mastra.builder()
                    .agent(Agent.builder().id("silent").model(silent).build()));
        } finally {
            System.clearProperty(ApiRoutes.HEARTBEAT_PROPERTY);
        }
        try (quiet) {
            byte[] body = "{\"messages\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), quiet.port())) {
                socket.setSoTimeout(15_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/agents/silent/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                assertThat(readUntil(reader, "\"text-delta\"")).contains("Thinking");
                // While the model is silent, keep-alive comments arrive.
                assertThat(readUntil(reader, ": keep-alive")).isEqualTo(": keep-alive");
            }
            // The model sends nothing more; only the heartbeat can find out that the client left.
            assertThat(silent.cancelled.await(15, TimeUnit.SECONDS))
                    .as("model call cancelled")
                    .isTrue();
        }
    }

    private static String readUntil(BufferedReader reader, String marker) {
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.contains(marker)) {
                    return line;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("stream ended before " + marker);
    }
}
