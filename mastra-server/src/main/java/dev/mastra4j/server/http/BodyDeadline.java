package dev.mastra4j.server.http;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A time limit for receiving a request body. A client that declares more bytes than it sends (or stops sending) would
 * otherwise hold its request, and the connection, for as long as it likes. At the limit the reading thread is
 * interrupted, which aborts the blocked socket read (and closes the connection: no answer can be sent then).
 */
final class BodyDeadline implements AutoCloseable {

    private static final ScheduledExecutorService ALARMS = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("mastra-body-deadline").factory());

    private final Thread reader = Thread.currentThread();
    private final ScheduledFuture<?> alarm;
    private boolean finished;
    private boolean expired;

    /** Starts the clock for the calling thread. */
    BodyDeadline(Duration limit) {
        this.alarm = ALARMS.schedule(this::expire, limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    private synchronized void expire() {
        if (!finished) {
            expired = true;
            reader.interrupt();
        }
    }

    /** Whether the limit passed before the body was read. */
    synchronized boolean expired() {
        return expired;
    }

    /** Stops the clock; an interrupt it caused does not outlive the read. */
    @Override
    public synchronized void close() {
        finished = true;
        alarm.cancel(false);
        if (expired) {
            Thread.interrupted();
        }
    }
}
