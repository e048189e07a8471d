package dev.mastra4j.server.testing;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.mastra4j.core.model.CancelFlag;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** LangChain4j model doubles for server tests: each is a real model implementation the agent loop drives. */
public final class TestModels {

    private TestModels() {}

    static ChatResponse text(String text) {
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(text))
                .tokenUsage(new TokenUsage(1, 1))
                .finishReason(FinishReason.STOP)
                .build();
    }

    /** Blocks every call until {@link #release()}; {@link #started} counts down when a call is waiting. */
    public static final class GatedChatModel implements ChatModel {
        public final CountDownLatch started = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);

        public void release() {
            release.countDown();
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            started.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            return text("released");
        }
    }

    /**
     * Streams {@code first}, then waits for {@link #release()} before streaming {@code rest} and finishing, so a test
     * can prove the first piece reached the client while the model was still running.
     */
    public static final class GatedStreamingModel implements StreamingChatModel {
        private final CountDownLatch release = new CountDownLatch(1);
        private final String first;
        private final String rest;
        public volatile boolean finished;

        public GatedStreamingModel(String first, String rest) {
            this.first = first;
            this.rest = rest;
        }

        public void release() {
            release.countDown();
        }

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            CancelFlag handle = new CancelFlag();
            handler.onPartialResponse(new PartialResponse(first), new PartialResponseContext(handle));
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    handler.onError(new IllegalStateException("never released"));
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            handler.onPartialResponse(new PartialResponse(rest), new PartialResponseContext(handle));
            finished = true;
            handler.onCompleteResponse(text(first + rest));
        }
    }

    /**
     * Streams a token every 20 ms for up to {@code maxTokens}, stopping as soon as it is cancelled (handle cancelled or
     * thread interrupted). Counts what it emitted, and counts down {@link #cancelled} when it saw the cancellation.
     */
    public static final class SlowStreamingModel implements StreamingChatModel {
        public final AtomicInteger emitted = new AtomicInteger();
        public final CountDownLatch cancelled = new CountDownLatch(1);
        private final int maxTokens;

        public SlowStreamingModel(int maxTokens) {
            this.maxTokens = maxTokens;
        }

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            CancelFlag handle = new CancelFlag();
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < maxTokens; i++) {
                if (handle.isCancelled() || Thread.currentThread().isInterrupted()) {
                    cancelled.countDown();
                    return;
                }
                String token = "tok" + i + " ";
                all.append(token);
                handler.onPartialResponse(new PartialResponse(token), new PartialResponseContext(handle));
                emitted.incrementAndGet();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    // Keep the flag: the caller waiting for this model learns of the cancel from it.
                    Thread.currentThread().interrupt();
                    cancelled.countDown();
                    return;
                }
            }
            handler.onCompleteResponse(text(all.toString()));
        }
    }

    /** Streams {@code first}, then says nothing until it is cancelled (or 30 s pass), like a model thinking hard. */
    public static final class SilentModel implements StreamingChatModel {
        public final CountDownLatch firstSent = new CountDownLatch(1);
        public final CountDownLatch cancelled = new CountDownLatch(1);
        private final String first;

        public SilentModel(String first) {
            this.first = first;
        }

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            CancelFlag handle = new CancelFlag();
            handler.onPartialResponse(new PartialResponse(first), new PartialResponseContext(handle));
            firstSent.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                if (handle.isCancelled() || Thread.currentThread().isInterrupted()) {
                    cancelled.countDown();
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    // Keep the flag: the caller waiting for this model learns of the cancel from it.
                    Thread.currentThread().interrupt();
                    cancelled.countDown();
                    return;
                }
            }
            handler.onCompleteResponse(text(first));
        }
    }
}
