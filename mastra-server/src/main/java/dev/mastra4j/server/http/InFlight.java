package dev.mastra4j.server.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Counts requests being served, so a stop can wait for them to finish. */
final class InFlight {

    private final Object lock = new Object();
    private int count;

    void enter() {
        synchronized (lock) {
            count++;
        }
    }

    void exit() {
        synchronized (lock) {
            count--;
            if (count == 0) {
                lock.notifyAll();
            }
        }
    }

    int count() {
        synchronized (lock) {
            return count;
        }
    }

    /** Waits until nothing is in flight, at most {@code timeout}; true when idle. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (count > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }
}
