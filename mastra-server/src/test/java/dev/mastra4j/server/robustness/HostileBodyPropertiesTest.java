package dev.mastra4j.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.server.MastraHttpApi;
import dev.mastra4j.server.testing.RawHttp;
import dev.mastra4j.server.testing.ServerHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile request bodies on every POST route: random JSON, random bytes, wrong types, deep nesting, huge strings,
 * invalid UTF-8, a Content-Length that lies either way, chunked bodies over the limit. The answer is always a
 * well-formed 400, 413 or 415 (or 200 for a body that happens to be a valid request), never a 5xx and never a hang.
 */
class HostileBodyPropertiesTest {

    record Place(String location) {}

    private static final long LIMIT = 1024 * 1024;
    private static final List<String> POST_ROUTES = List.of(
            "/api/agents/weatherAgent/generate",
            "/api/agents/weatherAgent/stream",
            "/api/tools/weatherTool/execute",
            "/api/agents/weatherAgent/tools/weatherTool/execute");
    private static final List<String> KEYS = List.of(
            "messages",
            "maxSteps",
            "instructions",
            "requestContext",
            "memory",
            "modelSettings",
            "toolChoice",
            "activeTools",
            "data",
            "role",
            "content",
            "thread",
            "resource",
            "temperature",
            "maxOutputTokens",
            "topP",
            "type",
            "toolName",
            "text",
            "location",
            "user");
    static final AtomicInteger EXECUTIONS = new AtomicInteger();
    private static ServerHarness server;

    @BeforeContainer
    static void start() {
        Tool weather = Tool.builder()
                .id("weatherTool")
                .description("Weather")
                .inputSchema(Place.class)
                .execute((in, ctx) -> {
                    EXECUTIONS.incrementAndGet();
                    return Map.of("location", in.location(), "temperature", 21);
                })
                .build();
        System.setProperty(MastraHttpApi.BODY_TIMEOUT_PROPERTY, "500");
        try {
            server = ServerHarness.start(Mastra.builder()
                    .tool(weather)
                    .agent(Agent.builder()
                            .id("weatherAgent")
                            .model("offline/weather")
                            .tools(weather)
                            .build()));
        } finally {
            System.clearProperty(MastraHttpApi.BODY_TIMEOUT_PROPERTY);
        }
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    // ---- properties ----------------------------------------------------------------------------------------

    @Property(tries = 400)
    void randomJsonIsAnsweredOrRefusedCleanly(@ForAll("anyJson") JsonNode body, @ForAll("postRoutes") String route) {
        HttpResponse<String> response = server.post(route, body.toString());
        assertThat(response.statusCode()).as(route + " " + body).isIn(200, 400);
        if (response.statusCode() == 400) {
            assertInvalidRequestBody(response.body());
        } else if (route.endsWith("/stream")) {
            assertThat(response.body()).endsWith("data: [DONE]\n\n");
        }
    }

    @Property(tries = 300)
    void randomBytesAre400(@ForAll @Size(max = 300) byte[] body, @ForAll("postRoutes") String route) {
        HttpResponse<String> response = post(route, body);
        assertThat(response.statusCode()).as(route).isEqualTo(400);
        assertInvalidRequestBody(response.body());
    }

    @Property(tries = 300)
    void wrongTypesAre400NamingTheField(@ForAll("wrongTypes") Map.Entry<String, JsonNode> field) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("messages", "Weather in London");
        body.set(field.getKey(), field.getValue());
        HttpResponse<String> response = server.post("/api/agents/weatherAgent/generate", body.toString());
        assertThat(response.statusCode()).as(body.toString()).isEqualTo(400);
        JsonNode issues = ServerHarness.json(response).path("issues");
        assertThat(issues.findValuesAsText("field"))
                .as(body.toString())
                .anySatisfy(name -> assertThat(name).startsWith(field.getKey()));
    }

