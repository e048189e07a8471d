package dev.mastra4j.server.http;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The request as an HTTP engine hands it over, before any interpretation. An adapter (Helidon today, perhaps a
 * servlet container later) implements it; everything else in the server works on this and {@link HttpResponse}.
 */
public interface HttpRequest {

    /** The method as sent, for example {@code GET}. */
    String method();

    /**
     * The path exactly as it appeared in the request line, still percent-encoded and without the query. The server
     * decodes it once, in {@link PathNormalizer}; an adapter must not decode it.
     */
    String rawPath();

    /** The raw query string without {@code ?}; empty when there is none. */
    String rawQuery();

    /** Every value of a header, matched case-insensitively, in the order received; empty when absent. */
    List<String> headers(String name);

    /**
     * The body as it arrives; the same stream on every call. Callers read it through {@link BodyReader}, which
     * enforces the size limit.
     */
    InputStream body();

    /** The IP address of the connection's peer, for example {@code 127.0.0.1}; empty when the engine does not say. */
    default Optional<String> remoteAddress() {
        return Optional.empty();
    }

    /**
     * Whether the request carries a body: a {@code Transfer-Encoding}, or a {@code Content-Length} other than 0. The
     * connection can carry another request only once such a body has been read to its end.
     */
    default boolean hasBody() {
        if (!headers("Transfer-Encoding").isEmpty()) {
            return true;
        }
        for (String length : headers("Content-Length")) {
            if (!length.strip().equals("0")) {
                return true;
            }
        }
        return false;
    }
}
