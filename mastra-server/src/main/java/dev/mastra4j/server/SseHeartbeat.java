package dev.mastra4j.server;

import dev.mastra4j.server.http.Exchange;
import dev.mastra4j.server.http.SseStream;
import dev.mastra4j.server.http.SseStream.ClientDisconnectedException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Keep-alive comments for open streams, which are also the probe that notices a client that left a silent stream, and
 * the write timeout, which notices a client that stopped reading.
 * One shared timer thread sweeps all open streams twice per interval (or per write timeout, if shorter) and writes a
 * comment only to a stream that sent nothing for a whole interval: a stream that is sending tokens costs no extra
 * writes, and no stream needs a thread or a timer of its own (10,000 timers cost 10,000 wake-ups a second). The
 * comment itself is written on a virtual thread, because a write can block on a slow client. A write (the stream's
 * own, or a comment) blocked for the write timeout ends the stream ({@link SseStream#abortIfStalled}); a comment could
 * never see that, since it waits behind the blocked write.
 */
final class SseHeartbeat {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mastra-sse-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    /** Open streams by sweep period (one per server configuration, so normally one entry). */
    private static final Map<Long, Set<Probe>> BY_PERIOD = new ConcurrentHashMap<>();

    private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private SseHeartbeat() {}

    /**
     * Watches {@code sse} until the returned handle is closed: keep-alive comments while {@code over} is false, and
     * the write timeout throughout (the last frames and the close can block too). When a comment cannot be written, or
     * a write stays blocked for {@code writeTimeout}, {@code clientGone} runs (on a virtual thread for a timeout).
     */
    static Exchange.Registration start(
            SseStream sse, Duration interval, Duration writeTimeout, BooleanSupplier over, Runnable clientGone) {
        long intervalNanos = interval.toNanos();
        long writeTimeoutNanos = writeTimeout.toNanos();
        long period = Math.max(Math.min(intervalNanos, writeTimeoutNanos) / 2, MIN_PERIOD_NANOS);
        Set<Probe> probes = BY_PERIOD.computeIfAbsent(period, SseHeartbeat::sweepEvery);
        Probe probe = new Probe(sse, intervalNanos, writeTimeoutNanos, over, clientGone);
        probes.add(probe);
        return () -> probes.remove(probe);
    }

    private static Set<Probe> sweepEvery(long period) {
        Set<Probe> probes = ConcurrentHashMap.newKeySet();
        var unused =
                TIMER.scheduleAtFixedRate(() -> probes.forEach(Probe::check), period, period, TimeUnit.NANOSECONDS);
        return probes;
    }

    private static final class Probe {
        private final SseStream sse;
        private final long intervalNanos;
        private final long writeTimeoutNanos;
        private final BooleanSupplier over;
        private final Runnable clientGone;
        private final AtomicBoolean writing = new AtomicBoolean();

        Probe(SseStream sse, long intervalNanos, long writeTimeoutNanos, BooleanSupplier over, Runnable clientGone) {
            this.sse = sse;
            this.intervalNanos = intervalNanos;
            this.writeTimeoutNanos = writeTimeoutNanos;
            this.over = over;
            this.clientGone = clientGone;
        }

        void check() {
            if (sse.abortIfStalled(writeTimeoutNanos)) {
                if (!onVirtualThread(clientGone)) {
                    clientGone.run();
                }
                return;
            }
            if (over.getAsBoolean()
                    || sse.isBroken()
                    || sse.idleNanos() < intervalNanos
                    || !writing.compareAndSet(false, true)) {
                return;
            }
            if (!onVirtualThread(this::comment)) {
                writing.set(false);
            }
        }

        /** False when no thread could be started now; the next sweep tries again. The sweep itself must not die. */
        private static boolean onVirtualThread(Runnable task) {
            try {
                Thread.ofVirtual().name("mastra-sse-keepalive").start(task);
                return true;
            } catch (RuntimeException | OutOfMemoryError e) {
                return false;
            }
        }

        private void comment() {
            try {
                if (!over.getAsBoolean()) {
                    sse.comment("keep-alive");
                }
            } catch (ClientDisconnectedException e) {
                clientGone.run();
            } finally {
                writing.set(false);
            }
        }
    }
}