    @Property(tries = 200)
    void toolInputThatBreaksTheSchemaNeverRuns(@ForAll("anyJson") JsonNode data) {
        // The schema of a record: its one field required, nothing else allowed.
        boolean valid =
                data.isObject() && data.size() == 1 && data.path("location").isTextual();
        int before = EXECUTIONS.get();
        HttpResponse<String> response = server.post(
                "/api/tools/weatherTool/execute",
                JsonNodeFactory.instance.objectNode().set("data", data).toString());
        if (valid) {
            assertThat(response.statusCode()).as(data.toString()).isEqualTo(200);
            assertThat(EXECUTIONS.get()).isEqualTo(before + 1);
        } else if (data.isNull() || response.statusCode() == 400) {
            // No data at all, or a body past the JSON limits (a 100-digit number): not a tool call, a 400 on it.
            assertThat(response.statusCode()).as(data.toString()).isEqualTo(400);
            assertThat(ServerHarness.json(response).path("issues").findValuesAsText("field"))
                    .as(data.toString())
                    .singleElement()
                    .isIn(data.isNull() ? "data" : "body");
            assertThat(EXECUTIONS.get()).as("execute ran for " + data).isEqualTo(before);
        } else {
            // As in Mastra 1.x: a result with Mastra's validation error object, never a run.
            assertThat(response.statusCode()).as(data.toString()).isEqualTo(200);
            JsonNode result = ServerHarness.json(response);
            assertThat(result.path("error").asBoolean()).as(data.toString()).isTrue();
            assertThat(result.path("message").asText())
                    .as(data.toString())
                    .startsWith("Tool input validation failed for weatherTool.");
            assertThat(result.path("validationErrors").path("errors").isArray()).isTrue();
            assertThat(result.path("validationErrors").path("fields").isObject())
                    .isTrue();
            assertThat(EXECUTIONS.get()).as("execute ran for " + data).isEqualTo(before);
        }
    }

