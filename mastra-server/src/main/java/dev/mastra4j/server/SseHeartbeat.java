package dev.mastra4j.server;

import dev.mastra4j.server.http.SseStream;
import dev.mastra4j.server.http.SseStream.ClientDisconnectedException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Keep-alive comments for open streams, which are also the probe that notices a client that left a silent stream.
 * One shared timer thread looks at each stream twice per interval and writes a comment only when nothing went out
 * for a whole interval: a stream that is sending tokens costs no extra writes, and no stream needs a thread of its
 * own for this. The comment itself is written on a virtual thread, because a write can block on a slow client.
 */
final class SseHeartbeat {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private SseHeartbeat() {
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "mastra-sse-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /**
     * Starts probing {@code sse} until the returned handle is closed or {@code over} is true; when a comment cannot be
     * written, {@code clientGone} runs once.
     */
    static AutoCloseable start(SseStream sse, Duration interval, BooleanSupplier over, Runnable clientGone) {
        long intervalNanos = interval.toNanos();
        long checkNanos = Math.max(intervalNanos / 2, TimeUnit.MILLISECONDS.toNanos(5));
        AtomicBoolean writing = new AtomicBoolean();
        Runnable check = () -> {
            if (over.getAsBoolean() || sse.isBroken() || sse.idleNanos() < intervalNanos
                    || !writing.compareAndSet(false, true)) {
                return;
            }
            Thread.ofVirtual().name("mastra-sse-keepalive").start(() -> {
                try {
                    if (!over.getAsBoolean()) {
                        sse.comment("keep-alive");
                    }
                } catch (ClientDisconnectedException e) {
                    clientGone.run();
                } finally {
                    writing.set(false);
                }
            });
        };
        ScheduledFuture<?> task = TIMER.scheduleAtFixedRate(check, checkNanos, checkNanos, TimeUnit.NANOSECONDS);
        return () -> task.cancel(false);
    }
}
