package dev.mastra4j.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mastra4j.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Server-Sent Events response: each {@link #send(String)} writes one {@code data: ...\n\n} frame and flushes it,
 * so the client sees it at once. Thread-safe, so a heartbeat may write while the producer waits.
 *
 * <p>Writes block while the client's socket cannot take more, so whoever produces the frames waits for a slow client
 * instead of piling output up. What one stream holds meanwhile is bounded: a frame is serialised into a buffer of at
 * most {@code maxBufferedBytes}, and a larger frame goes out in parts of that size. A write that stays blocked is
 * ended from outside by {@link #abortIfStalled(long)}.
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
    private final FrameBuffer frame;
    private volatile boolean broken;
    private volatile boolean writeTimedOut;
    private volatile long lastWriteNanos = System.nanoTime();

    /* The write in progress, for abortIfStalled; guarded by writerLock, never by the stream's own monitor. */
    private final Object writerLock = new Object();
    private Thread writer;
    private long writeStartNanos;
    private boolean writerInterrupted;

    SseStream(OutputStream out, int maxBufferedBytes) {
        if (maxBufferedBytes < DATA.length + END.length) {
            throw new IllegalArgumentException("maxBufferedBytes too small: " + maxBufferedBytes);
        }
        this.out = out;
        this.frame = new FrameBuffer(maxBufferedBytes);
    }

    /** Writes JSON into a buffer of its stream; it must not write line breaks (Jackson's compact output does not). */
    @FunctionalInterface
    public interface JsonWriter {
        void writeTo(JsonGenerator generator) throws IOException;
    }

    /**
     * One {@code data:} frame whose JSON {@code writer} produces straight into this stream's frame buffer (no tree, no
     * intermediate String), written and flushed with one call when it fits the buffer, in buffer-sized parts if not.
     */
    public synchronized void sendJson(JsonWriter writer) {
        if (broken) {
            throw new ClientDisconnectedException(null);
        }
        frame.reset();
        frame.write(DATA, 0, DATA.length);
        try (JsonGenerator generator = Json.MAPPER.getFactory().createGenerator(frame)) {
            writer.writeTo(generator);
        } catch (IOException e) {
            if (frame.spilled()) {
                // Part of the frame is out already; the stream cannot be continued.
                broken = true;
            }
            throw new IllegalStateException("Could not serialise a stream frame", e);
        }
        frame.write(END, 0, END.length);
        write(frame.bytes(), frame.size(), true);
        frame.trim(KEPT_BUFFER);
    }

    /** One {@code data:} frame. {@code data} must be a single line (compact JSON is). */
    public synchronized void send(String data) {
        if (data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("An SSE data frame must be one line");
        }
        byte[] bytes = ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
        write(bytes, bytes.length, true);
    }

    /** A comment line that clients ignore; used to notice a client that left while nothing else is sent. */
    public synchronized void comment(String text) {
        byte[] bytes = (": " + text + "\n\n").getBytes(StandardCharsets.UTF_8);
        write(bytes, bytes.length, true);
    }

    /** Nanoseconds since the last frame or comment went out (or the stream opened). */
    public long idleNanos() {
        return System.nanoTime() - lastWriteNanos;
    }

    public boolean isBroken() {
        return broken;
    }

    /** Whether {@link #abortIfStalled} ended this stream. */
    public boolean writeTimedOut() {
        return writeTimedOut;
    }

    /**
     * Ends the stream if a write (or the closing write) has been blocked for {@code timeoutNanos} or longer: the
     * writing thread is interrupted, which closes the connection under it (socket channels and virtual-thread sockets
     * close when a thread blocked on them is interrupted), and the stream is broken from then on. Safe from any
     * thread; the writer clears the interrupt it got from here. Returns whether it ended the stream.
     */
    public boolean abortIfStalled(long timeoutNanos) {
        synchronized (writerLock) {
            if (writer == null || writerInterrupted || System.nanoTime() - writeStartNanos < timeoutNanos) {
                return false;
            }
            writeTimedOut = true;
            broken = true;
            writerInterrupted = true;
            writer.interrupt();
            return true;
        }
    }

    /** Ends the body; a client that already left is not an error here. */
    public synchronized void close() {
        enterWrite();
        try {
            out.close();
        } catch (IOException | RuntimeException e) {
            broken = true;
        } finally {
            exitWrite();
        }
    }

    private void write(byte[] bytes, int length, boolean flush) {
        if (broken) {
            throw new ClientDisconnectedException(null);
        }
        enterWrite();
        try {
            out.write(bytes, 0, length);
            if (flush) {
                out.flush();
            }
            lastWriteNanos = System.nanoTime();
        } catch (IOException | RuntimeException e) {
            // Engines report a closed socket as IOException or as their own unchecked exception.
            broken = true;
            throw new ClientDisconnectedException(e);
        } finally {
            exitWrite();
        }
        if (broken) {
            // Timed out just as the write went through: the stream is over all the same.
            throw new ClientDisconnectedException(null);
        }
    }

    private void enterWrite() {
        synchronized (writerLock) {
            writer = Thread.currentThread();
            writeStartNanos = System.nanoTime();
        }
    }

    private void exitWrite() {
        synchronized (writerLock) {
            writer = null;
            if (writerInterrupted) {
                // Ours, from abortIfStalled: it must not leak into whatever this thread does next.
                writerInterrupted = false;
                Thread.interrupted();
            }
        }
    }

    /**
     * The frame being serialised (callers hold the stream's lock): grows up to {@code max} bytes, then sends what it
     * holds as part of the frame and starts over, so one frame never needs more than {@code max} bytes here.
     */
    private final class FrameBuffer extends OutputStream {
        private static final int INITIAL = 256;
        private final int max;
        private byte[] bytes = new byte[INITIAL];
        private int size;
        private boolean spilled;

        FrameBuffer(int max) {
            this.max = max;
        }

        @Override
        public void write(int b) {
            if (size == bytes.length) {
                makeRoom(1);
            }
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            while (length > 0) {
                if (size == bytes.length) {
                    makeRoom(length);
                }
                int n = Math.min(length, bytes.length - size);
                System.arraycopy(source, offset, bytes, size, n);
                size += n;
                offset += n;
                length -= n;
            }
        }

        /** Grows towards {@code max}; at {@code max}, sends the buffered part of the frame. */
        private void makeRoom(int wanted) {
            if (bytes.length < max) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(max, Math.max(bytes.length * 2L, (long) size + wanted)));
            } else {
                SseStream.this.write(bytes, size, false);
                spilled = true;
                size = 0;
            }
        }

        void reset() {
            size = 0;
            spilled = false;
        }

        boolean spilled() {
            return spilled;
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

    /** The client closed the connection while the stream was being written (or did not read it in time). */
    public static final class ClientDisconnectedException extends RuntimeException {
        public ClientDisconnectedException(Throwable cause) {
            super("Client disconnected", cause, false, false);
        }
    }
}
