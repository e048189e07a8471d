package dev.mastra4j.core.agent;

import dev.mastra4j.core.error.MastraException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A running, streamed agent call. Iterate it (or {@link #stream()}) to receive chunks as the model produces them;
 * iteration blocks until the next chunk and ends after {@link StreamChunk.Finish} or {@link StreamChunk.ErrorChunk}.
 * The run happens on its own virtual thread and hands chunks over through a small bounded queue, so a slow reader
 * slows the model read instead of buffering the answer.
 *
 * <p>{@link #close()} cancels the run: the model call is abandoned (streaming calls are cancelled, blocking calls
 * interrupted) and running tools see {@code ToolContext.isCancelled()}. Always close a stream you stop reading early.
 */
public final class AgentStream implements Iterator<StreamChunk>, AutoCloseable {

    private static final int CAPACITY = 64;
    private static final Object END = new Object();

    private final AgentRun run;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final CompletableFuture<GenerateResult> result = new CompletableFuture<>();
    private volatile boolean closed;
    private StreamChunk next;
    private boolean ended;

    AgentStream(AgentRun run) {
        this.run = run;
    }

    /** Starts the run on a virtual thread; called once by {@link Agent}. */
    AgentStream start() {
        Thread.ofVirtual().name("mastra-run-" + run.runId()).start(() -> {
            try {
                result.complete(run.execute(this::emit, false));
            } catch (Throwable failure) {
                MastraException error = AgentRun.toMastraException(failure, run);
                if (!closed && !(error instanceof RunCancelledException)) {
                    emit(new StreamChunk.ErrorChunk(error.getMessage()));
                }
                result.completeExceptionally(error);
            } finally {
                put(END);
            }
        });
        return this;
    }

    public String runId() {
        return run.runId();
    }

    @Override
    public synchronized boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (ended || closed) {
            ended = true;
            return false;
        }
        try {
            Object item = queue.take();
            if (item == END) {
                ended = true;
                return false;
            }
            next = (StreamChunk) item;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            ended = true;
            return false;
        }
    }

    @Override
    public synchronized StreamChunk next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        StreamChunk chunk = next;
        next = null;
        return chunk;
    }

    /** The remaining chunks as a sequential stream; closing the stream closes this. */
    public Stream<StreamChunk> stream() {
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(this::close);
    }

    /** Only the text pieces, in order. */
    public Stream<String> textStream() {
        return stream().filter(StreamChunk.TextDelta.class::isInstance).map(c -> ((StreamChunk.TextDelta) c).text());
    }

    /**
     * The run's result, waiting for the end if needed (without consuming chunks: only call it after iterating,
     * or from another thread, since the run blocks when nobody reads).
     *
     * @throws MastraException       what the run failed with (e.g. {@code ModelProviderException})
     * @throws CancellationException if the stream was closed before the run ended
     */
    public GenerateResult result() {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted while waiting for the run");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RunCancelledException cancelled) {
                throw new CancellationException(cancelled.getMessage());
            }
            if (e.getCause() instanceof MastraException mastra) {
                throw mastra;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Whether the run ended (finished, failed or cancelled). */
    public boolean isDone() {
        return result.isDone();
    }

    /** Cancels the run if it is still going, and drops unread chunks. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (!result.isDone()) {
                run.cancel();
            }
            queue.clear();
            // Wakes a reader blocked in hasNext() on another thread; the producer may have put its END already.
            queue.offer(END);
        }
    }

    /** Hands a chunk to the reader, waiting while the queue is full; gives up once the stream is closed. */
    private void emit(StreamChunk chunk) {
        if (closed) {
            throw new RunCancelledException();
        }
        if (!put(chunk)) {
            throw new RunCancelledException();
        }
    }

    private boolean put(Object item) {
        boolean interrupted = false;
        try {
            while (!closed) {
                try {
                    if (queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                } catch (InterruptedException e) {
                    // A chunk is dropped on cancellation, but the end marker must reach the reader.
                    interrupted = true;
                    if (item != END) {
                        return false;
                    }
                }
            }
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
