package dev.mastra4j.server.helidon;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a dead listener fatal. When accepting a connection fails (for example with "Too many open files"), Helidon
 * 4.5 logs the error, closes the listening socket for good and leaves the JVM running with nothing on the port, so a
 * supervisor never restarts it. The watchdog checks every second that the port is still taken, by trying to bind it
 * ({@link ListenAddress#bindFailure()}). Once the bind succeeds nothing listens any more: it logs an error, makes the
 * server not ready (requests still arriving on open connections get 503) and exits the JVM with
 * {@link #EXIT_STATUS}, so that the process is restarted rather than left alive without a listener.
 */
final class ListenerWatchdog {

    /** The JVM's exit status after its listener died ({@code EX_SOFTWARE} of sysexits.h). */
    static final int EXIT_STATUS = 70;

    static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(ListenerWatchdog.class);

    private final ListenAddress address;
    private final Runnable notReady;
    private final IntConsumer exit;
    private final ScheduledFuture<?> checking;
    private volatile boolean stopped;

    /**
     * Starts checking {@code address} every {@code period} on {@code scheduler}; on a dead listener runs
     * {@code notReady}, then {@code exit} with {@link #EXIT_STATUS} ({@code System::exit} in production).
     */
    ListenerWatchdog(
            ListenAddress address,
            Runnable notReady,
            IntConsumer exit,
            ScheduledExecutorService scheduler,
            Duration period) {
        this.address = address;
        this.notReady = notReady;
        this.exit = exit;
        this.checking =
                scheduler.scheduleWithFixedDelay(this::check, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Call before stopping the server on purpose, so the closed port is not taken for a failure. */
    void stop() {
        stopped = true;
        checking.cancel(false);
    }

    private void check() {
        if (stopped) {
            return;
        }
        Optional<IOException> failure = address.bindFailure();
        // Failing to bind because the port is taken means the listener is alive; failing for another reason (no
        // descriptor left for the probe) says nothing, so the next check decides.
        if (failure.isPresent() || stopped) {
            return;
        }
        stopped = true;
        checking.cancel(false);
        LOG.error(
                "The HTTP listener on {} has stopped accepting connections (Helidon logged the cause just before); "
                        + "exiting with status {} so that a supervisor restarts the server",
                address,
                EXIT_STATUS);
        try {
            notReady.run();
        } finally {
            exit.accept(EXIT_STATUS);
        }
    }
}
