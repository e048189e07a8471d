package dev.mastra4j.server.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible chat endpoint on loopback that fails on purpose, written on a raw {@link ServerSocket} so it
 * can do what a polite HTTP server cannot: reset the connection, cut a stream without its end, or never finish.
 * Each request takes the next scripted {@link Fault} (a normal answer when none is left). Counts requests, open
 * connections, and endless streams the client walked away from, so tests can prove that the server cancelled its
 * model call and released the connection.
 */
final class FaultyModelProvider implements AutoCloseable {

    /** What the next request gets. */
    sealed interface Fault {
        /** A normal answer: JSON, or Server-Sent Events when the request asks to stream. */
        record Answer(String text) implements Fault {}

        /** An HTTP error with an OpenAI-style error body. */
        record Status(int code, String message) implements Fault {}

        /** Nothing at all for {@code delay}, then a normal answer (if the client is still there). */
        record Silence(Duration delay) implements Fault {}

        /** The request is read, then the connection is reset (TCP RST) without a response. */
        record Reset() implements Fault {}

        /**
         * Streams {@code pieces} text deltas, then ends the connection without the finish chunk or {@code [DONE]};
         * {@code reset} decides between a TCP reset and an orderly close. For a non-streaming request, half of the
         * JSON body is sent instead.
         */
        record CutShort(int pieces, boolean reset) implements Fault {}

        /** Streams a text delta every 20 ms until the client goes away (at most 60 s). */
        record Endless() implements Fault {}

        /** A (non-streamed) call of tool {@code name} with {@code arguments} exactly as given, valid JSON or not. */
        record CallTool(String name, String arguments) implements Fault {}
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerSocket socket;
    private final ConcurrentLinkedQueue<Fault> script = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger abandonedStreams = new AtomicInteger();
    private final AtomicInteger endlessRunning = new AtomicInteger();
    private final Thread acceptor;

    private FaultyModelProvider() throws IOException {
        this.socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().name("faulty-model-accept").start(this::acceptLoop);
    }

    static FaultyModelProvider start() {
        try {
            return new FaultyModelProvider();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the faulty model provider", e);
        }
    }

    /** The {@code OPENAI_BASE_URL} for this provider. */
    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }

    Map<String, String> env(String apiKey) {
        return Map.of("OPENAI_API_KEY", apiKey, "OPENAI_BASE_URL", baseUrl());
    }

    FaultyModelProvider then(Fault... faults) {
        script.addAll(List.of(faults));
        return this;
    }

    int requestCount() {
        return requests.size();
    }

    /** Connections currently open from the client. */
    int openConnections() {
        return openConnections.get();
    }

    /** Endless streams that ended because the client closed the connection. */
    int abandonedStreams() {
        return abandonedStreams.get();
    }

