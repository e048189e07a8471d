package dev.mastra4j.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.server.robustness.LoadGenerator.Miss;
import dev.mastra4j.server.robustness.LoadGenerator.Shot;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.server.testing.TestModels.SlowStreamingModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The server is stopped while generate calls and long streams are running. Generate calls in flight complete with
 * 200; requests that arrive during the drain get 503; streams that would outlast the shutdown timeout are ended
 * cleanly before it runs out, with an error frame saying why and {@code [DONE]}, so no client is left with a silently
 * truncated answer. Nothing else: no 500, no reset of an accepted request.
 */
@Tag("slow")
class GracefulShutdownUnderLoadTest {

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);
    private static final int STREAMS = 4;
    /** Blocking readers must not sit on the common pool (its one worker on two cores would starve the stop). */
    private static final Executor VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();

    /** Answers after 600 ms, counting calls started and finished. */
    static final class SlowChatModel implements ChatModel {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();

        @Override
        public ChatResponse doChat(ChatRequest request) {
            started.incrementAndGet();
            try {
                Thread.sleep(600);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            finished.incrementAndGet();
            return ChatResponse.builder()
                    .aiMessage(AiMessage.from("done"))
                    .tokenUsage(new TokenUsage(1, 1))
                    .finishReason(FinishReason.STOP)
                    .build();
        }
    }

    /** One client reading a stream to its end. */
    record StreamEnd(List<String> frames, long endedAtNanos) {}

    @Test
    void inFlightCallsCompleteNewOnesGet503AndStreamsEndCleanly() throws Exception {
        SlowChatModel slow = new SlowChatModel();
        SlowStreamingModel endless = new SlowStreamingModel(1_000_000);
        ServerHarness server = ServerHarness.start(
                Mastra.builder()
                        .agent(Agent.builder().id("slow").model(slow).build())
                        .agent(Agent.builder().id("endless").model(endless).build()),
                s -> s.shutdownTimeout(SHUTDOWN_TIMEOUT));
        List<CompletableFuture<StreamEnd>> streams = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            streams.add(openStream(server.port()));
        }
        HttpRequest generate = server.request("/api/agents/slow/generate")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":\"hi\"}"))
                .build();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        LoadGenerator load = LoadGenerator.start(
                server.client(),
                6,
                () -> new Shot("generate", generate, response -> {
                    if (response.statusCode() == 200 && response.body().contains("\"text\":\"done\"")) {
                        ok.incrementAndGet();
                        return true;
                    }
                    if (response.statusCode() == 503
                            && response.body().equals("{\"error\":\"Server is shutting down\"}")) {
                        refused.incrementAndGet();
                        return true;
                    }
                    return false;
                }));
        load.awaitMore(12);

        long stopStarted = System.nanoTime();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close, VIRTUAL);
        stopping.get(SHUTDOWN_TIMEOUT.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        long stopEnded = System.nanoTime();
        load.stop();

        // After the stop, connecting is refused, and a request sent on a connection the stop closes gets no answer
        // at all: the client sees the failure, and nothing was done for it (the model counts below prove that).
        List<Miss> lost = load.misses().stream()
                .filter(miss -> !(miss.status() == -1 && unanswered(miss.detail())))
                .toList();
        assertThat(lost).as("answers other than 200, 503 or no answer at all").isEmpty();
        assertThat(refused.get()).as("requests refused during the drain").isPositive();
        // Every model call that started also finished, and each one's answer reached its client.
        assertThat(slow.started.get()).isEqualTo(slow.finished.get()).isEqualTo(ok.get());

        assertThat(Duration.ofNanos(stopEnded - stopStarted)).isLessThan(SHUTDOWN_TIMEOUT.plusSeconds(2));
        for (CompletableFuture<StreamEnd> stream : streams) {
            StreamEnd end = stream.get(10, TimeUnit.SECONDS);
            List<String> frames = end.frames();
            assertThat(frames.getLast()).isEqualTo("[DONE]");
            assertThat(frames.get(frames.size() - 2))
                    .contains("\"type\":\"error\"")
                    .contains("Server is shutting down");
            assertThat(end.endedAtNanos())
                    .as("stream ended within the shutdown timeout")
                    .isLessThan(stopStarted + SHUTDOWN_TIMEOUT.toNanos());
        }
        assertThat(endless.cancelled.await(10, TimeUnit.SECONDS))
                .as("the streams' model calls were cancelled")
                .isTrue();
    }

    private static boolean unanswered(String failure) {
        return failure.startsWith("java.net.ConnectException")
                || failure.equals("java.io.IOException: HTTP/1.1 header parser received no bytes");
    }

    /** Starts a stream on a raw socket, waits for its first token, then reads it to the end in the background. */
    private static CompletableFuture<StreamEnd> openStream(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        byte[] body = "{\"messages\":\"count\"}".getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/agents/endless/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null && !line.contains("text-delta"); line = reader.readLine()) {
            // Headers and the first frames.
        }
        return CompletableFuture.supplyAsync(
                () -> {
                    List<String> frames = new ArrayList<>();
                    try (socket) {
                        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                            if (line.startsWith("data: ")) {
                                frames.add(line.substring("data: ".length()));
                                if (line.equals("data: [DONE]")) {
                                    break;
                                }
                            }
                        }
                    } catch (IOException e) {
                        frames.add("read failed: " + e);
                    }
                    return new StreamEnd(frames, System.nanoTime());
                },
                VIRTUAL);
    }
}
