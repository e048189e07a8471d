package dev.mastra4j.server.helidon;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.spi.ServerConnection;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the idle-connection timer thread of a stopped Helidon 4.5 server. Each {@code WebServer} starts a
 * {@code java.util.Timer} ("helidon-idle-connection-timer") whose task checks the listener's open connections, and
 * never cancels it (helidon-io/helidon#11939, fixed in a later Helidon line): every stopped server would leave the
 * thread, and through its task the listener, behind. Nothing outside Helidon can reach that timer.
 *
 * <p>What can be reached is what the task reads: the listener's map of active connections. After the stop this
 * class puts itself there as a connection; the task's next pass (within one idle-check period) asks it for its idle
 * time on the timer's own thread, and it answers by throwing, which ends a {@code Timer}'s thread and discards its
 * tasks. The throw is kept out of the logs by a handler set on that thread alone.
 *
 * <p>Reaching the map takes reflection into Helidon 4.5's private fields ({@code LoomServer.listeners},
 * {@code ServerListener.activeConnections}); when that fails (another Helidon version, or Helidon on the module path)
 * the thread is left as before and the reason is logged at debug. Re-check on a Helidon upgrade.
 */
final class IdleTimerRelease implements ServerConnection {

    private static final Logger LOG = LoggerFactory.getLogger(IdleTimerRelease.class);
    private static final String KEY = "mastra4j-idle-timer-release";

    private IdleTimerRelease() {}

    /** Arranges for {@code stopped}'s idle-connection timer thread to end; call after {@link WebServer#stop()}. */
    static void after(WebServer stopped) {
        try {
            for (Object listener : ((Map<?, ?>) read(stopped, "listeners")).values()) {
                @SuppressWarnings("unchecked")
                Map<String, ServerConnection> active =
                        (Map<String, ServerConnection>) read(listener, "activeConnections");
                active.put(KEY, new IdleTimerRelease());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug(
                    "Cannot end Helidon's idle-connection timer thread ({}); it stays until the JVM exits",
                    e.toString());
        }
    }

    private static Object read(Object owner, String name) throws ReflectiveOperationException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }

    /** Called by the timer's task on the timer's thread: ends that thread (and with it the timer). */
    @Override
    public Duration idleTime() {
        Thread.currentThread().setUncaughtExceptionHandler((thread, released) -> {
            // The thread ends as intended; nothing to report.
        });
        throw new Released();
    }

    @Override
    public void close(boolean interrupt) {
        // Not a connection: nothing to close.
    }

    /** Ends the timer's thread. */
    private static final class Released extends RuntimeException {
        Released() {
            super("Helidon idle-connection timer released after the server stopped", null, false, false);
        }
    }
}