    @Property(tries = 20)
    void chunkedBodiesOverTheLimitAre413(
            @ForAll @IntRange(min = 1, max = 4 * 1024 * 1024) int extra, @ForAll("postRoutes") String route) {
        long size = LIMIT + extra;
        HttpRequest request = server.request(route)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Filler(size)))
                .build();
        HttpResponse<String> response = server.send(request);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(ServerHarness.json(response).path("error").asText()).isEqualTo("Request body too large");
    }

    // ---- fixed cases ---------------------------------------------------------------------------------------

    @Example
    void tenThousandLevelsOfNestingAre400() {
        String arrays = "[".repeat(10_000) + "]".repeat(10_000);
        String objects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        for (String deep : List.of(
                arrays,
                objects,
                "{\"messages\":" + arrays + "}",
                "{\"messages\":\"hi\",\"requestContext\":" + objects + "}",
                "{\"data\":" + objects + "}")) {
            for (String route : POST_ROUTES) {
                HttpResponse<String> response = server.post(route, deep);
                assertThat(response.statusCode()).as(route).isEqualTo(400);
                assertInvalidRequestBody(response.body());
            }
        }
    }

    @Example
    void hugeStringsUpToTheLimitAreServedAndBeyondItAre413() {
        String big = "x".repeat((int) LIMIT - 100);
        HttpResponse<String> generate =
                server.post("/api/agents/weatherAgent/generate", "{\"messages\":\"" + big + "\"}");
        assertThat(generate.statusCode()).isEqualTo(200);
        HttpResponse<String> tool =
                server.post("/api/tools/weatherTool/execute", "{\"data\":{\"location\":\"" + big + "\"}}");
        assertThat(tool.statusCode()).isEqualTo(200);
        HttpResponse<String> over =
                server.post("/api/agents/weatherAgent/generate", "{\"messages\":\"" + big + "x".repeat(200) + "\"}");
        assertThat(over.statusCode()).isEqualTo(413);
        // Many small keys within the limit.
        StringBuilder keys = new StringBuilder("{\"messages\":\"hi\",\"requestContext\":{");
        for (int i = 0; keys.length() < LIMIT - 100; i++) {
            keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        keys.append("}}");
        assertThat(server.post("/api/agents/weatherAgent/generate", keys.toString())
                        .statusCode())
                .isIn(200, 400);
    }

    @Example
    void invalidUtf8Is400() {
        List<byte[]> sequences = List.of(
                new byte[] {(byte) 0xC3, 0x28},
                new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80},
                new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xE2, (byte) 0x82},
                // Overlong '/' in three bytes, and a code point past U+10FFFF: Jackson alone accepts both.
                new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
        for (byte[] bad : sequences) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes("{\"messages\":\"a".getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(bad);
            body.writeBytes("b\"}".getBytes(StandardCharsets.US_ASCII));
            for (String route : List.of(POST_ROUTES.get(0), POST_ROUTES.get(1))) {
                HttpResponse<String> response = post(route, body.toByteArray());
                assertThat(response.statusCode()).as(route).isEqualTo(400);
                assertInvalidRequestBody(response.body());
            }
        }
    }

    @Example
    void aContentLengthShorterThanTheBodyIs400() {
        byte[] body = "{\"messages\":\"Weather in London\"}".getBytes(StandardCharsets.UTF_8);
        RawHttp.Response response = RawHttp.exchange(
                server.port(),
                "POST /api/agents/weatherAgent/generate HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5",
                body);
        assertThat(response.status()).isEqualTo(400);
        assertInvalidRequestBody(response.body());
    }

    @Example
    void aContentLengthLongerThanTheBodyDoesNotHoldTheConnection() throws IOException {
        byte[] body = "{\"messages\":\"Weather in London\"}".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            // The server's body deadline is 500 ms here; without one this read would wait until the socket timeout.
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/agents/weatherAgent/generate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + (body.length + 100) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            // The connection is closed (no answer can follow a body that never came); -1 or a reset, not a timeout.
            try {
                assertThat(in.read()).isEqualTo(-1);
            } catch (SocketException reset) {
                assertThat(reset).isNotInstanceOf(SocketTimeoutException.class);
            }
        }
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    @Example
    void malformedLengthsAndFramingAre400() {
        byte[] body = "{\"messages\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
        for (String framing : List.of(
                "Content-Length: -5",
                "Content-Length: abc",
                "Content-Length: 1e3",
                "Content-Length: 17\r\nContent-Length: 18",
                "Content-Length: 99999999999999999999999")) {
            RawHttp.Response response = RawHttp.exchange(
                    server.port(),
                    "POST /api/agents/weatherAgent/generate "
                            + "HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + framing,
                    body);
            assertThat(response.status()).as(framing).isIn(400, 413);
            assertThat(ServerHarness.json(response.body()).has("error"))
                    .as(framing)
                    .isTrue();
        }
    }

    @Example
    void bodiesThatAreNotJsonMediaAre415() {
        for (String type : List.of(
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/json-patch+json",
                "application/jsonx")) {
            HttpResponse<String> response =
                    server.post(POST_ROUTES.get(0), "{\"messages\":\"hi\"}", "Content-Type", type);
            assertThat(response.statusCode()).as(type).isEqualTo(415);
        }
    }

    // ---- generators and helpers ----------------------------------------------------------------------------

    @Provide
    Arbitrary<String> postRoutes() {
        return Arbitraries.of(POST_ROUTES);
    }

    @Provide
    Arbitrary<JsonNode> anyJson() {
        return json(4);
    }

    private static Arbitrary<JsonNode> json(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(24).map(TextNode::valueOf),
                Arbitraries.of(
                                "Weather in London",
                                "",
                                "auto",
                                "none",
                                "required",
                                "user",
                                "assistant",
                                "system",
                                "weatherTool")
                        .map(TextNode::valueOf),
                Arbitraries.integers().map(IntNode::valueOf),
                Arbitraries.longs().map(LongNode::valueOf),
                Arbitraries.bigDecimals().ofScale(3).map(d -> (JsonNode) DecimalNode.valueOf(d)),
                Arbitraries.of(BigDecimal.ZERO.scaleByPowerOfTen(400), new BigDecimal("-1e-400"))
                        .map(d -> (JsonNode) DecimalNode.valueOf(d)),
                Arbitraries.of(true, false).map(BooleanNode::valueOf),
                Arbitraries.just(NullNode.getInstance()));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> deeper = Arbitraries.lazy(() -> json(depth - 1));
        Arbitrary<JsonNode> arrays = deeper.list().ofMaxSize(4).map(items -> {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            items.forEach(array::add);
            return array;
        });
        Arbitrary<String> keys =
                Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.strings().ofMaxLength(6));
        Arbitrary<JsonNode> objects = Arbitraries.maps(keys, deeper)
                .ofMaxSize(5)
                .map(entries -> {
                    ObjectNode object = JsonNodeFactory.instance.objectNode();
                    entries.forEach(object::set);
                    return object;
                });
        return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(1, arrays), Tuple.of(3, objects));
    }

    /** A field of the generate body and a value of a type it never accepts. */
    @Provide
    Arbitrary<Map.Entry<String, JsonNode>> wrongTypes() {
        Arbitrary<JsonNode> numbers = Arbitraries.integers().map(i -> (JsonNode) IntNode.valueOf(i));
        Arbitrary<JsonNode> booleans = Arbitraries.of(true, false).map(BooleanNode::valueOf);
        Arbitrary<JsonNode> strings = Arbitraries.strings()
                .ofMinLength(1)
                .ofMaxLength(8)
                .filter(s -> !List.of("auto", "none", "required").contains(s))
                .map(TextNode::valueOf);
        Arbitrary<JsonNode> arrays = Arbitraries.integers()
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .map(list -> {
                    ArrayNode array = JsonNodeFactory.instance.arrayNode();
                    list.forEach(array::add);
                    return array;
                });
        Arbitrary<JsonNode> objects = Arbitraries.integers()
                .map(i -> JsonNodeFactory.instance.objectNode().put("x", i));
        return Arbitraries.oneOf(
                entries("messages", Arbitraries.oneOf(numbers, booleans, objects, arrays)),
                entries("maxSteps", Arbitraries.oneOf(strings, booleans, objects, arrays)),
                entries("instructions", Arbitraries.oneOf(numbers, booleans, objects, arrays)),
                entries("requestContext", Arbitraries.oneOf(numbers, booleans, strings, arrays)),
                entries("memory", Arbitraries.oneOf(numbers, booleans, strings, arrays)),
                entries("modelSettings", Arbitraries.oneOf(numbers, booleans, strings, arrays)),
                entries("activeTools", Arbitraries.oneOf(numbers, booleans, strings, objects)),
                entries("toolChoice", Arbitraries.oneOf(numbers, booleans, strings, arrays)));
    }

    private static Arbitrary<Map.Entry<String, JsonNode>> entries(String field, Arbitrary<JsonNode> values) {
        return values.map(value -> Map.entry(field, value));
    }

    private static HttpResponse<String> post(String route, byte[] body) {
        return server.send(server.request(route)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    private static void assertInvalidRequestBody(String body) {
        JsonNode json = ServerHarness.json(body);
        assertThat(json.path("error").asText()).isEqualTo("Invalid request body");
        assertThat(json.path("issues").isArray() && !json.path("issues").isEmpty())
                .as(body)
                .isTrue();
        assertThat(body).doesNotContain("Exception").doesNotContain("at dev.");
    }

    /** {@code size} bytes of {@code {"messages":"xxx...}, made as they are read. */
    static final class Filler extends InputStream {
        private static final byte[] HEAD = "{\"messages\":\"".getBytes(StandardCharsets.US_ASCII);
        private long position;
        private final long size;

        Filler(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            int b = position < HEAD.length ? HEAD[(int) position] : 'x';
            position++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) read();
            }
            return n;
        }
    }
}
