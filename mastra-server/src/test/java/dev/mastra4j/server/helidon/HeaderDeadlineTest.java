package dev.mastra4j.server.helidon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.core.Mastra;
import dev.mastra4j.server.testing.RawHttp;
import dev.mastra4j.server.testing.ServerHarness;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slow and idle clients: a connection must deliver its request line and headers within the header timeout of being
 * accepted, a kept-alive connection its next headers within the timeout of the request line, and an idle kept-alive
 * connection is closed after the idle timeout. Everyone else is served as usual meanwhile.
 */
class HeaderDeadlineTest {

    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(3);
    private static final long TIMEOUT_MILLIS = HEADER_TIMEOUT.toMillis();
    /** The sweep runs every 300 ms here; the rest is room for a loaded machine. */
    private static final long LATEST_CUT_MILLIS = TIMEOUT_MILLIS + 1_500;

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private ServerHarness server;

    @BeforeEach
    void start() {
        server = ServerHarness.start(
                Mastra.builder(), s -> s.headerTimeout(HEADER_TIMEOUT).idleTimeout(Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() {
        server.close();
        threads.shutdownNow();
    }

    @Test
    void clientsTricklingAHeaderLineEveryTwoSecondsAreCutOffAtTheDeadlineWhileOthersAreServed() throws Exception {
        List<CompletableFuture<Closed>> tricklers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tricklers.add(CompletableFuture.supplyAsync(() -> trickle(Duration.ofSeconds(2)), threads));
        }
        long slowest = 0;
        int served = 0;
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LATEST_CUT_MILLIS);
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            HttpResponse<String> response = server.get("/health");
            slowest = Math.max(slowest, System.nanoTime() - start);
            assertThat(response.statusCode()).isEqualTo(200);
            served++;
            Thread.sleep(20);
        }
        for (CompletableFuture<Closed> trickler : tricklers) {
            Closed closed = trickler.get(30, TimeUnit.SECONDS);
            assertThat(closed.afterMillis())
                    .as("cut off at the deadline, not before")
                    .isBetween(TIMEOUT_MILLIS - 50, LATEST_CUT_MILLIS);
            assertThat(closed.answer()).as("closed without an answer").isEmpty();
        }
        assertThat(served).isGreaterThan(20);
        assertThat(TimeUnit.NANOSECONDS.toMillis(slowest))
                .as("slowest of %d normal requests", served)
                .isLessThan(1_000);
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAtTheDeadline() throws Exception {
        long start = System.nanoTime();
        try (Socket socket = connect()) {
            Closed closed = awaitClose(socket, start);
            assertThat(closed.afterMillis()).isBetween(TIMEOUT_MILLIS - 50, LATEST_CUT_MILLIS);
            assertThat(closed.answer()).isEmpty();
        }
    }

    @Test
    void stoppingTheServerLeavesNoConnectionOpen() throws Exception {
        try (Socket halfSent = connect()) {
            halfSent.getOutputStream().write(ascii("GET /health HTTP/1.1\r\nHost: x\r\n"));
            halfSent.getOutputStream().flush();
            Thread.sleep(300); // the server has the connection and is reading its head
            long start = System.nanoTime();
            server.close();
            Closed closed = awaitClose(halfSent, start);
            assertThat(closed.afterMillis())
                    .as("closed by the stop, well before the header deadline")
                    .isLessThan(TIMEOUT_MILLIS - 500);
        }
    }

    @Test
    void aKeptAliveConnectionMayIdlePastTheDeadlineButNotTrickleItsNextHeaders() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(ascii("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
            assertThat(RawHttp.read(in).status()).isEqualTo(200);

            Thread.sleep(TIMEOUT_MILLIS + 1_000);
            out.write(ascii("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
            assertThat(RawHttp.read(in).status())
                    .as("idle is the idle timeout's business")
                    .isEqualTo(200);

            long start = System.nanoTime();
            out.write(ascii("GET /health HTTP/1.1\r\nHost: x\r\n"));
            CompletableFuture<Closed> closed = CompletableFuture.supplyAsync(() -> awaitClose(socket, start), threads);
            writeEvery(out, Duration.ofSeconds(1), closed);
            assertThat(closed.get(30, TimeUnit.SECONDS).afterMillis())
                    .isBetween(TIMEOUT_MILLIS - 50, LATEST_CUT_MILLIS);
        }
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (ServerHarness shortIdle = ServerHarness.start(
                        Mastra.builder(),
                        s -> s.idleTimeout(Duration.ofSeconds(2)).headerTimeout(Duration.ofSeconds(30)));
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), shortIdle.port())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(ascii("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
            assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);
            long start = System.nanoTime();
            // Helidon looks every second, with a clock of one-second resolution.
            assertThat(awaitClose(socket, start).afterMillis()).isBetween(1_900L, 5_000L);
        }
    }

    /** How long after its start a connection was seen closed, and what it received before that. */
    private record Closed(long afterMillis, String answer) {}

    /** Sends a request line, then one header line every {@code interval}, until the server closes. */
    private Closed trickle(Duration interval) {
        long start = System.nanoTime();
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(ascii("GET /health HTTP/1.1\r\nHost: x\r\n"));
            CompletableFuture<Closed> closed = CompletableFuture.supplyAsync(() -> awaitClose(socket, start), threads);
            writeEvery(out, interval, closed);
            return closed.join();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeEvery(OutputStream out, Duration interval, CompletableFuture<Closed> closed) {
        for (int line = 0; !closed.isDone(); line++) {
            try {
                closed.get(interval.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillOpen) {
                try {
                    out.write(ascii("X-Slow-" + line + ": " + line + "\r\n"));
                    out.flush();
                } catch (IOException refused) {
                    return;
                }
            } catch (Exception e) {
                return;
            }
        }
    }

    /** Reads until the server closes the connection (end of stream or reset). */
    private static Closed awaitClose(Socket socket, long start) {
        StringBuilder received = new StringBuilder();
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            for (int n; (n = in.read(buffer)) != -1; ) {
                received.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException reset) {
            // Closed as well.
        }
        return new Closed(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), received.toString());
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(15_000);
        return socket;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