    /** Endless streams still being written. */
    int endlessRunning() {
        return endlessRunning.get();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
        acceptor.interrupt();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connection.setTcpNoDelay(true);
                openConnections.incrementAndGet();
                Thread.ofVirtual().name("faulty-model-conn").start(() -> serve(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            connection.setSoTimeout(60_000);
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            // Keep-alive: one request after another on the same connection until a fault ends it.
            while (true) {
                JsonNode body = readRequest(in);
                if (body == null) {
                    return;
                }
                requests.add(body);
                Fault fault = script.poll();
                if (!answer(connection, out, fault == null ? new Fault.Answer("All good.") : fault, body)) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away; nothing to do.
        } finally {
            openConnections.decrementAndGet();
        }
    }

    /** Writes the answer; false when the connection must end. */
    private boolean answer(Socket connection, OutputStream out, Fault fault, JsonNode request) throws IOException {
        boolean streaming = request.path("stream").asBoolean(false);
        String model = request.path("model").asText("gpt-4o-mini");
        switch (fault) {
            case Fault.Answer answer -> {
                if (streaming) {
                    streamHead(out);
                    delta(out, model, answer.text());
                    finish(out, model);
                    return false;
                }
                json(out, 200, completion(model, answer.text()).toString());
                return true;
            }
            case Fault.Status status -> {
                json(
                        out,
                        status.code(),
                        "{\"error\":{\"message\":\"" + status.message() + "\",\"type\":\"server_error\"}}");
                return true;
            }
            case Fault.Silence silence -> {
                try {
                    Thread.sleep(silence.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                return answer(connection, out, new Fault.Answer("Late answer."), request);
            }
            case Fault.Reset reset -> {
                connection.setSoLinger(true, 0);
                return false;
            }
            case Fault.CutShort cut -> {
                if (streaming) {
                    streamHead(out);
                    for (int i = 0; i < cut.pieces(); i++) {
                        delta(out, model, "piece" + i + " ");
                    }
                } else {
                    byte[] full = completion(model, "This answer is cut in half.")
                            .toString()
                            .getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + full.length
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(full, 0, full.length / 2);
                }
                out.flush();
                if (cut.reset()) {
                    connection.setSoLinger(true, 0);
                }
                return false;
            }
            case Fault.CallTool call -> {
                ObjectNode root = completion(model, null);
                ObjectNode choice = (ObjectNode) root.get("choices").get(0);
                choice.put("finish_reason", "tool_calls");
                ObjectNode message = (ObjectNode) choice.get("message");
                message.putNull("content");
                ObjectNode toolCall = message.putArray("tool_calls").addObject();
                toolCall.put("id", "call_" + requests.size()).put("type", "function");
                toolCall.putObject("function").put("name", call.name()).put("arguments", call.arguments());
                json(out, 200, root.toString());
                return true;
            }
            case Fault.Endless endless -> {
                streamHead(out);
                endlessRunning.incrementAndGet();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                try {
                    for (int i = 0; System.nanoTime() < deadline; i++) {
                        delta(out, model, "tok" + i + " ");
                        Thread.sleep(20);
                    }
                } catch (SocketException e) {
                    abandonedStreams.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    endlessRunning.decrementAndGet();
                }
                return false;
            }
        }
    }

    private static ObjectNode completion(String model, String text) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-faulty")
                .put("object", "chat.completion")
                .put("created", 1_700_000_000L)
                .put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text);
        root.putObject("usage")
                .put("prompt_tokens", 5)
                .put("completion_tokens", 3)
                .put("total_tokens", 8);
        return root;
    }

    private static void streamHead(OutputStream out) throws IOException {
        // No length and no chunking: the body is everything until the connection ends, as HTTP/1.1 allows.
        out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void delta(OutputStream out, String model, String text) throws IOException {
        ObjectNode chunk = chunk(model);
        ObjectNode choice = (ObjectNode) chunk.get("choices").get(0);
        choice.putObject("delta").put("content", text);
        choice.putNull("finish_reason");
        event(out, chunk.toString());
    }

    private static void finish(OutputStream out, String model) throws IOException {
        ObjectNode chunk = chunk(model);
        ObjectNode choice = (ObjectNode) chunk.get("choices").get(0);
        choice.putObject("delta");
        choice.put("finish_reason", "stop");
        event(out, chunk.toString());
        ObjectNode usage = JSON.createObjectNode()
                .put("id", "chatcmpl-faulty")
                .put("object", "chat.completion.chunk")
                .put("model", model);
        usage.putArray("choices");
        usage.putObject("usage")
                .put("prompt_tokens", 5)
                .put("completion_tokens", 3)
                .put("total_tokens", 8);
        event(out, usage.toString());
        event(out, "[DONE]");
    }

    private static ObjectNode chunk(String model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-faulty")
                .put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000L)
                .put("model", model);
        root.putArray("choices").addObject().put("index", 0);
        return root;
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void json(OutputStream out, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        // One write: a head and a body in separate small packets meet Nagle and delayed ACKs (40 ms a call).
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        response.writeBytes(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: "
                        + bytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        response.writeBytes(bytes);
        out.write(response.toByteArray());
        out.flush();
    }

    /** The JSON body of the next request, or null when the client closed the connection. */
    private static JsonNode readRequest(InputStream in) throws IOException {
        String head = readHead(in);
        if (head == null) {
            return null;
        }
        int length = 0;
        boolean chunked = false;
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).strip(), 16);
                    size > 0;
                    size = Integer.parseInt(line(in).strip(), 16)) {
                all.write(in.readNBytes(size));
                line(in);
            }
            line(in);
            body = all.toByteArray();
        } else {
            body = in.readNBytes(length);
        }
        return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
