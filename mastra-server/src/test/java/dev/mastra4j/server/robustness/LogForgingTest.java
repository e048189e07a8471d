package dev.mastra4j.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.auth.SimpleAuth;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.server.testing.RawHttp;
import dev.mastra4j.server.testing.ServerHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CR and LF (and other controls) sent through everything a client controls: the path, tool and agent ids in it,
 * header values, the method, chunk-size lines and trailers, the query, and body values that end up in a tool's
 * exception. No log line, ours or Helidon's, debug included, ever starts with the text that followed the line break;
 * the protocol-level ones log nothing above debug and no stack trace.
 */
class LogForgingTest {

    record Place(String location) {}

    private static final String TOKEN = "log-forging-token-0123456789";
    private static final String FORGED = "FORGED [main] ERROR dev.mastra4j.Fake - the server is compromised";
    private static final String AUTH = "Authorization: Bearer " + TOKEN + "\r\n";
    private static ServerHarness server;

    @BeforeAll
    static void start() {
        Tool weather = Tool.builder()
                .id("weatherTool")
                .description("Weather")
                .inputSchema(Place.class)
                .execute((in, ctx) -> {
                    // A tool whose failure quotes its input, as many do.
                    throw new IllegalArgumentException("No weather for " + in.location());
                })
                .build();
        Agent agent = Agent.builder()
                .id("weatherAgent")
                .model("offline/weather")
                .tools(weather)
                .build();
        server = ServerHarness.start(
                Mastra.builder().agent(agent).tool(weather),
                s -> s.auth(SimpleAuth.<String>builder().token(TOKEN, "alice").build()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void lineBreaksInTheProtocolReachNoLogAndNoStackTrace() throws IOException {
        String encoded = FORGED.replace(" ", "%20").replace("[", "%5B").replace("]", "%5D");
        String json = "Content-Type: application/json\r\nContent-Length: 2\r\n";
        // Request line and header lines (each ending in CRLF), then the body; the sender adds the blank line between.
        List<String[]> requests = new ArrayList<>();
        for (String lineBreak : List.of("%0D%0A", "%0A", "%0D", "%E2%80%A8", "%1B%5B2J")) {
            requests.add(new String[] {"GET /api/agents/weather" + lineBreak + encoded + " HTTP/1.1\r\n" + AUTH, ""});
            requests.add(new String[] {
                "POST /api/tools/weather" + lineBreak + encoded + "/execute HTTP/1.1\r\n" + AUTH + json, "{}"
            });
            requests.add(new String[] {
                "POST /api/agents/weatherAgent/tools/x" + lineBreak + encoded + "/execute HTTP/1.1" + "\r\n" + AUTH
                        + json,
                "{}"
            });
            requests.add(new String[] {"GET /api/agents?q=" + lineBreak + encoded + " HTTP/1.1\r\n" + AUTH, ""});
            requests.add(new String[] {"GET /api/nowhere" + lineBreak + encoded + " HTTP/1.1\r\n", ""});
        }
        for (String lineBreak : List.of("\n", "\r")) {
            requests.add(
                    new String[] {"GET /api/agents HTTP/1.1\r\nX-Note: a" + lineBreak + FORGED + "\r\n" + AUTH, ""});
            requests.add(new String[] {
                "GET /api/agents HTTP/1.1\r\nAuthorization: Bearer " + TOKEN + lineBreak + FORGED + "\r\n", ""
            });
            requests.add(new String[] {"GET" + lineBreak + FORGED + " /api/agents HTTP/1.1\r\n" + AUTH, ""});
            requests.add(chunked("5" + lineBreak + FORGED + "\r\nhello\r\n0\r\n\r\n"));
            requests.add(chunked("5;x=\"a" + lineBreak + FORGED + "\"\r\nhello\r\n0\r\n\r\n"));
            requests.add(chunked("5\r\nhello" + lineBreak + FORGED + "\r\n0\r\n\r\n"));
            requests.add(chunked("5\r\nhello\r\n0\r\nX-T: a" + lineBreak + FORGED + "\r\n\r\n"));
        }
        requests.add(new String[] {"GET /api/agents HTTP/1.1\r\nX-Note: a\r\n " + FORGED + "\r\n" + AUTH, ""});
        requests.add(new String[] {"G(T /api/agents" + encoded + " HTTP/1.1\r\n", ""});
        requests.add(
                new String[] {"GET /api/agents HTTP/1.1\r\nAuthorization: Bearer \u001b[2J" + FORGED + "\r\n", ""});

        try (LogTap log = LogTap.start()) {
            for (String[] request : requests) {
                String answer = send(request[0] + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n" + request[1]);
                // An answer that is not a 5xx, or (for bytes that are not HTTP/1.1 at all) a closed connection.
                assertThat(answer).as(request[0]).matches("(?s)(HTTP/1\\.1 [234].*)?");
            }
            assertThat(log.lines())
                    .as("the capture sees the rejections")
                    .anyMatch(line -> line.contains("DEBUG"))
                    .noneMatch(line -> line.startsWith("FORGED"))
                    .noneMatch(LogTap::isLoud)
                    .noneMatch(LogTap::isStackTrace);
        }
    }

    @Test
    void lineBreaksInBodyValuesReachLogsEscaped() {
        List<String> values = List.of(
                "London\r\n" + FORGED,
                "London\n" + FORGED,
                "London\r" + FORGED,
                "London\u2028" + FORGED,
                "London\u0085" + FORGED);
        try (LogTap log = LogTap.start()) {
            for (String value : values) {
                ObjectNode data = JsonNodeFactory.instance.objectNode();
                data.putObject("data").put("location", value);
                data.putObject("requestContext").put("note", value);
                assertThat(post("/api/tools/weatherTool/execute", data.toString())
                                .status())
                        .isEqualTo(500);
                assertThat(post("/api/agents/weatherAgent/tools/weatherTool/execute", data.toString())
                                .status())
                        .isEqualTo(500);

                ObjectNode generate = JsonNodeFactory.instance.objectNode().put("messages", "Weather in " + value);
                generate.putObject("requestContext").put("note", value);
                assertThat(post("/api/agents/weatherAgent/generate", generate.toString())
                                .status())
                        .isEqualTo(200);
                assertThat(post("/api/agents/weatherAgent/stream", generate.toString())
                                .status())
                        .isEqualTo(200);

                ObjectNode choice = JsonNodeFactory.instance.objectNode().put("messages", "hi");
                choice.putObject("toolChoice").put("type", "tool").put("toolName", value);
                choice.putArray("activeTools").add(value);
                assertThat(post("/api/agents/weatherAgent/generate", choice.toString())
                                .status())
                        .isIn(200, 400);
            }
            List<String> lines = log.lines();
            assertThat(lines).noneMatch(line -> line.startsWith("FORGED"));
            // The failures were logged, with their stack traces, and the client's text in them escaped.
            assertThat(log.text())
                    .contains("London\\r\\n" + FORGED)
                    .contains("London\\n" + FORGED)
                    .contains("London\\r" + FORGED)
                    .contains("London\\u2028" + FORGED)
                    .contains("London\\u0085" + FORGED);
            assertThat(lines).anyMatch(LogTap::isStackTrace);
        }
    }

    private static String[] chunked(String body) {
        return new String[] {
            "POST /api/tools/weatherTool/execute HTTP/1.1\r\n" + AUTH
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
            body
        };
    }

    private static RawHttp.Response post(String path, String json) {
        return RawHttp.exchange(
                server.port(),
                "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH
                        + "Content-Type: application/json\r\nContent-Length: "
                        + json.getBytes(StandardCharsets.UTF_8).length,
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends raw bytes and returns all that comes back until the server closes the connection. */
    private static String send(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | SocketException ended) {
                // A keep-alive answer (read what came) or a reset after the answer.
            }
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
