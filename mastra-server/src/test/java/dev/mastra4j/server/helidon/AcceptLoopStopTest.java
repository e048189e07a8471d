package dev.mastra4j.server.helidon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.webserver.WebServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Over real sockets: ending Helidon's accept loop first (without the interrupt that can drop a just-accepted
 * connection) closes the port and ends the accepting thread, while connections already open are still served; Helidon's
 * own stop then ends those as usual.
 */
class AcceptLoopStopTest {

    @Test
    void thePortClosesAndTheAcceptingThreadEndsWhileOpenConnectionsAreStillServed() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .routing(routing -> routing.any((req, res) -> res.send("ok")))
                .build()
                .start();
        Thread acceptor = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.getName().equals("server-@default-listener"))
                .findFirst()
                .orElseThrow();
        int port = server.port();
        try (Socket kept = new Socket(InetAddress.getLoopbackAddress(), port)) {
            kept.setSoTimeout(5_000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(kept.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(get(kept, in)).isEqualTo("HTTP/1.1 200 OK");

            assertThat(AcceptLoopStop.stopAccepting(server, Duration.ofSeconds(5)))
                    .isTrue();

            assertThat(acceptor.isAlive()).isFalse();
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                    .isInstanceOf(ConnectException.class);
            assertThat(get(kept, in)).as("an open connection is still served").isEqualTo("HTTP/1.1 200 OK");

            long started = System.nanoTime();
            server.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(server.isRunning()).isFalse();
            assertThat(drain(in))
                    .as("Helidon's stop still closes open connections")
                    .isTrue();
        }
    }

    /** Sends one GET on {@code socket} and returns the status line, reading the whole response. */
    private static String get(Socket socket, BufferedReader in) throws IOException {
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String status = in.readLine();
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(
                        line.substring("content-length:".length()).trim());
            }
        }
        in.skip(length);
        return status;
    }

    /** Whether the connection reaches its end (or is reset) before the read timeout. */
    private static boolean drain(BufferedReader in) {
        try {
            while (in.read() >= 0) {
                // Nothing more is expected.
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
