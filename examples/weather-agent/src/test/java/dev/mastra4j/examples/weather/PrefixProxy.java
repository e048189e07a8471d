package dev.mastra4j.examples.weather;

import com.sun.net.httpserver.HttpExchange;
import dev.mastra4j.testing.LoopbackStub;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A reverse proxy that serves a server under a path prefix ({@code /mastra/...} → {@code /...}), as nginx's
 * {@code location /mastra/ { proxy_pass http://upstream/; }} does, passing streamed bodies through as they come.
 * Records every path it was asked for.
 */
final class PrefixProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP =
            Set.of("connection", "content-length", "transfer-encoding", "keep-alive", "host", "upgrade");

    final List<String> paths = new CopyOnWriteArrayList<>();
    private final String prefix;
    private final URI upstream;
    private final HttpClient http = HttpClient.newHttpClient();
    private final LoopbackStub server;

    PrefixProxy(String prefix, URI upstream) {
        this.prefix = prefix;
        this.upstream = upstream;
        this.server = LoopbackStub.start().route("/", this::forward);
    }

    /** {@code http://127.0.0.1:<port><prefix>/}. */
    String url() {
        return server.uri() + prefix + "/";
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            paths.add(path);
            if (!path.startsWith(prefix + "/")) {
                LoopbackStub.send(exchange, 404, "text/plain", "not under " + prefix);
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            URI target = URI.create(upstream.toString().replaceAll("/$", "")
                    + path.substring(prefix.length())
                    + (query == null ? "" : "?" + query));
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .method(
                            exchange.getRequestMethod(),
                            body.length == 0
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(response.statusCode(), 0);
            try (InputStream in = response.body();
                    OutputStream out = exchange.getResponseBody()) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
