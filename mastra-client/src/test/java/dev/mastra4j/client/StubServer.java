package dev.mastra4j.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.mastra4j.testing.LoopbackStub;
import dev.mastra4j.testing.MastraFixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 standing in for a Mastra server: it answers with scripted replies, in order, and
 * records every request it receives.
 */
final class StubServer implements AutoCloseable {

    /**
     * What the server received. {@code query} is the raw query string, or null; {@code nanos} is the arrival time
     * (System.nanoTime).
     */
    record Received(String method, String path, String query, Headers headers, String body, long nanos) {
        String header(String name) {
            return headers.getFirst(name);
        }

        /** The raw path, then {@code ?} and the raw query when there is one, as the client sent them. */
        String target() {
            return query == null ? path : path + "?" + query;
        }
    }

    @FunctionalInterface
    interface Reply {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final LoopbackStub server;
    private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Reply fallback = json(500, "{\"error\":\"stub has no reply scripted\"}");

    private StubServer() {
        server = LoopbackStub.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Executors.newCachedThreadPool());
        server.route("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(),
                    new String(body, StandardCharsets.UTF_8),
                    System.nanoTime()));
            Reply reply = script.pollFirst();
            try {
                (reply == null ? fallback : reply).handle(exchange);
            } finally {
                exchange.close();
            }
        });
    }

    static StubServer start() {
        return new StubServer();
    }

    /** Queues the next reply. */
    StubServer then(Reply reply) {
        script.addLast(reply);
        return this;
    }

    /** The reply once the script has run out. */
    StubServer otherwise(Reply reply) {
        fallback = reply;
        return this;
    }

    URI uri() {
        return server.uri();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    MastraClient.Builder client() {
        return MastraClient.builder().baseUrl(uri()).backoff(Duration.ofMillis(1), Duration.ofMillis(20));
    }

    @Override
    public void close() {
        server.close();
    }

    static Reply json(int status, String body, String... headerPairs) {
        return exchange -> {
            for (int i = 0; i + 1 < headerPairs.length; i += 2) {
                exchange.getResponseHeaders().add(headerPairs[i], headerPairs[i + 1]);
            }
            LoopbackStub.sendJson(exchange, status, body);
        };
    }

    /** Drops the connection before any response byte: to the client, a connection failure. */
    static Reply hangUp() {
        return exchange -> {
            // Closing without response headers makes the JDK server close the socket.
        };
    }

    /** Serves an event stream exactly as given. */
    static Reply sse(String body) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    static String resource(String name) {
        return MastraFixtures.text(name);
    }
}
