package dev.mastra4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StreamResponseTest {

    private static final String FIXTURE = StubServer.resource("mastra-1.71-stream.sse");
    private static final String FIXTURE_TEXT =
            "Sunny, 21 C and a light breeze in London (fixed reply from the in-process mock model).";

    @Test
    void theFirstEventIsReadBeforeTheServerHasSentTheRest() throws Exception {
        int endOfFirstEvent = FIXTURE.indexOf("\n\n") + 2;
        byte[] first = FIXTURE.substring(0, endOfFirstEvent).getBytes(StandardCharsets.UTF_8);
        byte[] rest = FIXTURE.substring(endOfFirstEvent).getBytes(StandardCharsets.UTF_8);
        CountDownLatch clientHasFirstEvent = new CountDownLatch(1);
        AtomicBoolean restSent = new AtomicBoolean();

        try (StubServer server = StubServer.start().then(exchange -> {
                    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream out = exchange.getResponseBody();
                    writeInPieces(out, first, 7);
                    // Hold back everything else until the client proves it already has the first event.
                    awaitQuietly(clientHasFirstEvent);
                    restSent.set(true);
                    writeInPieces(out, rest, 64);
                    out.close();
                });
                MastraClient client = server.client().build();
                StreamResponse stream = client.getAgent("weatherAgent").stream("Weather in London")) {
            Iterator<StreamEvent> events = stream.iterator();

            StreamEvent start = events.next();
            assertThat(restSent)
                    .as("the rest of the body was sent before the first event was read")
                    .isFalse();
            clientHasFirstEvent.countDown();

            assertThat(start.type()).isEqualTo("start");
            assertThat(start.runId()).isEqualTo("d114a0a5-29c7-452b-b96b-6eb10695d8b7");
            assertThat(start.from()).isEqualTo("AGENT");
            assertThat(start.payload().path("id").asText()).isEqualTo("weatherAgent");

            List<String> types = new ArrayList<>();
            events.forEachRemaining(e -> types.add(e.type()));
            assertThat(types)
                    .containsExactly("step-start", "text-start", "text-delta", "text-end", "step-finish", "finish");
        }
    }

    @Test
    void textCollectsTheDeltasOfTheFixture() {
        try (StubServer server = StubServer.start().then(StubServer.sse(FIXTURE));
                MastraClient client = server.client().build()) {
            assertThat(client.getAgent("weatherAgent").stream("Weather in London")
                            .text())
                    .isEqualTo(FIXTURE_TEXT);
            StubServer.Received request = server.received().get(0);
            assertThat(request.path()).isEqualTo("/api/agents/weatherAgent/stream");
            assertThat(request.header("Accept")).isEqualTo("text/event-stream");
        }
    }

    @Test
    void textStreamYieldsOnlyTextDeltas() {
        String sse = event("start", "{}") + event("text-delta", "{\"text\":\"Hel\"}")
                + event("tool-call", "{\"toolCallId\":\"c1\",\"toolName\":\"weather\",\"args\":{}}")
                + event("text-delta", "{\"text\":\"lo\"}") + event("finish", "{}") + "data: [DONE]\n\n";
        try (StubServer server = StubServer.start().then(StubServer.sse(sse));
                MastraClient client = server.client().build();
                StreamResponse stream = client.getAgent("a").stream("hi")) {
            assertThat(stream.textStream()).containsExactly("Hel", "lo");
        }
    }

    @Test
    void anErrorChunkIsAnEventAndAnExceptionInText() {
        String sse = event("start", "{}") + event("text-delta", "{\"text\":\"partial\"}")
                + event("error", "{\"error\":{\"message\":\"Model provider error: timeout\"}}") + "data: [DONE]\n\n";
        try (StubServer server = StubServer.start().then(StubServer.sse(sse)).then(StubServer.sse(sse));
                MastraClient client = server.client().build()) {
            try (StreamResponse stream = client.getAgent("a").stream("hi")) {
                List<StreamEvent> events = stream.chunks().toList();
                assertThat(events).extracting(StreamEvent::type).containsExactly("start", "text-delta", "error");
                assertThat(events.get(2).isError()).isTrue();
            }
            assertThatThrownBy(() -> client.getAgent("a").stream("hi").text())
                    .isInstanceOfSatisfying(MastraClientException.class, e -> {
                        assertThat(e.error()).isEqualTo("Model provider error: timeout");
                        assertThat(e.getMessage()).contains("POST /api/agents/a/stream", "timeout");
                    });
        }
    }

    @Test
    void aStreamEndingAfterFinishWithoutDoneIsComplete() {
        String sse = event("start", "{}") + event("text-delta", "{\"text\":\"x\"}") + event("finish", "{}");
        try (StubServer server = StubServer.start().then(StubServer.sse(sse));
                MastraClient client = server.client().build()) {
            assertThat(client.getAgent("a").stream("hi").text()).isEqualTo("x");
        }
    }

    @Test
    void aChunkThatIsNotJsonBreaksTheStream() {
        String sse = event("start", "{}") + "data: {not json\n\n";
        try (StubServer server = StubServer.start().then(StubServer.sse(sse));
                MastraClient client = server.client().build()) {
            assertThatThrownBy(() -> client.getAgent("a").stream("hi").text())
                    .isInstanceOfSatisfying(
                            MastraClientException.class,
                            e -> assertThat(e.getMessage()).contains("not JSON"));
        }
    }

    @Test
    void aStreamCanBeConsumedOnlyOnce() {
        try (StubServer server = StubServer.start().then(StubServer.sse(FIXTURE));
                MastraClient client = server.client().build();
                StreamResponse stream = client.getAgent("a").stream("hi")) {
            stream.iterator();
            assertThatThrownBy(stream::chunks).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void closingTheStreamDropsTheConnection() throws Exception {
        CountDownLatch serverSawDisconnect = new CountDownLatch(1);
        try (StubServer server = StubServer.start().then(exchange -> {
                    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream out = exchange.getResponseBody();
                    try {
                        out.write(event("start", "{}").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        // Keep producing, as a model would, until the client goes away.
                        for (int i = 0; i < 2_000; i++) {
                            out.write(event("text-delta", "{\"text\":\"t" + i + "\"}")
                                    .getBytes(StandardCharsets.UTF_8));
                            out.flush();
                            Thread.sleep(5);
                        }
                    } catch (IOException disconnected) {
                        serverSawDisconnect.countDown();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                MastraClient client = server.client().build()) {
            StreamResponse stream = client.getAgent("a").stream("hi");
            Iterator<StreamEvent> events = stream.iterator();
            assertThat(events.next().type()).isEqualTo("start");

            stream.close();

            assertThat(serverSawDisconnect.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(events.hasNext()).isFalse();
        }
    }

    @Test
    void closeFromAnotherThreadEndsABlockedIteration() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (StubServer server = StubServer.start().then(exchange -> {
                    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream out = exchange.getResponseBody();
                    out.write(event("start", "{}").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    awaitQuietly(release);
                });
                MastraClient client = server.client().build()) {
            StreamResponse stream = client.getAgent("a").stream("hi");
            Iterator<StreamEvent> events = stream.iterator();
            events.next();
            CountDownLatch iterationEnded = new CountDownLatch(1);
            AtomicBoolean sawMore = new AtomicBoolean(true);
            Thread reader = Thread.ofPlatform().start(() -> {
                sawMore.set(events.hasNext());
                iterationEnded.countDown();
            });
            // Wait until the reader is parked waiting for bytes; closing must wake it with a clean end.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reader.getState() != Thread.State.WAITING
                    && reader.getState() != Thread.State.TIMED_WAITING
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            stream.close();
            assertThat(iterationEnded.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(sawMore).isFalse();
            release.countDown();
            reader.join();
        }
    }

    @Test
    void theRequestTimeoutLimitsTheWaitForHeadersNotTheStreamBody() {
        try (StubServer server = StubServer.start()
                        .then(exchange -> {
                            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                            exchange.sendResponseHeaders(200, 0);
                            OutputStream out = exchange.getResponseBody();
                            out.write(event("start", "{}").getBytes(StandardCharsets.UTF_8));
                            out.flush();
                            // Pause for three times the request timeout in the middle of the body. The timeout leaves
                            // the stub
                            // time to send its headers on a loaded machine.
                            pause(4500);
                            out.write((event("text-delta", "{\"text\":\"late\"}") + event("finish", "{}")
                                            + "data: [DONE]\n\n")
                                    .getBytes(StandardCharsets.UTF_8));
                            out.close();
                        })
                        .then(exchange -> {
                            // No headers within the timeout: this attempt must fail.
                            pause(4500);
                            StubServer.json(200, "{}").handle(exchange);
                        });
                MastraClient client = server.client()
                        .requestTimeout(Duration.ofMillis(1500))
                        .retries(0)
                        .build()) {
            assertThat(client.getAgent("a").stream("hi").text()).isEqualTo("late");
            assertThatThrownBy(client::listAgents)
                    .isInstanceOfSatisfying(
                            MastraClientException.class,
                            e -> assertThat(e.getCause()).isInstanceOf(HttpTimeoutException.class));
        }
    }

    static String event(String type, String payload) {
        return "data: {\"type\":\"" + type + "\",\"runId\":\"r1\",\"from\":\"AGENT\",\"payload\":" + payload + "}\n\n";
    }

    private static void writeInPieces(OutputStream out, byte[] bytes, int piece) throws IOException {
        for (int offset = 0; offset < bytes.length; offset += piece) {
            out.write(bytes, offset, Math.min(piece, bytes.length - offset));
            out.flush();
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    /** A server-side pause: part of the scenario, not a wait for the test's own sake. */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
