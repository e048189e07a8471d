package dev.mastra4j.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mastra4j.core.Mastra;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/** A started mastra4j server on 127.0.0.1 (any free port) and a real HTTP client pointed at it. */
public final class ServerHarness implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final Mastra mastra;
    private final int port;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerHarness(Mastra mastra) {
        this.mastra = mastra;
        this.port = mastra.port();
    }

    /** Starts {@code builder}'s Mastra on loopback, port 0; {@code server} may adjust other options. */
    public static ServerHarness start(
            Mastra.Builder builder, Consumer<dev.mastra4j.core.ServerOptions.Builder> server) {
        builder.server(s -> {
            s.host("127.0.0.1").port(0).shutdownTimeout(Duration.ofSeconds(10));
            server.accept(s);
        });
        return new ServerHarness(builder.build().start());
    }

    public static ServerHarness start(Mastra.Builder builder) {
        return start(builder, s -> {});
    }

    public Mastra mastra() {
        return mastra;
    }

    /** The port bound at start (still known after {@link #close()}). */
    public int port() {
        return port;
    }

    public URI uri(String rawPathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + rawPathAndQuery);
    }

    public HttpClient client() {
        return client;
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    public HttpResponse<String> post(String path, String json, String... headers) {
        HttpRequest.Builder b = request(path, headers);
        if (!hasHeader(headers, "Content-Type")) {
            b.header("Content-Type", "application/json");
        }
        return send(b.POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    /** A raw request on a fresh socket, for request lines java.net.http would not send as written. */
    public RawHttp.Response raw(String requestLineAndHeaders) {
        return RawHttp.exchange(port(), requestLineAndHeaders, new byte[0]);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + response.body(), e);
        }
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }

    private static boolean hasHeader(String[] headers, String name) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        mastra.close();
    }

    /** Headers of a response as a case-insensitive lookup. */
    public static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    public static Map<String, java.util.List<String>> headers(HttpResponse<?> response) {
        return response.headers().map();
    }
}
