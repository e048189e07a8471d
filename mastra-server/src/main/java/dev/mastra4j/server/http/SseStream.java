package dev.mastra4j.server.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A Server-Sent Events response: each {@link #send(String)} writes one {@code data: ...\n\n} frame and flushes it,
 * so the client sees it at once. Thread-safe, so a heartbeat may write while the producer waits.
 *
 * <p>A failed write means the client went away: it is reported as {@link ClientDisconnectedException}, and every later
 * call fails the same way.
 */
public final class SseStream {

    private final OutputStream out;
    private boolean broken;

    SseStream(OutputStream out) {
        this.out = out;
    }

    /** One {@code data:} frame. {@code data} must be a single line (compact JSON is). */
    public synchronized void send(String data) {
        if (data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("An SSE data frame must be one line");
        }
        write("data: " + data + "\n\n");
    }

    /** A comment line that clients ignore; used to notice a client that left while nothing else is sent. */
    public synchronized void comment(String text) {
        write(": " + text + "\n\n");
    }

    public synchronized boolean isBroken() {
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

    private void write(String frame) {
        if (broken) {
            throw new ClientDisconnectedException(null);
        }
        try {
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | RuntimeException e) {
            // Engines report a closed socket as IOException or as their own unchecked exception.
            broken = true;
            throw new ClientDisconnectedException(e);
        }
    }

    /** The client closed the connection while the stream was being written. */
    public static final class ClientDisconnectedException extends RuntimeException {
        public ClientDisconnectedException(Throwable cause) {
            super("Client disconnected", cause, false, false);
        }
    }
}
