package dev.mastra4j.server;

import static dev.mastra4j.server.testing.ServerHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.mastra4j.auth.SimpleAuth;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.model.CancelFlag;
import dev.mastra4j.server.testing.ServerHarness;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code maxStreamsPerUser} over real sockets: past the limit a user's stream request gets 429 with
 * {@code Retry-After}, other users are not affected, the slot comes back when a stream ends (the client leaves or the
 * run finishes), and without auth nothing is counted.
 */
class StreamLimitTest {

    record User(String id) {}

    static final String ALICE = "alice-token-0123456789";
    static final String BOB = "bob-token-0123456789";

    /** Streams "first", then holds the stream open until {@link #released} (or the call is cancelled). */
    static final class HoldingModel implements StreamingChatModel {
        volatile boolean released;

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            CancelFlag handle = new CancelFlag();
            handler.onPartialResponse(new PartialResponse("first"), new PartialResponseContext(handle));
            while (!released) {
                if (handle.isCancelled()) {
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            handler.onCompleteResponse(ChatResponse.builder()
                    .aiMessage(AiMessage.from("first"))
                    .tokenUsage(new TokenUsage(1, 1))
                    .finishReason(FinishReason.STOP)
                    .build());
        }
    }

    private static Mastra.Builder mastra(HoldingModel model) {
        return Mastra.builder()
                .agent(Agent.builder().id("hold").model(model).build())
                .agent(Agent.builder().id("echo").model("offline/echo").build());
    }

    @Test
    void pastTheLimitAStreamIs429WithRetryAfterAndAnEndedStreamFreesItsSlot() throws Exception {
        HoldingModel model = new HoldingModel();
        SimpleAuth<User> auth = SimpleAuth.<User>builder()
                .token(ALICE, new User("alice"))
                .token(BOB, new User("bob"))
                .build();
        try (ServerHarness server =
                ServerHarness.start(mastra(model), s -> s.auth(auth).maxStreamsPerUser(2))) {
            List<Socket> open = new ArrayList<>();
            try {
                Socket first = openHeldStream(server, ALICE);
                open.add(first);
                open.add(openHeldStream(server, ALICE));

                Answer third = answer(server, ALICE);
                assertThat(third.status()).isEqualTo(429);
                assertThat(third.headers().get("content-type")).startsWith("application/json");
                assertThat(json(third.body())).isEqualTo(json("{\"error\":\"Too many concurrent streams\"}"));
                assertThat(third.headers().get("retry-after")).isEqualTo("5");

                assertThat(json(server.get("/api/openapi.json", "Authorization", "Bearer " + BOB)
                                        .body())
                                .path("paths")
                                .path("/api/agents/{agentId}/stream")
                                .path("post")
                                .path("responses")
                                .has("429"))
                        .as("429 in the OpenAPI document")
                        .isTrue();

                // Another user has slots of their own, and other routes are not counted.
                open.add(openHeldStream(server, BOB));
                assertThat(server.post(
                                        "/api/agents/echo/generate",
                                        "{\"messages\":\"hi\"}",
                                        "Authorization",
                                        "Bearer " + ALICE)
                                .statusCode())
                        .isEqualTo(200);

                // A client that leaves frees its slot once the server notices (the heartbeat, a silent stream).
                first.close();
                open.remove(first);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                Answer again = answer(server, ALICE);
                while (again.status() == 429 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    again = answer(server, ALICE);
                }
                assertThat(again.held()).as("a slot after the client left").isNotNull();
                open.add(again.held());
                assertThat(answer(server, ALICE).status()).isEqualTo(429);

                // Streams that run to the end free their slots too.
                model.released = true;
                for (Socket socket : open) {
                    assertThat(readToDone(socket)).isTrue();
                }
                for (int i = 0; i < 3; i++) {
                    HttpResponse<String> done = streamRequest(server, ALICE);
                    assertThat(done.statusCode())
                            .as("stream %d after the others ended", i)
                            .isEqualTo(200);
                    assertThat(done.body()).endsWith("data: [DONE]\n\n");
                }
            } finally {
                model.released = true;
                for (Socket socket : open) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void withoutAuthStreamsAreNotCounted() throws Exception {
        HoldingModel model = new HoldingModel();
        try (ServerHarness server = ServerHarness.start(mastra(model), s -> s.maxStreamsPerUser(1))) {
            List<Socket> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    open.add(openHeldStream(server, null));
                }
            } finally {
                model.released = true;
                for (Socket socket : open) {
                    socket.close();
                }
            }
        }
    }

    private static HttpResponse<String> streamRequest(ServerHarness server, String token) {
        return server.post("/api/agents/hold/stream", "{\"messages\":\"hi\"}", "Authorization", "Bearer " + token);
    }

    /**
     * The server's answer to a stream request: a 200 is read up to its first text and kept open in {@code held} (the
     * stream then holds its slot); any other status is read whole and the socket closed.
     */
    record Answer(int status, Map<String, String> headers, String body, Socket held) {}

    private static Socket openHeldStream(ServerHarness server, String token) throws IOException {
        Answer answer = answer(server, token);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.held();
    }

    private static Answer answer(ServerHarness server, String token) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(15_000);
        byte[] body = "{\"messages\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/agents/hold/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                        + "Content-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        int status = Integer.parseInt(reader.readLine().split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).strip());
        }
        if (status != 200) {
            char[] content = new char[Integer.parseInt(headers.getOrDefault("content-length", "0"))];
            int read = 0;
            while (read < content.length) {
                int n = reader.read(content, read, content.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            socket.close();
            return new Answer(status, headers, new String(content, 0, read), null);
        }
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.contains("\"text-delta\"")) {
                return new Answer(status, headers, "", socket);
            }
        }
        throw new AssertionError("stream ended before its first text");
    }

    private static boolean readToDone(Socket socket) throws IOException {
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.equals("data: [DONE]")) {
                return true;
            }
        }
        return false;
    }
}
