package dev.mastra4j.server.helidon;

import dev.mastra4j.server.http.BodyReader;
import dev.mastra4j.server.http.HttpStatusException;
import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import java.util.Map;

/**
 * The bytes of one connection as Helidon's HTTP/1.1 parser reads them, with the lines of chunked request bodies read
 * by RFC 9112 instead of Helidon 4.5's own rules. Helidon reads a chunk-size line and the line after the last chunk
 * with {@link #readLine()} and nothing else, and on its own it answers a chunk extension ({@code 1a;name=value}, valid
 * HTTP) or a trailer section with a 500, reads any unterminated line into memory, buffers a chunk of any declared
 * size, and skips the two bytes after a chunk's data without looking at them. Here:
 * <ul>
 *   <li>a chunk-size line follows {@link ChunkLine}'s grammar; its extensions are checked and dropped, and Helidon is
 *       handed the bare size;</li>
 *   <li>a chunk larger than the body limit (or than {@link #CHUNK_FLOOR}, when the limit is smaller) is refused
 *       (413) before any of it is buffered;</li>
 *   <li>the two bytes after a chunk's data must be CRLF;</li>
 *   <li>the trailer section after the last chunk is read field line by field line and dropped;</li>
 *   <li>a line is at most {@link #MAX_LINE} bytes, extensions at most {@link #MAX_EXTENSIONS} bytes per body and a
 *       trailer section at most {@link #MAX_TRAILERS} bytes.</li>
 * </ul>
 * Anything else is a 400 {@link HttpStatusException} (with {@code Connection: close}) that reaches the request
 * pipeline through the body stream; from then on every line read fails the same way, so no later byte of that
 * connection is read as chunk framing. The message never quotes the bytes.
 */
final class ChunkLineReader extends DataReader {

    /** Longest chunk-size line (size and extensions) or trailer field line, CRLF excluded. */
    static final int MAX_LINE = 4096;
    /** Most chunk-extension bytes in one body. */
    static final int MAX_EXTENSIONS = 16 * 1024;
    /** Largest trailer section. */
    static final int MAX_TRAILERS = 16 * 1024;
    /**
     * Chunks up to this size are taken whatever the body limit: clients cut a body into chunks of their own choosing
     * (java.net.http: 16 KiB), and a body over a small limit is then refused by counting its bytes, which lets the
     * 413 keep the connection.
     */
    static final long CHUNK_FLOOR = 1 << 20;

    static final String INVALID = "Invalid chunked body";

    private final long maxChunk;
    private boolean trailersNext;
    private int extensionBytes;
    private HttpStatusException broken;

    /**
     * Reads what {@code connection} has buffered and then what it pulls from the socket.
     *
     * @param maxBody the body limit: a larger chunk (and one over {@link #CHUNK_FLOOR}) makes a body that is refused
     *                anyway, and is refused before it is buffered
     */
    // Helidon marks DataReader's constructors for removal in favour of its create factories; a subclass has no other
    // way.
    @SuppressWarnings("removal")
    ChunkLineReader(DataReader connection, long maxBody) {
        super(() -> next(connection));
        this.maxChunk = Math.min(Math.max(maxBody, CHUNK_FLOOR), Integer.MAX_VALUE - 2);
    }

    private static byte[] next(DataReader connection) {
        try {
            connection.ensureAvailable();
        } catch (InsufficientDataAvailableException end) {
            return null;
        }
        return connection.readBytes(connection.available());
    }

    /**
     * Called by Helidon for a chunk-size line (and answered with the bare hex size), or, after the last chunk, for
     * the line that ends the body (and answered with an empty line once the trailer section is read).
     */
    @Override
    public String readLine() {
        if (broken != null) {
            throw broken;
        }
        try {
            if (trailersNext) {
                trailersNext = false;
                extensionBytes = 0;
                readTrailerSection();
                return "";
            }
            String line = line();
            long size = ChunkLine.size(line);
            if (size == ChunkLine.INVALID) {
                throw refuse(400, INVALID);
            }
            extensionBytes += line.length() - ChunkLine.extensionsStart(line);
            if (extensionBytes > MAX_EXTENSIONS) {
                throw refuse(400, INVALID);
            }
            if (size == 0) {
                trailersNext = true;
                return "0";
            }
            if (size > maxChunk) {
                throw refuse(413, BodyReader.TOO_LARGE);
            }
            // Helidon skips the two bytes after the data unseen; they must be the chunk's CRLF.
            BufferData ahead = getBuffer((int) size + 2);
            if (ahead.get((int) size) != '\r' || ahead.get((int) size + 1) != '\n') {
                throw refuse(400, INVALID);
            }
            return Long.toHexString(size);
        } catch (IncorrectNewLineException bareCrOrLf) {
            throw refuse(400, INVALID);
        }
    }

    private void readTrailerSection() {
        int total = 0;
        for (String field = line(); !field.isEmpty(); field = line()) {
            total += field.length() + 2;
            if (total > MAX_TRAILERS || !ChunkLine.isFieldLine(field)) {
                throw refuse(400, INVALID);
            }
        }
    }

    private String line() {
        int end = findNewLine(MAX_LINE + 1);
        if (end > MAX_LINE) {
            throw refuse(400, INVALID);
        }
        String line = readAsciiString(end);
        skip(2);
        return line;
    }

    private HttpStatusException refuse(int status, String error) {
        broken = new HttpStatusException(status, error, null, Map.of("Connection", "close"));
        return broken;
    }
}
