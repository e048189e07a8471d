package dev.mastra4j.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mastra4j.core.json.Wire;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Server-Sent Events response: each {@link #send(String)} writes one {@code data: ...\n\n} frame and flushes it,
 * so the client sees it at once. Thread-safe, so a heartbeat may write while the producer waits.
 *
 * <p>A failed write means the client went away: it is reported as {@link ClientDisconnectedException}, and every later
 * call fails the same way.
 */
public final class SseStream {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    /** A frame buffer that grew past this for one large frame is not kept for the rest of the stream. */
    private static final int KEPT_BUFFER = 16 * 1024;

    private final OutputStream out;
    private final FrameBuffer frame = new FrameBuffer();
    private volatile boolean broken;
    private volatile long lastWriteNanos = System.nanoTime();

    SseStream(OutputStream out) {
        this.out = out;
    }

    /** Writes JSON into a buffer of its stream; it must not write line breaks (Jackson's compact output does not). */
    @FunctionalInterface
    public interface JsonWriter {
        void writeTo(JsonGenerator generator) throws IOException;
    }

    /**
     * One {@code data:} frame whose JSON {@code writer} produces straight into this stream's frame buffer (no tree, no
     * intermediate String), written and flushed with one call.
     */
    public synchronized void sendJson(JsonWriter writer) {
        if (broken) {
            throw new ClientDisconnectedException(null);
        }
        frame.reset();
        frame.write(DATA, 0, DATA.length);
        try (JsonGenerator generator = Wire.MAPPER.getFactory().createGenerator(frame)) {
            writer.writeTo(generator);
        } catch (IOException e) {
            throw new IllegalStateException("Could not serialise a stream frame", e);
        }
        frame.write(END, 0, END.length);
        write(frame.bytes(), frame.size());
        frame.trim(KEPT_BUFFER);
    }

    /** One {@code data:} frame. {@code data} must be a single line (compact JSON is). */
    public synchronized void send(String data) {
        if (data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("An SSE data frame must be one line");
        }
        byte[] bytes = ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
        write(bytes, bytes.length);
    }

    /** A comment line that clients ignore; used to notice a client that left while nothing else is sent. */
    public synchronized void comment(String text) {
        byte[] bytes = (": " + text + "\n\n").getBytes(StandardCharsets.UTF_8);
        write(bytes, bytes.length);
    }

    /** Nanoseconds since the last frame or comment went out (or the stream opened). */
    public long idleNanos() {
        return System.nanoTime() - lastWriteNanos;
    }

    public boolean isBroken() {
        return broken;
    }

    /** Ends the body; a client that already left is not an error here. */
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException | RuntimeException e) {
            broken = true;
        }
    }

    private void write(byte[] bytes, int length) {
        if (broken) {
            throw new ClientDisconnectedException(null);
        }
        try {
            out.write(bytes, 0, length);
            out.flush();
            lastWriteNanos = System.nanoTime();
        } catch (IOException | RuntimeException e) {
            // Engines report a closed socket as IOException or as their own unchecked exception.
            broken = true;
            throw new ClientDisconnectedException(e);
        }
    }

    /** A reusable, unsynchronised byte buffer (callers hold the stream's lock). */
    private static final class FrameBuffer extends OutputStream {
        private static final int INITIAL = 256;
        private byte[] bytes = new byte[INITIAL];
        private int size;

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            ensure(length);
            System.arraycopy(source, offset, bytes, size, length);
            size += length;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        void reset() {
            size = 0;
        }

        byte[] bytes() {
            return bytes;
        }

        int size() {
            return size;
        }

        void trim(int keep) {
            if (bytes.length > keep) {
                bytes = new byte[INITIAL];
            }
        }
    }

    /** The client closed the connection while the stream was being written. */
    public static final class ClientDisconnectedException extends RuntimeException {
        public ClientDisconnectedException(Throwable cause) {
            super("Client disconnected", cause, false, false);
        }
    }
}
