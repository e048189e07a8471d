package dev.mastra4j.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.model.ModelRouter;
import dev.mastra4j.server.robustness.FaultyModelProvider.Fault;
import dev.mastra4j.server.testing.ServerHarness;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Clients that leave in the middle of a stream. Each departure cancels the model call (the provider sees our
 * connection close while it is still streaming), and after many of them, some at once, the server holds no more
 * threads or file descriptors than before. Open provider streams cost no platform thread each (LangChain4j's own
 * client held a common-pool thread per stream, and stalled every stream past a few hundred).
 */
class StreamDisconnectTest {

    private static final int ROUNDS = 4;
    private static final int AT_ONCE = 10;

    @Test
    void everyDepartureCancelsTheModelCallAndNothingLeaks() throws Exception {
        assumeTrue(ProcessResources.canCountFileDescriptors(), "needs /proc/self/fd");
        try (FaultyModelProvider provider = FaultyModelProvider.start()) {
            Agent remote = Agent.builder()
                    .id("remote")
                    .model(ModelRouter.resolve("openai/gpt-4o-mini", provider.env("sk-test"), Duration.ofSeconds(10)))
                    .build();
            try (ServerHarness server = ServerHarness.start(Mastra.builder().agent(remote))) {
                // One round first, so pools and lazily started threads exist before the baseline.
                departAtOnce(server, provider, AT_ONCE);
                awaitCancelled(provider, AT_ONCE);
                int threadsBefore = ProcessResources.platformThreads();
                int fdsBefore = ProcessResources.fileDescriptors();

                for (int round = 0; round < ROUNDS; round++) {
                    departAtOnce(server, provider, AT_ONCE);
                }
                awaitCancelled(provider, AT_ONCE + ROUNDS * AT_ONCE);
                assertThat(provider.endlessRunning()).isZero();

                assertThat(ProcessResources.settlesAtMost(ProcessResources::platformThreads, threadsBefore + 2))
                        .as("platform threads")
                        .isLessThanOrEqualTo(threadsBefore + 2);
                assertThat(ProcessResources.settlesAtMost(ProcessResources::fileDescriptors, fdsBefore + 3))
                        .as("file descriptors")
                        .isLessThanOrEqualTo(fdsBefore + 3);
                assertThat(ProcessResources.settlesAtMost(provider::openConnections, 0))
                        .as("connections to the provider")
                        .isZero();
                // And the server still serves streams to the end.
                provider.then(new Fault.Answer("Still here."));
                String body = server.post("/api/agents/remote/stream", "{\"messages\":\"hi\"}")
                        .body();
                assertThat(body).contains("Still here.").endsWith("data: [DONE]\n\n");
            }
        }
    }

    @Test
    void concurrentProviderStreamsHoldNoPlatformThreads() throws Exception {
        try (FaultyModelProvider provider = FaultyModelProvider.start()) {
            Agent remote = Agent.builder()
                    .id("remote")
                    .model(ModelRouter.resolve("openai/gpt-4o-mini", provider.env("sk-test"), Duration.ofSeconds(10)))
                    .build();
            try (ServerHarness server = ServerHarness.start(Mastra.builder().agent(remote))) {
                departAtOnce(server, provider, 2);
                int threadsBefore = ProcessResources.platformThreads();
                int[] during = new int[1];
                // 150 streams open at once, each with its first token read: a thread per stream would show here.
                departAtOnce(server, provider, 150, () -> during[0] = ProcessResources.platformThreads());
                assertThat(during[0])
                        .as("platform threads with 150 provider streams open")
                        .isLessThan(threadsBefore + 20);
                awaitCancelled(provider, 152);
            }
        }
    }

    private static void departAtOnce(ServerHarness server, FaultyModelProvider provider, int n) throws IOException {
        departAtOnce(server, provider, n, () -> {});
    }

    /**
     * {@code n} clients start endless streams, read the first text frame, and hang up together; {@code whileOpen} runs
     * when all of them are streaming.
     */
    private static void departAtOnce(ServerHarness server, FaultyModelProvider provider, int n, Runnable whileOpen)
            throws IOException {
        for (int i = 0; i < n; i++) {
            provider.then(new Fault.Endless());
        }
        List<Socket> sockets = new ArrayList<>();
        try {
            byte[] body = "{\"messages\":\"count forever\"}".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < n; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
                sockets.add(socket);
                socket.setSoTimeout(15_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/agents/remote/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
            for (Socket socket : sockets) {
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                assertThat(readUntil(reader, "\"text-delta\"")).contains("tok");
            }

        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void awaitCancelled(FaultyModelProvider provider, int total) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (provider.abandonedStreams() < total && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(provider.abandonedStreams()).as("model calls cancelled").isEqualTo(total);
    }

    private static String readUntil(BufferedReader reader, String marker) throws IOException {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.contains(marker)) {
                return line;
            }
        }
        throw new AssertionError("stream ended before " + marker);
    }
}
