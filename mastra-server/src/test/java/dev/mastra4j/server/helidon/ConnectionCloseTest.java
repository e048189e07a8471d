package dev.mastra4j.server.helidon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.server.testing.ServerHarness;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request that says {@code Connection: close} gets its answer and then the end of the connection, as RFC 9110
 * promises; Helidon 4.5.0 alone sends the header and keeps the socket open (helidon-io/helidon#12324).
 */
class ConnectionCloseTest {

    private ServerHarness server;

    @BeforeEach
    void start() {
        server = ServerHarness.start(Mastra.builder()
                .agent(Agent.builder()
                        .id("weatherAgent")
                        .env(Map.of())
                        .model("offline/weather")
                        .build()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Sends {@code request} and reads until EOF or a quiet {@code waitMillis}; returns what came and whether EOF did. */
    private record Exchange(String response, boolean closed) {}

    private Exchange exchange(String request, int waitMillis) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(waitMillis);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    received.write(buffer, 0, n);
                }
                return new Exchange(received.toString(StandardCharsets.US_ASCII), true);
            } catch (SocketTimeoutException stillOpen) {
                return new Exchange(received.toString(StandardCharsets.US_ASCII), false);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"close", "Close", "keep-alive, close", "TE, close"})
    void closesAfterAnsweringWhenAsked(String connection) throws Exception {
        Exchange health = exchange("GET /health HTTP/1.1\r\nHost: x\r\nConnection: " + connection + "\r\n\r\n", 5000);
        assertThat(health.response()).startsWith("HTTP/1.1 200").contains("{\"success\":true}");
        assertThat(health.closed()).isTrue();

        Exchange stream = exchange(
                "POST /api/agents/weatherAgent/stream HTTP/1.1\r\nHost: x\r\nConnection: "
                        + connection + "\r\nContent-Type: application/json\r\nContent-Length: 33\r\n\r\n"
                        + "{\"messages\": \"Weather in London\"}",
                5000);
        assertThat(stream.response())
                .startsWith("HTTP/1.1 200")
                .contains("data: [DONE]")
                .as("the chunked body is complete (its last chunk is written before the close)")
                .endsWith("\r\n0\r\n\r\n");
        assertThat(stream.closed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/api/nowhere"})
    void keepsTheConnectionOtherwise(String path) throws Exception {
        Exchange exchange = exchange("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n", 500);
        assertThat(exchange.response()).startsWith("HTTP/1.1 ");
        assertThat(exchange.closed()).isFalse();
    }
}
