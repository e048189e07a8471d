package dev.mastra4j.auth.jwt;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import dev.mastra4j.testing.LoopbackStub;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A JWKS endpoint on 127.0.0.1 that counts fetches, remembers Authorization headers and can misbehave on demand. */
final class JwksServer implements AutoCloseable {

    enum Mode {
        NORMAL,
        UNAVAILABLE,
        HTML,
        HUGE,
        REDIRECT
    }

    private final LoopbackStub server;
    private final AtomicInteger fetches = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile List<JWK> keys;
    private volatile Mode mode = Mode.NORMAL;
    private volatile Duration latency = Duration.ZERO;

    JwksServer(JWK... keys) {
        this.keys = List.of(keys);
        // Platform threads: CPU-bound virtual-thread load in the same test must not starve the key server.
        server = LoopbackStub.start(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Executors.newCachedThreadPool())
                .route("/", this::handle);
    }

    URI uri() {
        return server.uri().resolve("/.well-known/jwks.json");
    }

    void keys(JWK... keys) {
        this.keys = List.of(keys);
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    /** Delays every JWKS answer by {@code delay}. */
    void latency(Duration delay) {
        this.latency = delay;
    }

    int fetches() {
        return fetches.get();
    }

    List<String> authorizations() {
        return authorizations;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestURI().getPath().equals("/elsewhere")) {
                LoopbackStub.sendJson(
                        exchange,
                        200,
                        new JWKSet(keys.stream().map(JWK::toPublicJWK).toList()).toString());
                return;
            }
            fetches.incrementAndGet();
            if (!latency.isZero()) {
                try {
                    Thread.sleep(latency);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "" : authorization);
            switch (mode) {
                case NORMAL ->
                    LoopbackStub.sendJson(
                            exchange,
                            200,
                            new JWKSet(keys.stream().map(JWK::toPublicJWK).toList()).toString());
                case UNAVAILABLE -> LoopbackStub.sendJson(exchange, 503, "{\"error\":\"down\"}");
                case HTML -> LoopbackStub.sendJson(exchange, 200, "<html><body>proxy error</body></html>");
                case HUGE ->
                    LoopbackStub.sendJson(exchange, 200, "{\"keys\":[],\"pad\":\"" + "a".repeat(200_000) + "\"}");
                case REDIRECT -> {
                    exchange.getResponseHeaders().set("Location", "/elsewhere");
                    exchange.sendResponseHeaders(302, -1);
                }
            }
        } catch (IOException e) {
            // the client stopped reading (size limit); nothing to do
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
