package dev.mastra4j.server;

import static dev.mastra4j.server.testing.ServerHarness.header;
import static dev.mastra4j.server.testing.ServerHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.model.ModelRouter;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.server.testing.RawHttp;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.OpenAiStub;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The contract's error table over real HTTP: every status, its JSON body, and what must never leak. */
class ErrorResponsesTest {

    private static final String KEY = "sk-test-secret-0123456789";
    private static final int LIMIT = 4096;

    /** Serialising this fails, as a bug in a tool's output type would. */
    public static final class Unserialisable {
        public String getBoom() {
            throw new IllegalStateException("secret internals of the tool");
        }
    }

    /** {@code size} bytes of 'x', generated as read. */
    static final class Zeros extends java.io.InputStream {
        private long left;

        Zeros(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            return left-- > 0 ? 'x' : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 'x');
            left -= n;
            return n;
        }
    }

    static final AtomicInteger EXECUTIONS = new AtomicInteger();
    static OpenAiStub stub;
    static ServerHarness server;

    @BeforeAll
    static void start() {
        stub = OpenAiStub.start();
        Agent echo = Agent.builder().id("echoAgent").model("offline/echo").build();
        Agent remote = Agent.builder()
                .id("remoteAgent")
                .model(ModelRouter.resolve("openai/gpt-4o-mini", stub.env(KEY), Duration.ofMillis(500)))
                .build();
        Tool counting = Tool.builder()
                .id("countingTool")
                .execute((input, ctx) -> {
                    EXECUTIONS.incrementAndGet();
                    return Map.of("ok", true);
                })
                .build();
        Tool broken = Tool.builder()
                .id("brokenTool")
                .execute((input, ctx) -> new Unserialisable())
                .build();
        Tool explode = Tool.builder()
                .id("explodingTool")
                .execute((input, ctx) -> {
                    throw new IllegalStateException("db password is hunter2");
                })
                .build();
        server = ServerHarness.start(
                Mastra.builder()
                        .agent(echo)
                        .agent(remote)
                        .tool(counting)
                        .tool(broken)
                        .tool(explode),
                s -> s.maxBodyBytes(LIMIT));
    }

    @AfterAll
    static void stop() {
        server.close();
        stub.close();
    }

    private static void assertIssue(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = json(response);
        assertThat(body.path("error").asText()).isEqualTo("Invalid request body");
        assertThat(body.path("issues").isArray()).isTrue();
        assertThat(body.path("issues").get(0).path("field").asText()).isEqualTo(field);
        assertThat(body.path("issues").get(0).path("message").asText()).isNotBlank();
    }

    @Test
    void malformedJsonIs400WithAnIssueOnBody() {
        assertIssue(server.post("/api/agents/echoAgent/generate", "{\"messages\": \"hi\""), "body");
        assertIssue(server.post("/api/agents/echoAgent/generate", "{\"messages\":\"hi\"} trailing"), "body");
        assertIssue(server.post("/api/agents/echoAgent/generate", ""), "body");
        assertIssue(server.post("/api/agents/echoAgent/generate", "[1,2]"), "body");
        assertIssue(server.post("/api/tools/countingTool/execute", "not json"), "body");
        // The input is not echoed back.
        HttpResponse<String> echoed = server.post("/api/agents/echoAgent/generate", "{\"messages\": tok_secret_value");
        assertThat(echoed.body()).doesNotContain("tok_secret_value");
        assertThat(EXECUTIONS.get()).isZero();
    }

    @Test
    void wrongTypesAre400WithTheFieldNamed() {
        assertIssue(server.post("/api/agents/echoAgent/generate", "{\"messages\":5}"), "messages");
        assertIssue(server.post("/api/agents/echoAgent/generate", "{}"), "messages");
        assertIssue(
                server.post("/api/agents/echoAgent/generate", "{\"messages\":\"hi\",\"maxSteps\":\"many\"}"),
                "maxSteps");
        assertIssue(
                server.post(
                        "/api/agents/echoAgent/generate", "{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}"),
                "messages[0].role");
        assertIssue(
                server.post("/api/agents/echoAgent/generate", "{\"messages\":\"hi\",\"requestContext\":\"x\"}"),
                "requestContext");
    }

    @Test
    void hostileJsonIs400NotA500() {
        String deep = "[".repeat(1000) + "]".repeat(1000);
        assertIssue(server.post("/api/agents/echoAgent/generate", deep), "body");
        String deepInside =
                "{\"messages\":\"hi\",\"requestContext\":{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}}";
        assertIssue(server.post("/api/agents/echoAgent/generate", deepInside), "body");
        String hugeNumber = "{\"messages\":\"hi\",\"maxSteps\":1" + "0".repeat(2000) + "}";
        assertIssue(server.post("/api/agents/echoAgent/generate", hugeNumber), "body");
        String hugeExponent = "{\"messages\":\"hi\",\"maxSteps\":1e999999999}";
        assertIssue(server.post("/api/agents/echoAgent/generate", hugeExponent), "maxSteps");
    }

    // helidon-wire: on the Spring host a path outside /api is the application's (the Spring host runs this suite
    // without it).
    @Tag("helidon-wire")
    @Test
    void unknownRoutesAre404AndWrongMethodsAre405WithAllow() {
        HttpResponse<String> notFound = server.get("/nope");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(json(notFound)).isEqualTo(json("{\"error\":\"Not found\"}"));
        assertThat(server.get("/api/agents/echoAgent/nope").statusCode()).isEqualTo(404);

        HttpResponse<String> delete =
                server.send(server.request("/api/agents").DELETE().build());
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(json(delete)).isEqualTo(json("{\"error\":\"Method not allowed\"}"));
        assertThat(header(delete, "Allow")).isEqualTo("GET");

        HttpResponse<String> getGenerate = server.get("/api/agents/echoAgent/generate");
        assertThat(getGenerate.statusCode()).isEqualTo(405);
        assertThat(header(getGenerate, "Allow")).isEqualTo("POST");
    }

    @Test
    void bodiesOverTheLimitAre413() {
        String big = "{\"data\":{\"pad\":\"" + "x".repeat(LIMIT) + "\"}}";
        HttpResponse<String> declared = server.post("/api/tools/countingTool/execute", big);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(json(declared)).isEqualTo(json("{\"error\":\"Request body too large\"}"));
        assertThat(header(declared, "X-Request-Id")).isNotBlank();

        // Chunked: no Content-Length, so the limit is enforced while reading.
        HttpRequest chunked = server.request("/api/tools/countingTool/execute")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build();
        HttpResponse<String> streamed = server.send(chunked);
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(json(streamed).path("error").asText()).isEqualTo("Request body too large");

        // A 64 MiB chunked body is cut off at the limit, not read to the end.
        HttpRequest huge = server.request("/api/tools/countingTool/execute")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(64L << 20)))
                .build();
        assertThat(server.send(huge).statusCode()).isEqualTo(413);

        // A Content-Length far above what is sent (and above the limit) is refused without waiting for the body.
        RawHttp.Response lying = RawHttp.exchange(
                server.port(),
                "POST /api/tools/countingTool/execute HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 999999999",
                "{\"data\":{}}".getBytes(StandardCharsets.UTF_8));
        assertThat(lying.status()).isEqualTo(413);
        assertThat(json(lying.body()).path("error").asText()).isEqualTo("Request body too large");

        // Just under the limit is fine.
        String fits = "{\"data\":{\"pad\":\"" + "x".repeat(LIMIT - 40) + "\"}}";
        assertThat(server.post("/api/tools/countingTool/execute", fits).statusCode())
                .isEqualTo(200);
        assertThat(EXECUTIONS.get()).isEqualTo(1);
        EXECUTIONS.set(0);
    }

    // helidon-wire: Tomcat closes the connection after a 413 (the Spring host runs this suite without it).
    @Tag("helidon-wire")
    @Test
    void aChunkLargerThanASmallLimitIsCountedSoThe413KeepsTheConnection() throws Exception {
        // Clients choose their own chunk sizes (java.net.http sends 16 KiB): a chunk over a small body limit goes
        // through the same count-and-drain as any body over the limit, and the next request is served.
        String chunk = "{\"data\":{\"pad\":\"" + "x".repeat(4 * LIMIT) + "\"}}";
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream()
                    .write(("POST /api/tools/countingTool/execute HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                                    + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n"
                                    + "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response tooLarge = RawHttp.read(socket.getInputStream());
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.header("Connection")).isNotEqualTo("close");
            assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);
        }
        assertThat(EXECUTIONS.get()).isZero();
    }

    @Test
    void postsThatAreNotJsonAre415() {
        HttpResponse<String> text =
                server.post("/api/agents/echoAgent/generate", "{\"messages\":\"hi\"}", "Content-Type", "text/plain");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(json(text)).isEqualTo(json("{\"error\":\"Unsupported media type\"}"));

        HttpResponse<String> none = server.send(server.request("/api/agents/echoAgent/generate")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":\"hi\"}"))
                .build());
        assertThat(none.statusCode()).isEqualTo(415);

        assertThat(server.post(
                                "/api/agents/echoAgent/generate",
                                "{\"messages\":\"hi\"}",
                                "Content-Type",
                                "application/json; charset=latin1")
                        .statusCode())
                .isEqualTo(415);
        assertThat(server.post(
                                "/api/agents/echoAgent/generate",
                                "{\"messages\":\"hi\"}",
                                "Content-Type",
                                "Application/JSON; charset=UTF-8")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void providerFailureIs502AndTimeoutIs504WithoutTheKey() {
        stub.enqueue(OpenAiStub.Reply.error(500, "{\"error\":{\"message\":\"upstream exploded; key " + KEY + "\"}}"));
        HttpResponse<String> failed = server.post("/api/agents/remoteAgent/generate", "{\"messages\":\"hi\"}");
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(json(failed).path("error").asText()).startsWith("Model provider error: ");
        assertThat(failed.body()).doesNotContain(KEY).doesNotContain("upstream exploded");

        stub.enqueue(OpenAiStub.Reply.text("too late").delayed(Duration.ofSeconds(3)));
        HttpResponse<String> slow = server.post("/api/agents/remoteAgent/generate", "{\"messages\":\"hi\"}");
        assertThat(slow.statusCode()).isEqualTo(504);
        assertThat(json(slow).path("error").asText()).startsWith("Model provider error: ");
        assertThat(slow.body()).doesNotContain(KEY);
    }

    @Test
    void unexpectedFailuresAre500WithTheRequestIdAndNoInternals() {
        HttpResponse<String> response = server.post("/api/tools/brokenTool/execute", "{\"data\":{}}");
        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode body = json(response);
        assertThat(body.path("error").asText()).isEqualTo("Internal server error");
        assertThat(body.path("requestId").asText())
                .isEqualTo(header(response, "X-Request-Id"))
                .isNotBlank();
        assertThat(response.body()).doesNotContain("secret internals", "Exception", "dev.mastra4j", "at ");

        HttpResponse<String> thrown = server.post("/api/tools/explodingTool/execute", "{\"data\":{}}");
        assertThat(thrown.statusCode()).isEqualTo(500);
        assertThat(json(thrown).path("error").asText()).isEqualTo("Tool explodingTool failed");
        assertThat(json(thrown).path("requestId").asText()).isEqualTo(header(thrown, "X-Request-Id"));
        assertThat(thrown.body()).doesNotContain("hunter2", "Exception");
    }

    // helidon-wire: Tomcat refuses some invalid paths itself (the Spring host runs this suite without it).
    @Tag("helidon-wire")
    @Test
    void invalidPathsAre400() {
        for (String path : new String[] {
            "/api%2Fagents",
            "/api%2fagents",
            "/api/..%2F..",
            "/a\\b",
            "/a%5Cb",
            "/a%00b",
            "/a%zz",
            "/a%C0%AF",
            "/a%FF",
            "/../api/agents",
            "/api/../../x",
            "*",
            "noslash"
        }) {
            RawHttp.Response response = server.raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1");
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(json(response.body()).path("error").asText()).as(path).isEqualTo("Invalid path");
            assertThat(response.header("X-Request-Id")).as(path).isNotBlank();
        }
    }

    // helidon-wire: Tomcat answers malformed requests itself (the Spring host runs this suite without it).
    @Tag("helidon-wire")
    @Test
    void requestsHelidonRefusesItselfStillGetJson() {
        RawHttp.Response response = server.raw("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nThis is not a header");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(json(response.body()).path("error").asText()).isEqualTo("Bad request");
        assertThat(response.header("X-Request-Id")).isNotBlank();
        assertThat(response.body()).doesNotContain("This is not");
    }
}
