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
 * Keep-alive comments for open streams, which are also the probe that notices a client that left a silent stream.
 * One shared timer thread sweeps all open streams twice per interval and writes a comment only to a stream that sent
 * nothing for a whole interval: a stream that is sending tokens costs no extra writes, and no stream needs a thread or
 * a timer of its own (10,000 timers cost 10,000 wake-ups a second). The comment itself is written on a virtual thread,
 * because a write can block on a slow client.
 */
final class SseHeartbeat {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mastra-sse-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    /** Open streams by keep-alive interval (one interval per server, so normally one entry). */
    private static final Map<Long, Set<Probe>> BY_INTERVAL = new ConcurrentHashMap<>();

    private SseHeartbeat() {
    }

    /**
     * Starts probing {@code sse} until the returned handle is closed or {@code over} is true; when a comment cannot be
     * written, {@code clientGone} runs once.
     */
    static Exchange.Registration start(SseStream sse, Duration interval, BooleanSupplier over, Runnable clientGone) {
        long intervalNanos = interval.toNanos();
        Set<Probe> probes = BY_INTERVAL.computeIfAbsent(intervalNanos, SseHeartbeat::sweepEvery);
        Probe probe = new Probe(sse, intervalNanos, over, clientGone);
        probes.add(probe);
        return () -> probes.remove(probe);
    }

    private static Set<Probe> sweepEvery(long intervalNanos) {
        Set<Probe> probes = ConcurrentHashMap.newKeySet();
        long period = Math.max(intervalNanos / 2, TimeUnit.MILLISECONDS.toNanos(5));
        TIMER.scheduleAtFixedRate(() -> probes.forEach(Probe::check), period, period, TimeUnit.NANOSECONDS);
        return probes;
    }

    private static final class Probe {
        private final SseStream sse;
        private final long intervalNanos;
        private final BooleanSupplier over;
        private final Runnable clientGone;
        private final AtomicBoolean writing = new AtomicBoolean();

        Probe(SseStream sse, long intervalNanos, BooleanSupplier over, Runnable clientGone) {
            this.sse = sse;
            this.intervalNanos = intervalNanos;
            this.over = over;
            this.clientGone = clientGone;
        }

        void check() {
            if (over.getAsBoolean() || sse.isBroken() || sse.idleNanos() < intervalNanos
                    || !writing.compareAndSet(false, true)) {
                return;
            }
            try {
                Thread.ofVirtual().name("mastra-sse-keepalive").start(this::comment);
            } catch (RuntimeException | OutOfMemoryError e) {
                // No thread for it now; the next sweep tries again. The sweep itself must not die.
                writing.set(false);
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
