package dev.mastra4j.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.model.CancelFlag;
import dev.mastra4j.server.testing.ServerHarness;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Clients that open a stream and never read it, over real sockets: each stalled stream holds at most its buffer
 * (the run waits for the socket instead of producing ahead), and after the write timeout the connection is closed
 * and the model call cancelled.
 */
@Tag("slow")
class StalledReadersTest {

    private static final int STREAMS = 20;
    private static final int BUFFER = 64 * 1024;
    /** Per stalled stream beyond its buffer: the connection, the request, the run and a parked virtual thread. */
    private static final long PER_STREAM_MARGIN = 512 * 1024;
    /** One text piece, shared by every call, so that only what the server makes of it counts. */
    private static final String PIECE = "x".repeat(1 << 20);

    /** Streams {@link #PIECE} as fast as it is taken, until cancelled; counts pieces and cancelled calls. */
    static final class FloodModel implements StreamingChatModel {
        final AtomicInteger emitted = new AtomicInteger();
        final AtomicInteger cancelled = new AtomicInteger();

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            CancelFlag handle = new CancelFlag();
            while (!handle.isCancelled() && !Thread.currentThread().isInterrupted()) {
                handler.onPartialResponse(new PartialResponse(PIECE), new PartialResponseContext(handle));
                emitted.incrementAndGet();
            }
            cancelled.incrementAndGet();
        }
    }

    @Test
    void eachStalledStreamHoldsAboutItsBufferAndTheRunWaitsForTheSocket() throws Exception {
        FloodModel model = new FloodModel();
        try (ServerHarness server = ServerHarness.start(
                Mastra.builder().agent(Agent.builder().id("flood").model(model).build()),
                s -> s.maxStreamBufferBytes(BUFFER).streamWriteTimeout(Duration.ofMinutes(2)))) {
            // One stream first, so that lazily made parts of the server exist before the baseline.
            try (Socket warmUp = openStream(server.port())) {
                assertThat(warmUp.getInputStream().read()).isPositive();
                // Left once the model streams, so that its call is there to be cancelled.
                awaitTrue(() -> model.emitted.get() > 0, "warm-up stream started");
            }
            awaitTrue(() -> model.cancelled.get() == 1, "warm-up call cancelled");
            long before = heapAfterGc();

            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < STREAMS; i++) {
                    stalled.add(openStream(server.port()));
                }
                // Every run has started, and then nothing moves while nobody reads: the runs wait for the sockets.
                awaitTrue(() -> model.emitted.get() > STREAMS, "every stream started");
                int settled = awaitStable(model.emitted::get);
                Thread.sleep(1000);
                assertThat(model.emitted.get())
                        .as("pieces produced while nobody reads")
                        .isEqualTo(settled);

                long held = heapAfterGc() - before;
                assertThat(held)
                        .as("heap held by %d stalled streams", STREAMS)
                        .isLessThan(STREAMS * (BUFFER + PER_STREAM_MARGIN));
                assertThat(model.cancelled.get()).isEqualTo(1);
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aStreamNotReadForTheWriteTimeoutIsClosedAndItsModelCallCancelled() throws Exception {
        FloodModel model = new FloodModel();
        try (ServerHarness server = ServerHarness.start(
                Mastra.builder().agent(Agent.builder().id("flood").model(model).build()),
                s -> s.streamWriteTimeout(Duration.ofSeconds(1)))) {
            try (Socket socket = openStream(server.port())) {
                awaitTrue(() -> model.emitted.get() > 0, "stream started");
                long start = System.nanoTime();
                awaitTrue(() -> model.cancelled.get() == 1, "model call cancelled after the write timeout");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

                // What the kernel holds still arrives, then the connection ends: closed, not left hanging.
                assertThat(readsToTheEnd(socket.getInputStream()))
                        .as("connection closed by the server")
                        .isTrue();
            }
        }
    }

    /** A stream request on a socket with a small receive buffer, so that the server's writes soon block. */
    static Socket openStream(int port) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        socket.setSoTimeout(20_000);
        byte[] body = "{\"messages\":\"go\"}".getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/agents/flood/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }

    /** True when the stream ends (EOF or reset) before the socket's read timeout. */
    private static boolean readsToTheEnd(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in.read(buffer) >= 0) {
                // Drain what was sent before the close.
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static int awaitStable(java.util.function.IntSupplier value) throws InterruptedException {
        int last = value.getAsInt();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            int now = value.getAsInt();
            if (now == last) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("never settled: " + last);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(20);
        }
    }
}
