package dev.mastra4j.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.server.testing.RawHttp;
import dev.mastra4j.server.testing.ServerHarness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed HTTP (a method outside the token characters, chunked framing that breaks RFC 9112) is answered 4xx with a
 * JSON body and the connection closed, and logs nothing above debug, no stack trace and none of the bytes sent. What
 * RFC 9112 allows and Helidon 4.5 alone refuses with a 500 (chunk extensions, trailer sections) is decoded.
 */
class MalformedHttpTest {

    record Note(String text) {}

    private static final String TEXT = "hello; \"world\" = \u00e9t\u00e9";
    private static final String BODY = "{\"data\":{\"text\":\"hello; \\\"world\\\" = \u00e9t\u00e9\"}}";
    private static ServerHarness server;

    @BeforeAll
    static void start() {
        Tool echo = Tool.builder()
                .id("echo")
                .inputSchema(Note.class)
                .execute((in, ctx) -> Map.of("text", in.text()))
                .build();
        server = ServerHarness.start(Mastra.builder().tool(echo));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"G(T", "G\u0001T", "GE\u007fT", "{GET}", "G,T", "G\"T", "G\u00e9T", "GET@"})
    void aMethodOutsideTheTokenCharactersIs400AndQuiet(String method) throws IOException {
        try (LogTap log = LogTap.start()) {
            Exchange exchange = exchange(method + " /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertRefused(exchange, 400, "Bad request");
            assertQuiet(log);
        }
    }

    static List<String> validChunkedBodies() {
        byte[] utf8 = BODY.getBytes(StandardCharsets.UTF_8);
        String body = new String(utf8, StandardCharsets.ISO_8859_1);
        String a = body.substring(0, 10);
        String b = body.substring(10, 25);
        String c = body.substring(25);
        return List.of(
                chunk(a) + chunk(b) + chunk(c) + "0\r\n\r\n",
                chunk(a, ";ext") + chunk(b, ";a=1;b=\"x;y=z\"") + chunk(c, " ; name = \"say \\\"hi\\\"\"")
                        + "0\r\n\r\n",
                chunk(body, ";checksum=abc") + "0;last=yes\r\n\r\n",
                chunk(body) + "0\r\nX-Checksum: abc\r\nServer-Timing: db;dur=53\r\n\r\n",
                "00" + Integer.toHexString(a.length()).toUpperCase() + ";A=B\r\n" + a + "\r\n"
                        + chunk(b + c, ";\tq\t=\t\"\"") + "000;z\r\nX-T: 1\r\n\r\n");
    }

    @ParameterizedTest
    @MethodSource("validChunkedBodies")
    void chunkExtensionsAndTrailersAreDecoded(String chunked) throws IOException {
        try (LogTap log = LogTap.start()) {
            // A second request follows on the same connection: it is answered only if the first body's framing was
            // read exactly to its end.
            Exchange exchange = exchange("POST /api/tools/echo/execute HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked
                    + "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            InputStream in = new ByteArrayInputStream(exchange.bytes());
            RawHttp.Response echoed = RawHttp.read(in);
            assertThat(echoed.status()).as(echoed.body()).isEqualTo(200);
            assertThat(ServerHarness.json(echoed.body()).path("text").asText()).isEqualTo(TEXT);
            RawHttp.Response health = RawHttp.read(in);
            assertThat(health.status()).isEqualTo(200);
            assertThat(exchange.closed()).isTrue();
            assertQuiet(log);
        }
    }

    static List<Arguments> malformedChunkedBodies() {
        String invalid = "Invalid chunked body";
        String tooLarge = "Request body too large";
        return List.of(
                Arguments.of("a size that is not hex", "zz\r\nhello\r\n0\r\n\r\n", 400, invalid),
                Arguments.of("an empty size line", "\r\nhello\r\n0\r\n\r\n", 400, invalid),
                Arguments.of("a negative size", "-5\r\nhello\r\n0\r\n\r\n", 400, invalid),
                Arguments.of("space before the size", " 5\r\nhello\r\n0\r\n\r\n", 400, invalid),
                Arguments.of("space after the size", "5 \r\nhello\r\n0\r\n\r\n", 400, invalid),
                Arguments.of("a 0x prefix", "0x5\r\nhello\r\n0\r\n\r\n", 400, invalid),
                Arguments.of("an extension without a name", "5;\r\nhello\r\n0\r\n\r\n", 400, invalid),
                Arguments.of("an extension value with a space", "5;a=b c\r\nhello\r\n0\r\n\r\n", 400, invalid),
                Arguments.of("an unterminated quoted string", "5;a=\"x\r\nhello\r\n0\r\n\r\n", 400, invalid),
                Arguments.of("a control character in an extension", "5;a=\u0001\r\nhello\r\n0\r\n\r\n", 400, invalid),
                Arguments.of("a bare LF after the size", "5\nhello\r\n0\r\n\r\n", 400, invalid),
                Arguments.of("a bare CR after the size", "5\rhello\r\n0\r\n\r\n", 400, invalid),
                Arguments.of("no CRLF after the data", "5\r\nhelloXX0\r\n\r\n", 400, invalid),
                Arguments.of("a chunk longer than its size", "5\r\nhello!\r\n0\r\n\r\n", 400, invalid),
                Arguments.of("a trailer without a colon", "5\r\nhello\r\n0\r\nX-T\r\n\r\n", 400, invalid),
                Arguments.of("a folded trailer", "5\r\nhello\r\n0\r\nX-T: a\r\n b\r\n\r\n", 400, invalid),
                Arguments.of(
                        "a size line over 4 KiB", "5;a=" + "b".repeat(5000) + "\r\nhello\r\n0\r\n\r\n", 400, invalid),
                Arguments.of(
                        "over 16 KiB of extensions in one body",
                        ("1;a=" + "b".repeat(3000) + "\r\nx\r\n").repeat(6) + "0\r\n\r\n",
                        400,
                        invalid),
                Arguments.of(
                        "a trailer section over 16 KiB",
                        "5\r\nhello\r\n0\r\n" + ("X-Pad: " + "p".repeat(4000) + "\r\n").repeat(5) + "\r\n",
                        400,
                        invalid),
                Arguments.of("a chunk larger than the body limit", "200000\r\n" + "x".repeat(100), 413, tooLarge),
                Arguments.of("a size beyond any integer", "ffffffffffffffffffff\r\nhello\r\n0\r\n\r\n", 413, tooLarge));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedChunkedBodies")
    void malformedChunkedFramingIs4xxAndQuiet(String what, String chunked, int status, String error)
            throws IOException {
        try (LogTap log = LogTap.start()) {
            Exchange exchange = exchange("POST /api/tools/echo/execute HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked
                    + "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertRefused(exchange, status, error);
            assertQuiet(log);
        }
    }

    private static String chunk(String data) {
        return chunk(data, "");
    }

    private static String chunk(String data, String extensions) {
        return Integer.toHexString(data.length()) + extensions + "\r\n" + data + "\r\n";
    }

    /** One JSON error answer, nothing after it, and the connection closed. */
    private static void assertRefused(Exchange exchange, int status, String error) throws IOException {
        InputStream in = new ByteArrayInputStream(exchange.bytes());
        RawHttp.Response response = RawHttp.read(in);
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(ServerHarness.json(response.body()).path("error").asText()).isEqualTo(error);
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(in.readAllBytes()).as("anything after the answer").isEmpty();
        assertThat(exchange.closed()).isTrue();
    }

    private static void assertQuiet(LogTap log) {
        assertThat(log.lines()).noneMatch(LogTap::isLoud).noneMatch(LogTap::isStackTrace);
    }

    /** What the server sent back, and whether it then closed the connection. */
    private record Exchange(byte[] bytes, boolean closed) {}

    private static Exchange exchange(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) != -1; ) {
                    received.write(buffer, 0, n);
                }
                return new Exchange(received.toByteArray(), true);
            } catch (SocketTimeoutException stillOpen) {
                return new Exchange(received.toByteArray(), false);
            } catch (SocketException reset) {
                return new Exchange(received.toByteArray(), true);
            }
        }
    }
}
