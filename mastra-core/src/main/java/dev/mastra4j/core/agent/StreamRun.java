package dev.mastra4j.core.agent;

import dev.mastra4j.core.error.MastraException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A streamed run that executes on the caller's thread and hands each chunk straight to a consumer: no run thread and no
 * queue between the model and the consumer. A server that writes each chunk to its client as it comes uses this; the
 * model then paces the writes and a slow client slows the model read, as with {@link AgentStream}.
 *
 * <p>Obtain one with {@link Agent#streamRun}, which checks the options first, so a bad request fails before anything is
 * sent. {@link #cancel()} may be called from any thread (a disconnect probe, a server stop); it never interrupts the
 * caller while the consumer is running, so a consumer that writes to a socket is not cut off mid-write.
 */
public final class StreamRun {

    private final AgentRun run;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean done;

    StreamRun(AgentRun run) {
        this.run = run;
    }

    public String runId() {
        return run.runId();
    }

    /** Whether {@link #run} has returned or thrown. */
    public boolean isDone() {
        return done;
    }

    /** Abandons the run: the model call and running tools are cancelled and {@link #run} throws. Idempotent. */
    public void cancel() {
        run.cancel();
    }

    /**
     * Runs to the end on the calling thread, giving every chunk to {@code onChunk} as it is produced. Once only.
     *
     * @return the result, after {@code onChunk} has received {@link StreamChunk.Finish}
     * @throws MastraException       when the run fails; {@code onChunk} first receives the {@link StreamChunk.ErrorChunk}
     * @throws CancellationException when {@link #cancel()} was called or the calling thread was interrupted
     * @throws RuntimeException      what {@code onChunk} threw; the run is cancelled at that point
     */
    public GenerateResult run(Consumer<StreamChunk> onChunk) {
        Objects.requireNonNull(onChunk, "onChunk");
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("Run " + runId() + " was already run");
        }
        RuntimeException[] consumerFailure = {null};
        Consumer<StreamChunk> guarded = chunk -> {
            if (run.isCancelled()) {
                throw new RunCancelledException();
            }
            run.enterSink();
            try {
                onChunk.accept(chunk);
            } catch (RuntimeException e) {
                consumerFailure[0] = e;
                run.cancel();
                throw new RunCancelledException();
            } finally {
                run.exitSink();
            }
        };
        try {
            return run.execute(guarded, true);
        } catch (Throwable failure) {
            if (consumerFailure[0] != null) {
                throw consumerFailure[0];
            }
            MastraException error = AgentRun.toMastraException(failure, run);
            if (error instanceof RunCancelledException || Thread.currentThread().isInterrupted()) {
                run.cancel();
                throw new CancellationException("Run " + runId() + " cancelled");
            }
            onChunk.accept(new StreamChunk.ErrorChunk(error.getMessage()));
            throw error;
        } finally {
            done = true;
        }
    }
}
