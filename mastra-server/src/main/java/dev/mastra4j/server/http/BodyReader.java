package dev.mastra4j.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Reads a request body up to a limit. At most {@code limit + 1} bytes are ever read, so a chunked body or a
 * {@code Content-Length} that understates the truth cannot make the server buffer more than the limit.
 */
public final class BodyReader {

    public static final String TOO_LARGE = "Request body too large";

    private BodyReader() {}

    /**
     * The whole body, or 413 once it passes {@code limit} bytes. A declared {@code Content-Length} above the limit
     * is refused before reading anything.
     */
    public static byte[] read(InputStream in, long declaredLength, long limit) {
        if (declaredLength > limit) {
            throw tooLarge();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(declaredLength, 256), limit));
        byte[] buffer = new byte[8192];
        long total = 0;
        try {
            while (true) {
                int wanted = (int) Math.min(buffer.length, limit + 1 - total);
                int n = in.read(buffer, 0, wanted);
                if (n < 0) {
                    return out.toByteArray();
                }
                total += n;
                if (total > limit) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the request body failed", e);
        }
    }

    /**
     * Reads and drops what is left of a body, at most {@code budget} bytes; true when the body ended within that,
     * false when it did not or could not be read (a broken connection, a malformed chunk, a deadline). After an early
     * answer, a body read to its end lets the answer reach the client: closing a connection with unread data makes
     * the kernel reset it, and a client still sending can lose the answer with it.
     */
    public static boolean discard(InputStream in, long budget) {
        byte[] buffer = new byte[8192];
        long left = budget;
        try {
            while (left >= 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left + 1));
                if (n < 0) {
                    return true;
                }
                left -= n;
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static HttpStatusException tooLarge() {
        // The rest of the body stays unread; the connection must not be reused for another request.
        return new HttpStatusException(413, TOO_LARGE, null, Map.of("Connection", "close"));
    }
}
