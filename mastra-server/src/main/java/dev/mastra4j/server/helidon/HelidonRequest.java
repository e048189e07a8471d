package dev.mastra4j.server.helidon;

import dev.mastra4j.server.http.HttpRequest;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.webserver.http.ServerRequest;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/** A Helidon request seen through {@link HttpRequest}; the path stays raw so the server decodes it exactly once. */
final class HelidonRequest implements HttpRequest {

    private final ServerRequest request;
    private InputStream body;

    HelidonRequest(ServerRequest request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.prologue().method().text();
    }

    @Override
    public String rawPath() {
        return request.prologue().uriPath().rawPath();
    }

    @Override
    public String rawQuery() {
        String raw = request.prologue().query().rawValue();
        return raw == null ? "" : raw;
    }

    @Override
    public List<String> headers(String name) {
        // One entry per header line as received: Headers.values() would also split each line on commas, which turns
        // "Authorization: Bearer a,b" into two credentials and costs a character-by-character pass over every token.
        HeaderName header = HeaderNames.create(name);
        Headers headers = request.headers();
        return headers.contains(header) ? headers.get(header).allValues(false) : List.of();
    }

    @Override
    public Optional<String> remoteAddress() {
        return request.remotePeer().address() instanceof InetSocketAddress peer && peer.getAddress() != null
                ? Optional.of(peer.getAddress().getHostAddress())
                : Optional.empty();
    }

    @Override
    public InputStream body() {
        // Helidon hands out one stream per request; the pipeline may come back for the rest of a body it refused.
        if (body == null) {
            body = request.content().hasEntity() ? request.content().inputStream() : InputStream.nullInputStream();
        }
        return body;
    }

    @Override
    public boolean hasBody() {
        return request.content().hasEntity();
    }
}
