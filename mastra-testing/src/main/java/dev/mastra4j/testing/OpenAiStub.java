package dev.mastra4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the OpenAI Chat Completions API on loopback: {@code POST /v1/chat/completions}, plain JSON or
 * Server-Sent Events (when the request says {@code "stream": true}), answering from a queue of scripted replies and
 * recording every request. Point {@code OPENAI_BASE_URL} at {@link #baseUrl()}.
 *
 * <pre>{@code
 * try (OpenAiStub stub = OpenAiStub.start()) {
 *     stub.enqueue(OpenAiStub.Reply.toolCall("call_1", "weatherTool", "{\"location\":\"London\"}"));
 *     stub.enqueue(OpenAiStub.Reply.text("Sunny in London."));
 *     ... ModelRouter.resolve("openai/gpt-4o-mini", Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", stub.baseUrl())) ...
 * }
 * }</pre>
 *
 * Binds 127.0.0.1 only. Used by mastra4j's own tests, and available to users testing their agents without a network.
 */
public final class OpenAiStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoopbackStub server;
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch clientGone = new CountDownLatch(1);
    private final CountDownLatch hangStarted = new CountDownLatch(1);

    /** One call to the stub: the parsed body and the Authorization header. */
    public record Recorded(JsonNode body, String authorization, String path) {
        public boolean streaming() {
            return body.path("stream").asBoolean(false);
        }
    }

    /** One tool call of a scripted reply. */
    public record ToolCallSpec(String id, String name, String argumentsJson) {}

    /**
     * A scripted answer. {@code status} other than 200 sends {@code errorBody} instead; {@code delay} waits before
     * answering; {@code hang} (streaming only) sends the first text piece, then keeps the connection open, sending a
     * comment line every 50 ms, until the client closes it.
     */
    public record Reply(
            String text,
            List<ToolCallSpec> toolCalls,
            int status,
            String errorBody,
            Duration delay,
            boolean hang,
            int promptTokens,
            int completionTokens) {

        public static Reply text(String text) {
            return new Reply(text, List.of(), 200, null, Duration.ZERO, false, 11, words(text));
        }

        public static Reply toolCall(String id, String name, String argumentsJson) {
            return toolCalls(new ToolCallSpec(id, name, argumentsJson));
        }

        public static Reply toolCalls(ToolCallSpec... calls) {
            return new Reply(null, List.of(calls), 200, null, Duration.ZERO, false, 13, 7);
        }

        public static Reply error(int status, String body) {
            return new Reply(null, List.of(), status, body, Duration.ZERO, false, 0, 0);
        }

        /** Streams {@code firstPiece}, then never finishes until the client goes away. */
        public static Reply hanging(String firstPiece) {
            return new Reply(firstPiece, List.of(), 200, null, Duration.ZERO, true, 0, 0);
        }

        public Reply delayed(Duration delay) {
            return new Reply(text, toolCalls, status, errorBody, delay, hang, promptTokens, completionTokens);
        }

        private static int words(String text) {
            return text == null || text.isBlank() ? 0 : text.strip().split("\\s+").length;
        }
    }

    private OpenAiStub() {
        this.server = LoopbackStub.start().route("/v1/chat/completions", this::handle);
    }

    public static OpenAiStub start() {
        return new OpenAiStub();
    }

    /** The value for {@code OPENAI_BASE_URL}, e.g. {@code http://127.0.0.1:54321/v1}. */
    public String baseUrl() {
        return server.uri() + "/v1";
    }

    /** The environment for {@code ModelRouter.resolve}: a fake key plus this base URL. */
    public Map<String, String> env(String apiKey) {
        return Map.of("OPENAI_API_KEY", apiKey, "OPENAI_BASE_URL", baseUrl());
    }

    public OpenAiStub enqueue(Reply... replies) {
        this.replies.addAll(List.of(replies));
        return this;
    }

    public List<Recorded> requests() {
        return Collections.unmodifiableList(new ArrayList<>(requests));
    }

    /** Scripted replies not used yet. */
    public int pendingReplies() {
        return replies.size();
    }

    /** Waits until a hanging reply has started streaming. */
    public boolean awaitHangStarted(Duration timeout) throws InterruptedException {
        return hangStarted.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until the client closed the connection of a hanging reply. */
    public boolean awaitClientGone(Duration timeout) throws InterruptedException {
        return clientGone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                LoopbackStub.sendJson(exchange, 405, "{\"error\":{\"message\":\"method not allowed\"}}");
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            Recorded recorded = new Recorded(
                    body,
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestURI().getPath());
            requests.add(recorded);
            Reply reply = replies.poll();
            if (reply == null) {
                LoopbackStub.sendJson(
                        exchange, 500, "{\"error\":{\"message\":\"OpenAiStub: no scripted reply left\"}}");
                return;
            }
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (reply.status() != 200) {
                LoopbackStub.sendJson(exchange, reply.status(), reply.errorBody() == null ? "{}" : reply.errorBody());
                return;
            }
            String model = body.path("model").asText("gpt-4o-mini");
            if (recorded.streaming()) {
                stream(
                        exchange,
                        reply,
                        model,
                        body.path("stream_options").path("include_usage").asBoolean(false));
            } else {
                LoopbackStub.sendJson(exchange, 200, completion(reply, model).toString());
            }
        }
    }

    private static ObjectNode completion(Reply reply, String model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-stub");
        root.put("object", "chat.completion");
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (reply.text() != null) {
            message.put("content", reply.text());
        } else {
            message.putNull("content");
        }
        if (!reply.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolCallSpec call : reply.toolCalls()) {
                ObjectNode c = calls.addObject();
                c.put("id", call.id());
                c.put("type", "function");
                c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
            }
        }
        choice.put("finish_reason", reply.toolCalls().isEmpty() ? "stop" : "tool_calls");
        root.set("usage", usage(reply));
        return root;
    }

    private void stream(HttpExchange exchange, Reply reply, String model, boolean includeUsage) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        if (reply.hang()) {
            event(
                    out,
                    chunk(
                            model,
                            JSON.createObjectNode().put("role", "assistant").put("content", reply.text()),
                            null));
            hangStarted.countDown();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    Thread.sleep(50);
                    out.write(": still thinking\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException e) {
                clientGone.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        if (reply.text() != null) {
            boolean first = true;
            for (String piece : pieces(reply.text())) {
                ObjectNode delta = JSON.createObjectNode();
                if (first) {
                    delta.put("role", "assistant");
                    first = false;
                }
                delta.put("content", piece);
                event(out, chunk(model, delta, null));
            }
        }
        for (int i = 0; i < reply.toolCalls().size(); i++) {
            ToolCallSpec call = reply.toolCalls().get(i);
            ObjectNode head = JSON.createObjectNode();
            ObjectNode headCall = head.putArray("tool_calls").addObject();
            headCall.put("index", i).put("id", call.id()).put("type", "function");
            headCall.putObject("function").put("name", call.name()).put("arguments", "");
            event(out, chunk(model, head, null));
            // Arguments arrive in fragments, as OpenAI sends them.
            String args = call.argumentsJson();
            int half = args.length() / 2;
            for (String fragment : List.of(args.substring(0, half), args.substring(half))) {
                ObjectNode delta = JSON.createObjectNode();
                delta.putArray("tool_calls")
                        .addObject()
                        .put("index", i)
                        .putObject("function")
                        .put("arguments", fragment);
                event(out, chunk(model, delta, null));
            }
        }
        event(out, chunk(model, JSON.createObjectNode(), reply.toolCalls().isEmpty() ? "stop" : "tool_calls"));
        if (includeUsage) {
            ObjectNode usageChunk = JSON.createObjectNode();
            usageChunk
                    .put("id", "chatcmpl-stub")
                    .put("object", "chat.completion.chunk")
                    .put("model", model);
            usageChunk.putArray("choices");
            usageChunk.set("usage", usage(reply));
            event(out, usageChunk);
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode chunk(String model, ObjectNode delta, String finishReason) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-stub");
        root.put("object", "chat.completion.chunk");
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return root;
    }

    private static ObjectNode usage(Reply reply) {
        return JSON.createObjectNode()
                .put("prompt_tokens", reply.promptTokens())
                .put("completion_tokens", reply.completionTokens())
                .put("total_tokens", reply.promptTokens() + reply.completionTokens());
    }

    private static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        for (String word : text.split("(?<=\\s)")) {
            pieces.add(word);
        }
        return pieces;
    }

    private static void event(OutputStream out, JsonNode data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public String toString() {
        return "OpenAiStub[" + baseUrl() + "]";
    }
}
