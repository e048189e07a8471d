package dev.mastra4j.client;

import static dev.mastra4j.client.StubServer.hangUp;
import static dev.mastra4j.client.StubServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RetryTest {

    private static final String REPLY = "{\"text\":\"ok\",\"finishReason\":\"stop\"}";

    @Test
    void twoServerErrorsThenSuccessTakesThreeRequests() {
        try (StubServer server = StubServer.start()
                        .then(json(503, "{\"error\":\"busy\"}"))
                        .then(json(500, "{\"error\":\"Internal server error\"}"))
                        .then(json(200, REPLY));
                MastraClient client = server.client().build()) {
            GenerateResponse response = client.getAgent("a").generate("hi");

            assertThat(response.text()).isEqualTo("ok");
            assertThat(server.received())
                    .hasSize(3)
                    .allSatisfy(r -> assertThat(r.path()).isEqualTo("/api/agents/a/generate"));
        }
    }

    @Test
    void droppedConnectionsAreRetried() {
        try (StubServer server =
                        StubServer.start().then(hangUp()).then(hangUp()).then(json(200, REPLY));
                MastraClient client = server.client().build()) {
            assertThat(client.getAgent("a").generate("hi").text()).isEqualTo("ok");
            assertThat(server.received()).hasSize(3);
        }
    }

    @Test
    void givesUpAfterConfiguredRetriesWithTheLastStatus() {
        try (StubServer server = StubServer.start().otherwise(json(502, "{\"error\":\"Model provider error: down\"}"));
                MastraClient client = server.client().retries(2).build()) {
            assertThatThrownBy(() -> client.getAgent("a").generate("hi"))
                    .isInstanceOfSatisfying(MastraClientException.class, e -> {
                        assertThat(e.status()).isEqualTo(502);
                        assertThat(e.error()).isEqualTo("Model provider error: down");
                    });
            assertThat(server.received()).hasSize(3);
        }
    }

    @Test
    void zeroRetriesMeansOneAttempt() {
        try (StubServer server = StubServer.start().otherwise(json(503, "{\"error\":\"busy\"}"));
                MastraClient client = server.client().retries(0).build()) {
            assertThatThrownBy(client::listAgents).isInstanceOf(MastraClientException.class);
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void unauthorizedIsNotRetried() {
        try (StubServer server = StubServer.start()
                        .otherwise(json(
                                401,
                                "{\"error\":\"Invalid or expired token\",\"reason\":\"token-expired\"}",
                                "WWW-Authenticate",
                                "Bearer error=\"invalid_token\"",
                                "X-Request-Id",
                                "req-42"));
                MastraClient client =
                        server.client().tokenSupplier(() -> "expired.jwt.token").build()) {
            assertThatThrownBy(() -> client.getAgent("a").generate("hi"))
                    .isInstanceOfSatisfying(MastraClientException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.error()).isEqualTo("Invalid or expired token");
                        assertThat(e.reason()).isEqualTo("token-expired");
                        assertThat(e.requestId()).isEqualTo("req-42");
                        assertThat(e.getMessage())
                                .contains("401", "token-expired")
                                .doesNotContain("expired.jwt.token");
                    });
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void otherClientErrorsAreNotRetried() {
        for (int status : new int[] {400, 403, 404, 405, 413, 415}) {
            try (StubServer server = StubServer.start().otherwise(json(status, "{\"error\":\"no\"}"));
                    MastraClient client = server.client().build()) {
                assertThatThrownBy(() -> client.getAgent("a").generate("hi"))
                        .isInstanceOfSatisfying(
                                MastraClientException.class,
                                e -> assertThat(e.status()).isEqualTo(status));
                assertThat(server.received()).as("requests for %d", status).hasSize(1);
            }
        }
    }

    @Test
    void tokenSupplierIsAskedAgainForEveryAttempt() {
        AtomicInteger calls = new AtomicInteger();
        try (StubServer server = StubServer.start()
                        .then(json(503, "{\"error\":\"busy\"}"))
                        .then(hangUp())
                        .then(json(200, REPLY));
                MastraClient client = server.client()
                        .tokenSupplier(() -> "token-" + calls.incrementAndGet())
                        .build()) {
            client.getAgent("a").generate("hi");

            assertThat(server.received())
                    .extracting(r -> r.header("Authorization"))
                    .containsExactly("Bearer token-1", "Bearer token-2", "Bearer token-3");
        }
    }

    @Test
    void retryAfterOnTooManyRequestsIsHonoured() {
        // Backoff alone would wait at most 20 ms; the server asks for a full second.
        try (StubServer server = StubServer.start()
                        .then(json(429, "{\"error\":\"Too many requests\"}", "Retry-After", "1"))
                        .then(json(200, REPLY));
                MastraClient client = server.client()
                        .backoff(Duration.ofMillis(1), Duration.ofSeconds(5))
                        .build()) {
            assertThat(client.getAgent("a").generate("hi").text()).isEqualTo("ok");

            List<StubServer.Received> received = server.received();
            assertThat(received).hasSize(2);
            long gapMillis = Duration.ofNanos(
                            received.get(1).nanos() - received.get(0).nanos())
                    .toMillis();
            assertThat(gapMillis).isGreaterThanOrEqualTo(900);
        }
    }

    @Test
    void retryAfterIsCappedAtTheMaximumBackoff() {
        // An hour-long Retry-After must not park the caller: the cap (50 ms) wins, so this returns promptly.
        try (StubServer server = StubServer.start()
                        .then(json(503, "{\"error\":\"busy\"}", "Retry-After", "3600"))
                        .then(json(200, REPLY));
                MastraClient client = server.client()
                        .backoff(Duration.ofMillis(1), Duration.ofMillis(50))
                        .build()) {
            assertThat(client.getAgent("a").generate("hi").text()).isEqualTo("ok");
            assertThat(server.received()).hasSize(2);
        }
    }

    @Test
    void connectionRefusedIsRetriedThenReportedWithoutStatus() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        AtomicInteger attempts = new AtomicInteger();
        try (MastraClient client = MastraClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(5))
                .tokenSupplier(() -> "secret-" + attempts.incrementAndGet())
                .build()) {
            assertThatThrownBy(client::listAgents).isInstanceOfSatisfying(MastraClientException.class, e -> {
                assertThat(e.status()).isEqualTo(MastraClientException.NO_RESPONSE);
                assertThat(e.getCause()).isInstanceOf(ConnectException.class);
                assertThat(e.getMessage())
                        .contains("GET /api/agents", "4 attempt")
                        .doesNotContain("secret-");
            });
        }
        assertThat(attempts).hasValue(4);
    }

    @Test
    void aStreamIsRetriedWhenItFailsBeforeItsFirstByte() {
        String sse = "data: {\"type\":\"start\",\"runId\":\"r\",\"from\":\"AGENT\",\"payload\":{}}\n\n"
                + "data: {\"type\":\"finish\",\"runId\":\"r\",\"from\":\"AGENT\",\"payload\":{}}\n\ndata: [DONE]\n\n";
        try (StubServer server = StubServer.start()
                        .then(json(503, "{\"error\":\"busy\"}"))
                        .then(exchange -> {
                            // Headers arrive, then the body ends with no event: nothing was seen, so a retry is safe.
                            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                            exchange.sendResponseHeaders(200, 0);
                            exchange.getResponseBody().close();
                        })
                        .then(StubServer.sse(sse));
                MastraClient client = server.client().build();
                StreamResponse stream = client.getAgent("a").stream("hi")) {
            assertThat(stream.chunks().map(StreamEvent::type)).containsExactly("start", "finish");
            assertThat(server.received()).hasSize(3);
        }
    }

    @Test
    void aStreamIsNotRetriedOnceEventsHaveArrived() {
        try (StubServer server = StubServer.start()
                        .then(exchange -> {
                            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                            exchange.sendResponseHeaders(200, 0);
                            var out = exchange.getResponseBody();
                            out.write("data: {\"type\":\"start\",\"payload\":{}}\n\n".getBytes());
                            out.flush();
                            out.close(); // ends the body without finish or [DONE]
                        })
                        .otherwise(StubServer.sse("data: [DONE]\n\n"));
                MastraClient client = server.client().build();
                StreamResponse stream = client.getAgent("a").stream("hi")) {
            var events = stream.iterator();
            assertThat(events.next().type()).isEqualTo("start");
            assertThatThrownBy(events::hasNext)
                    .isInstanceOfSatisfying(
                            MastraClientException.class,
                            e -> assertThat(e.getMessage()).contains("before [DONE]"));
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void interruptingABackoffWaitEndsTheCall() throws Exception {
        try (StubServer server = StubServer.start().otherwise(json(503, "{\"error\":\"busy\"}"));
                MastraClient client = server.client()
                        .backoff(Duration.ofMinutes(5), Duration.ofMinutes(5))
                        .build()) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicBoolean flagKept = new AtomicBoolean();
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread caller = Thread.ofPlatform().start(() -> {
                try {
                    client.listAgents();
                } catch (Throwable t) {
                    failure.set(t);
                }
                flagKept.set(Thread.currentThread().isInterrupted());
                done.complete(null);
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            // Thread.sleep shows as TIMED_WAITING; waiting for the response would be WAITING.
            while ((server.received().isEmpty() || caller.getState() != Thread.State.TIMED_WAITING)
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            caller.interrupt();
            done.get(20, TimeUnit.SECONDS);

            assertThat(failure.get()).isInstanceOf(MastraClientException.class).hasMessageContaining("interrupted");
            assertThat(flagKept).isTrue();
            assertThat(server.received()).hasSize(1);
        }
    }
}
