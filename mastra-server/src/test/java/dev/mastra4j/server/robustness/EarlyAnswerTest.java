package dev.mastra4j.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.auth.AuthRule;
import dev.mastra4j.auth.RoutePattern;
import dev.mastra4j.auth.SimpleAuth;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.server.testing.RawHttp;
import dev.mastra4j.server.testing.ServerHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests answered before their body is read (no or bad credentials, forbidden, unknown route, wrong method, wrong
 * media type, a declared length over the limit, a bad path, a malformed chunk): the client reads the JSON answer and
 * then the end of the connection. The server reads at most a few kilobytes of the body, never the declared gigabyte,
 * and never reads what follows the headers as another request.
 */
class EarlyAnswerTest {

    private static final String TOKEN = "early-answer-token-0123456789";
    private static final long GIGABYTE = 1_000_000_000L;
    /** Far below the declared gigabyte, far above what the kernel's socket buffers hold on loopback. */
    private static final long FEW_MEGABYTES = 64L << 20;

    private static final AtomicInteger COUNTED = new AtomicInteger();
    private static ServerHarness server;

    @BeforeAll
    static void start() {
        Tool counter = Tool.builder()
                .id("counter")
                .execute((input, ctx) -> Map.of("n", COUNTED.incrementAndGet()))
                .build();
        server = ServerHarness.start(
                Mastra.builder().tool(counter),
                s -> s.auth(SimpleAuth.<String>builder().token(TOKEN, "alice").build())
                        .rules(
                                AuthRule.deny(RoutePattern.of("/api/tools/secret/execute")),
                                AuthRule.allow(RoutePattern.of("/api/*"))));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void resetCounter() {
        COUNTED.set(0);
    }

    static Stream<Arguments> earlyAnswers() {
        String auth = "Authorization: Bearer " + TOKEN + "\r\n";
        String json = "Content-Type: application/json\r\n";
        return Stream.of(
                Arguments.of("no credentials", "POST /api/tools/counter/execute", json, 401),
                Arguments.of(
                        "a wrong token",
                        "POST /api/tools/counter/execute",
                        json + "Authorization: Bearer nope\r\n",
                        401),
                Arguments.of("a bad path", "POST /api/tools/%2Fcounter/execute", json, 400),
                Arguments.of("a forbidden route", "POST /api/tools/secret/execute", json + auth, 403),
                Arguments.of("an unknown route", "POST /api/nothing/here", json + auth, 404),
                Arguments.of("a wrong method", "PUT /api/tools/counter/execute", json + auth, 405),
                Arguments.of(
                        "a wrong media type",
                        "POST /api/tools/counter/execute",
                        "Content-Type: text/plain\r\n" + auth,
                        415));
    }

    @ParameterizedTest(name = "{0}, Content-Length: 1 GB")
    @MethodSource("earlyAnswers")
    void aDeclaredGigabyteIsAnsweredAndTheConnectionClosedWithoutReadingIt(
            String what, String requestLine, String headers, int status) throws Exception {
        Flood flood = flood(
                requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "Content-Length: " + GIGABYTE + "\r\n\r\n",
                Framing.LENGTH);
        assertAnsweredAndClosed(flood, status);
    }

    @ParameterizedTest(name = "{0}, chunked without end")
    @MethodSource("earlyAnswers")
    void anEndlessChunkedBodyIsAnsweredAndTheConnectionClosedWithoutReadingIt(
            String what, String requestLine, String headers, int status) throws Exception {
        Flood flood = flood(
                requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "Transfer-Encoding: chunked\r\n\r\n",
                Framing.CHUNKS);
        assertAnsweredAndClosed(flood, status);
    }

    @ParameterizedTest(name = "authenticated, {0}")
    @MethodSource("authenticatedOverTheLimit")
    void aBodyOverTheLimitIsRefusedWithoutReadingIt(String header, Framing framing) throws Exception {
        Flood flood = flood(
                "POST /api/tools/counter/execute HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                        + "\r\nContent-Type: application/json\r\n" + header + "\r\n\r\n",
                framing);
        assertAnsweredAndClosed(flood, 413);
    }

    static List<Arguments> authenticatedOverTheLimit() {
        // The gigabyte is declared up front, or as one chunk's size: both are refused before any of it is read.
        return List.of(
                Arguments.of("Content-Length: " + GIGABYTE, Framing.LENGTH),
                Arguments.of("Transfer-Encoding: chunked", Framing.ONE_HUGE_CHUNK));
    }

    static Stream<Arguments> smuggling() {
        String auth = "Authorization: Bearer " + TOKEN + "\r\n";
        String head =
                "POST /api/tools/counter/execute HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
        return Stream.of(
                Arguments.of(
                        "no credentials, Content-Length: 1 GB", head + "Content-Length: " + GIGABYTE + "\r\n\r\n", 401),
                Arguments.of(
                        "no credentials, a complete chunked body",
                        head + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                        401),
                Arguments.of(
                        "authenticated, Content-Length: 1 GB",
                        head + auth + "Content-Length: " + GIGABYTE + "\r\n\r\n",
                        413),
                Arguments.of(
                        "authenticated, a malformed chunk size",
                        head + auth + "Transfer-Encoding: chunked\r\n\r\nzz\r\n",
                        400),
                Arguments.of(
                        "authenticated, a chunk without its CRLF",
                        head + auth + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}XX",
                        400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smuggling")
    void whatFollowsTheHeadersIsNeverReadAsAnotherRequest(String what, String request, int status) throws Exception {
        String smuggled = "POST /api/tools/counter/execute HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"data\":{}}";
        String received;
        boolean closed;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(15_000);
            // Everything at once, and the socket left open: only the server can end this exchange.
            socket.getOutputStream().write((request + smuggled + smuggled).getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            closed = readToEnd(socket.getInputStream(), all);
            received = all.toString(StandardCharsets.ISO_8859_1);
        }
        Matcher statusLines = Pattern.compile("HTTP/1\\.1 (\\d{3})").matcher(received);
        assertThat(statusLines.find()).as(received).isTrue();
        assertThat(statusLines.group(1)).isEqualTo(Integer.toString(status));
        assertThat(statusLines.find()).as("a second answer: " + received).isFalse();
        assertThat(closed).as("the server closed the connection").isTrue();
        assertThat(COUNTED.get()).as("the smuggled request ran").isZero();
        // The same request on its own connection does run: the counter works.
        assertThat(RawHttp.exchange(
                                server.port(),
                                smuggled.substring(0, smuggled.indexOf("\r\n\r\n")),
                                "{\"data\":{}}".getBytes(StandardCharsets.US_ASCII))
                        .status())
                .isEqualTo(200);
        assertThat(COUNTED.get()).isEqualTo(1);
    }

    @Test
    void aClientWaitingFor100ContinueGetsTheAnswerAndNoInvitationToSend() throws Exception {
        String received;
        boolean closed;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream()
                    .write(("POST /api/tools/counter/execute HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    + "Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: "
                                    + GIGABYTE
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            closed = readToEnd(socket.getInputStream(), all);
            received = all.toString(StandardCharsets.ISO_8859_1);
        }
        assertThat(received).startsWith("HTTP/1.1 401").doesNotContain("100 Continue");
        assertThat(closed).isTrue();
    }

    private static void assertAnsweredAndClosed(Flood flood, int status) {
        assertThat(flood.response().status()).isEqualTo(status);
        assertThat(flood.response().header("Content-Type")).startsWith("application/json");
        assertThat(ServerHarness.json(flood.response().body()).path("error").asText())
                .isNotBlank();
        assertThat(flood.response().header("Connection")).isEqualTo("close");
        assertThat(flood.closed())
                .as("the server closed the connection after its answer")
                .isTrue();
        assertThat(flood.sent())
                .as("body bytes the client got into the connection before it closed")
                .isLessThan(FEW_MEGABYTES);
        assertThat(COUNTED.get()).isZero();
    }

    /** How the flood's body is framed: as declared, as 64 KiB chunks, or as one chunk of a gigabyte. */
    enum Framing {
        LENGTH,
        CHUNKS,
        ONE_HUGE_CHUNK
    }

    /** The answer to a request whose body kept coming, whether the connection then ended, and the body bytes sent. */
    private record Flood(RawHttp.Response response, boolean closed, long sent) {}

    /** Sends {@code head}, then body bytes from another thread until a gigabyte is sent or the server stops taking them. */
    private static Flood flood(String head, Framing framing) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            AtomicLong sent = new AtomicLong();
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                byte[] piece = new byte[64 * 1024];
                byte[] chunkHead = (Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                byte[] chunkEnd = "\r\n".getBytes(StandardCharsets.US_ASCII);
                try {
                    if (framing == Framing.ONE_HUGE_CHUNK) {
                        out.write((Long.toHexString(GIGABYTE) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    while (sent.get() < GIGABYTE) {
                        if (framing == Framing.CHUNKS) {
                            out.write(chunkHead);
                        }
                        out.write(piece);
                        if (framing == Framing.CHUNKS) {
                            out.write(chunkEnd);
                        }
                        sent.addAndGet(piece.length);
                    }
                } catch (IOException stopped) {
                    // The server closed the connection.
                }
            });
            RawHttp.Response response = RawHttp.read(socket.getInputStream());
            boolean closed = readToEnd(socket.getInputStream(), new ByteArrayOutputStream());
            socket.close();
            writer.join(30_000);
            return new Flood(response, closed, sent.get());
        }
    }

    /** Reads until the connection ends (true: EOF or reset) or stays quiet for the socket timeout (false). */
    private static boolean readToEnd(InputStream in, ByteArrayOutputStream into) throws IOException {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                into.write(buffer, 0, n);
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }
}
