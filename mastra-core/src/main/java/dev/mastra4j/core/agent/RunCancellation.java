package dev.mastra4j.core.agent;

import dev.mastra4j.core.error.MastraException;
import dev.mastra4j.core.model.ModelTimeoutException;
import java.time.Duration;

/**
 * Whether a run was abandoned, and why: cancelled by its caller, or over its time limit. The model step and the tool
 * executor poll it, and turn an abandoned run into the one exception the caller sees ({@link #failure()}).
 */
final class RunCancellation {

    private final Duration timeout;
    private volatile boolean cancelled;
    private volatile boolean timedOut;

    /** @param timeout the run's time limit (for the message), or null for none */
    RunCancellation(Duration timeout) {
        this.timeout = timeout;
    }

    /** Marks the run cancelled. Idempotent. */
    void cancel() {
        cancelled = true;
    }

    /** Marks the run as over its time limit; {@link #cancel()} follows. */
    void timeOut() {
        timedOut = true;
    }

    boolean isCancelled() {
        return cancelled;
    }

    boolean isTimedOut() {
        return timedOut;
    }

    /** Throws {@link #failure()} once the run is cancelled. */
    void check() {
        if (cancelled) {
            throw failure();
        }
    }

    /** What an abandoned run fails with: {@link ModelTimeoutException} (504) at the limit, else a cancellation. */
    MastraException failure() {
        if (timedOut) {
            return new ModelTimeoutException("the run took longer than " + format(timeout), null);
        }
        return new RunCancelledException();
    }

    /** {@code 30s} or {@code 300ms}: how limits read in messages. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
