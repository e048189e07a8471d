package dev.mastra4j.core.agent;

/**
 * The interrupt-deferral protocol of one run. Interrupting the thread that produces a run's chunks (the producer) is
 * how cancelling stops a blocking model call or a wait for tools. When the producer is also the thread that writes
 * chunks to a client ({@link StreamRun}), an interrupt that lands during that write would close the client's socket,
 * so it is held back while the producer is inside the sink, and delivered when the sink call returns.
 *
 * <p>Contract: {@link #bind()} on the producer before it runs, {@link #enterSink()}/{@link #exitSink()} around every
 * sink call (no-ops on other threads), {@link #unbind(boolean)} when it is done; {@link #interrupt()} from any thread.
 * After {@link #unbind(boolean)} no interrupt from this object reaches the thread any more.
 */
final class ProducerInterrupts {

    private final Object lock = new Object();
    private Thread producer;
    private boolean inSink;
    private boolean deferred;
    private boolean delivered;

    /** Makes the calling thread the producer. */
    void bind() {
        synchronized (lock) {
            producer = Thread.currentThread();
        }
    }

    /** Interrupts the producer now, or when it leaves the sink; nothing when no producer is bound. */
    void interrupt() {
        synchronized (lock) {
            if (producer != null) {
                if (inSink) {
                    deferred = true;
                } else {
                    producer.interrupt();
                    delivered = true;
                }
            }
        }
    }

    /** Marks the start of a sink call; on the producer thread, {@link #interrupt()} then defers its interrupt. */
    void enterSink() {
        Thread current = Thread.currentThread();
        synchronized (lock) {
            if (current == producer) {
                inSink = true;
            }
        }
    }

    /** Marks the end of a sink call; delivers an interrupt that was deferred meanwhile. */
    void exitSink() {
        Thread current = Thread.currentThread();
        synchronized (lock) {
            if (current == producer) {
                inSink = false;
                if (deferred) {
                    deferred = false;
                    delivered = true;
                    current.interrupt();
                }
            }
        }
    }

    /**
     * Ends the producer's binding, on the producer. An interrupt this object delivered is cleared; one from anyone else
     * is kept when {@code keepForeignInterrupt} (the caller's own thread) and cleared otherwise (a pooled run thread).
     */
    void unbind(boolean keepForeignInterrupt) {
        boolean ours;
        synchronized (lock) {
            producer = null;
            inSink = false;
            deferred = false;
            ours = delivered;
        }
        // After the lock no interrupt() can reach this thread any more, so the flag is settled here.
        boolean interrupted = Thread.interrupted();
        if (interrupted && keepForeignInterrupt && !ours) {
            Thread.currentThread().interrupt();
        }
    }
}
