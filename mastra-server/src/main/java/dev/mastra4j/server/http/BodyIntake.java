package dev.mastra4j.server.http;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link RequestPipeline} takes in a request body: the JSON media type (415), the size limit (413, after which a
 * bounded excess is read away so the answer survives), the body deadline (408), and the bounded read-and-drop of a
 * body left unread by an early answer. The pipeline decides when a body is read; this class decides how.
 */
final class BodyIntake {

    /**
     * After a 413 the rest of the body is read and dropped (never kept), up to this many times the limit or
     * {@link #DRAIN_FLOOR}, whichever is more, and within the body deadline: closing a socket with unread data makes
     * the kernel send a reset that can destroy the 413 before the client reads it (what nginx calls lingering close).
     */
    private static final long DRAIN_FACTOR = 4;

    private static final long DRAIN_FLOOR = 64L << 20;
    /**
     * After an answer sent before the body was read (401, 403, 404, 405, 415, a 413 on the declared length, a
     * malformed body...), at most this much of the body is read and dropped, within {@link #LINGER_TIME}, before the
     * connection closes: a small body still in flight then arrives and the close is clean, while a large one is left
     * unread (the close then resets the connection, after the answer was sent).
     */
    static final long LINGER_BYTES = 64 * 1024;
    /** The time limit for {@link #LINGER_BYTES}. */
    static final Duration LINGER_TIME = Duration.ofSeconds(2);

    /** The pipeline's logger: body events are logged under the request's own category. */
    private static final Logger LOG = LoggerFactory.getLogger(RequestPipeline.class);

    private final long maxBodyBytes;
    private final Duration bodyTimeout;

    BodyIntake(long maxBodyBytes, Duration bodyTimeout) {
        this.maxBodyBytes = maxBodyBytes;
        this.bodyTimeout = bodyTimeout;
    }

    /** The body, read in full within the limit and the deadline; marks it read on {@code guard}. */
    byte[] read(String requestId, HttpRequest request, UnreadBodyGuard guard) {
        try (BodyDeadline deadline = new BodyDeadline(bodyTimeout)) {
            InputStream in = request.body();
            long declared = contentLength(request);
            try {
                byte[] body = BodyReader.read(in, declared, maxBodyBytes);
                guard.bodyRead();
                return body;
            } catch (HttpStatusException refused) {
                // 413: up to a bounded excess, read the rest away so the answer is not lost to a reset connection.
                // Anything else (a malformed chunked body, reported by the engine) leaves the connection to close.
                long excess = Math.max(maxBodyBytes * DRAIN_FACTOR, DRAIN_FLOOR);
                if (refused.status() == 413
                        && (declared < 0 || declared - maxBodyBytes <= excess)
                        && !deadline.expired()
                        && BodyReader.discard(in, excess)) {
                    guard.bodyRead();
                    throw new HttpStatusException(413, BodyReader.TOO_LARGE);
                }
                throw refused;
            } catch (RuntimeException e) {
                if (deadline.expired()) {
                    LOG.debug("Request {}: body not received within {}; connection closed", requestId, bodyTimeout);
                    throw new HttpStatusException(
                            408, "Request body not received in time", null, Map.of("Connection", "close"));
                }
                throw e;
            }
        }
    }

    /**
     * Reads and drops at most {@link #LINGER_BYTES} of a body left unread, within {@link #LINGER_TIME}; the engine
     * then closes the connection. Not when the client waits for {@code 100 Continue}: it has sent no body, and reading
     * would make the engine send that interim answer after the final one.
     */
    static void linger(HttpRequest request) {
        for (String expect : request.headers("Expect")) {
            if (expect.toLowerCase(Locale.ROOT).contains("100-continue")) {
                return;
            }
        }
        try (BodyDeadline deadline = new BodyDeadline(LINGER_TIME)) {
            BodyReader.discard(request.body(), LINGER_BYTES);
        } catch (RuntimeException unreadable) {
            // Nothing more to read; the connection closes all the same.
        }
    }

    /** Refuses (415) a request whose one {@code Content-Type} is not JSON. */
    static void requireJson(HttpRequest request) {
        List<String> types = request.headers("Content-Type");
        if (types.size() != 1 || !MediaTypes.isJson(types.get(0))) {
            throw new HttpStatusException(415, "Unsupported media type");
        }
    }

    private static long contentLength(HttpRequest request) {
        List<String> values = request.headers("Content-Length");
        if (values.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(values.get(0).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
