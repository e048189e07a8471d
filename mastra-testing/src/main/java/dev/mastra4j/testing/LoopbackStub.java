package dev.mastra4j.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's HTTP server on a loopback port, for stand-ins of remote services in tests: the one place that starts
 * such a server, gives its address, stops it, and writes a fixed response.
 *
 * <pre>{@code
 * try (LoopbackStub stub = LoopbackStub.start()
 *         .route("/v1/search", exchange -> LoopbackStub.sendJson(exchange, 200, "{\"results\":[]}"))) {
 *     URI search = stub.uri().resolve("/v1/search");
 * }
 * }</pre>
 *
 * <p>Handlers run on one virtual thread per exchange unless another executor is given. {@link #close()} stops the
 * server at once and interrupts handlers still running (a stub that sleeps to simulate latency stops sleeping).
 */
public final class LoopbackStub implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private LoopbackStub(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on {@code 127.0.0.1} (the loopback address), on a free port, with a virtual thread per exchange. */
    public static LoopbackStub start() {
        return start(0);
    }

    /** Starts on the loopback address and {@code port} (0 = a free one), with a virtual thread per exchange. */
    public static LoopbackStub start(int port) {
        return start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                Executors.newVirtualThreadPerTaskExecutor());
    }

    /**
     * Starts on {@code address}, running handlers on {@code executor} (for example platform threads, when the test
     * loads every carrier with virtual threads); the stub owns the executor and shuts it down on {@link #close()}.
     *
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static LoopbackStub start(InetSocketAddress address, ExecutorService executor) {
        try {
            HttpServer server = HttpServer.create(address, 0);
            server.setExecutor(executor);
            server.start();
            return new LoopbackStub(server, executor);
        } catch (IOException e) {
            executor.close();
            throw new UncheckedIOException("Could not bind a stub server to " + address, e);
        }
    }

    /** Serves {@code path} and everything below it with {@code handler}; may be called after the start. */
    public LoopbackStub route(String path, HttpHandler handler) {
        server.createContext(path, handler);
        return this;
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>} (the bound address; no trailing slash); resolve paths against it. */
    public URI uri() {
        InetAddress address = server.getAddress().getAddress();
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return URI.create("http://" + host + ":" + port());
    }

    /** Stops the server, waiting at most {@code grace} (whole seconds) for exchanges in progress, then the handlers. */
    public void stop(Duration grace) {
        server.stop((int) Math.max(0, grace.toSeconds()));
        executor.shutdownNow();
        executor.close();
    }

    /** Stops the server at once and interrupts handlers still running. */
    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    /**
     * Sends {@code status} with {@code body} (UTF-8) as the whole response and closes the exchange. An empty body is
     * sent as {@code Content-Length: 0}; a null {@code contentType} sends no {@code Content-Type}. Headers set on the
     * exchange before the call are sent too.
     */
    public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        exchange.close();
    }

    /** {@link #send} with {@code Content-Type: application/json}. */
    public static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, "application/json", json);
    }
}
