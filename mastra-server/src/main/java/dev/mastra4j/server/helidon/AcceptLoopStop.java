package dev.mastra4j.server.helidon;

import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends Helidon 4.5's accept loop, without interrupting it, before the rest of Helidon's stop runs, so that no
 * connection the kernel accepted is lost.
 *
 * <p>Why: Helidon's listener stop closes the listening socket and, a moment later, interrupts the accepting thread.
 * When a client connects just as the socket closes, {@code accept()} can take that connection and the interrupt can
 * reach the thread before {@code accept()} returns; the JDK then throws {@code ClosedByInterruptException} and drops
 * the descriptor it had just accepted. Nobody owns that connection: it is never handed to Helidon, never closed, and
 * its client waits for an answer until it gives up.
 *
 * <p>How: for each listener, mark it as leaving (Helidon's own flags for a checkpoint: the loop then ends on the
 * closed socket instead of stopping the server from inside), close its listening socket, and wait for its thread to
 * end. A connection accepted in that last moment is handed to a handler as usual and answered (with 503 while the
 * server drains). Then the flags are put back, so that {@link WebServer#stop()} stops the listener's connections and
 * executors as it always does; its interrupt then finds no thread in {@code accept()}.
 *
 * <p>This reads and writes private fields of Helidon 4.5's {@code LoomServer} and {@code ServerListener}
 * ({@code listeners}, {@code serverSocket}, {@code serverThread}, {@code running}, {@code inCheckpoint}). When they
 * are not there (another Helidon version, or Helidon on the module path) it does nothing and Helidon's stop runs as
 * before; the reason is logged at debug. Re-check on a Helidon upgrade.
 */
final class AcceptLoopStop {

    private static final Logger LOG = LoggerFactory.getLogger(AcceptLoopStop.class);

    private AcceptLoopStop() {}

    /**
     * Stops accepting on every listener of {@code server} and waits, at most {@code wait} per listener, for its
     * accepting thread to end. Returns whether every accepting thread has ended.
     */
    static boolean stopAccepting(WebServer server, Duration wait) {
        Map<?, ?> listeners;
        try {
            listeners = (Map<?, ?>) field(server, "listeners").get(server);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Cannot reach Helidon's listeners ({}); its own stop closes them", e.toString());
            return false;
        }
        boolean ended = true;
        for (Object listener : listeners.values()) {
            ended &= stopAccepting(listener, wait);
        }
        return ended;
    }

    private static boolean stopAccepting(Object listener, Duration wait) {
        Field running;
        Field inCheckpoint;
        Thread acceptor;
        ServerSocketChannel socket;
        try {
            running = field(listener, "running");
            inCheckpoint = field(listener, "inCheckpoint");
            acceptor = (Thread) field(listener, "serverThread").get(listener);
            socket = (ServerSocketChannel) field(listener, "serverSocket").get(listener);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Cannot reach Helidon's accept loop ({}); its own stop closes it", e.toString());
            return false;
        }
        if (acceptor == null || socket == null) {
            return true;
        }
        try {
            if (!running.getBoolean(listener)) {
                return true;
            }
            inCheckpoint.setBoolean(listener, true);
            running.setBoolean(listener, false);
            try {
                socket.close();
                acceptor.join(wait);
            } finally {
                running.setBoolean(listener, true);
                inCheckpoint.setBoolean(listener, false);
            }
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Stopping Helidon's accept loop failed ({}); its own stop closes it", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !acceptor.isAlive();
    }

    private static Field field(Object owner, String name) throws NoSuchFieldException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
