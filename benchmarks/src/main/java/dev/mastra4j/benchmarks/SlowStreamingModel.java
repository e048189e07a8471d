package dev.mastra4j.benchmarks;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.mastra4j.core.model.CancelFlag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A stand-in for a slow LLM in the concurrency benchmark: one token every {@code interval} for {@code tokens} tokens
 * (default 100 ms × 300 = 30 s) per call, no network.
 *
 * <p>{@link #doChat} runs on the agent run's virtual thread and parks between tokens, as a blocking client reading the
 * provider's response would. The pace comes from one shared ticker thread that wakes every {@code interval / slots} and
 * unparks the calls whose turn it is. A {@code Thread.sleep} per token would cost each token its own timer and a
 * wake-up through the scheduler's timer thread, which measures the stub rather than the server; calling the handler
 * from the ticker itself would let one slow stream (its queue full) stall every other stream.
 */
public final class SlowStreamingModel implements StreamingChatModel {

    private static final long SLOT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final int tokens;
    private final int slotCount;
    private final long slotNanos;
    private final List<List<Call>> slots = new ArrayList<>();
    private final Queue<Call> arrivals = new ConcurrentLinkedQueue<>();
    private final long origin = System.nanoTime();

    public SlowStreamingModel(Duration interval, int tokens) {
        if (interval.isNegative() || interval.isZero() || tokens < 1) {
            throw new IllegalArgumentException("interval and tokens must be positive");
        }
        long intervalNanos = interval.toNanos();
        this.tokens = tokens;
        this.slotCount = (int) Math.max(1, intervalNanos / SLOT_NANOS);
        this.slotNanos = intervalNanos / slotCount;
        for (int i = 0; i < slotCount; i++) {
            slots.add(new ArrayList<>());
        }
        Thread.ofPlatform().daemon().name("slow-model-ticker").start(this::tick);
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        CancelFlag handle = new CancelFlag();
        PartialResponseContext context = new PartialResponseContext(handle);
        Call call = new Call(Thread.currentThread());
        StringBuilder all = new StringBuilder(tokens * 7);
        try {
            arrivals.add(call);
            for (int i = 0; i < tokens; i++) {
                // Token 0 goes out at once, as a model's first token would; token i after the i-th tick.
                while (call.ticks < i) {
                    LockSupport.park(call);
                    if (Thread.currentThread().isInterrupted() || handle.isCancelled()) {
                        return; // cancelled; the interrupt flag stays set for the agent run
                    }
                }
                if (handle.isCancelled()) {
                    return;
                }
                String token = "tok" + i + " ";
                all.append(token);
                handler.onPartialResponse(new PartialResponse(token), context);
            }
        } finally {
            call.over = true;
        }
        handler.onCompleteResponse(ChatResponse.builder()
                .aiMessage(AiMessage.from(all.toString()))
                .tokenUsage(new TokenUsage(8, tokens))
                .finishReason(FinishReason.STOP)
                .build());
    }

    @SuppressWarnings("NonAtomicVolatileUpdate") // only this timer thread writes ticks; callers only read it
    private void tick() {
        long next = System.nanoTime();
        while (true) {
            next += slotNanos;
            long wait;
            while ((wait = next - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int slot = (int) (((next - origin) / slotNanos) % slotCount);
            Call arrived;
            // A call that arrived during the last slot gets its first tick one full interval after its first token.
            while ((arrived = arrivals.poll()) != null) {
                slots.get((slot + slotCount - 1) % slotCount).add(arrived);
            }
            slots.get(slot).removeIf(call -> {
                if (call.over) {
                    return true;
                }
                call.ticks++;
                LockSupport.unpark(call.thread);
                return false;
            });
        }
    }

    /** One running model call: the thread that waits in {@link #doChat} and the ticks it has been given. */
    private static final class Call {
        private final Thread thread;
        private volatile int ticks;
        private volatile boolean over;

        Call(Thread thread) {
            this.thread = thread;
        }
    }
}
