package dev.mastra4j.core.agent;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.mastra4j.core.model.ModelErrors;
import dev.mastra4j.core.model.ModelProviderException;
import dev.mastra4j.core.model.ResolvedModel;
import dev.mastra4j.core.observe.ModelCallObservation;
import dev.mastra4j.core.observe.RunObservation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * One model call of a run, through the model's blocking or streaming view, as the same chunks either way: the text
 * arrives as {@code text-start}, {@code text-delta}s and {@code text-end} under one text id (a blocking call gives a
 * single delta), and the full response is returned for the tool loop.
 *
 * <p>Contract: provider failures are translated by {@link ModelErrors} ({@code ModelProviderException},
 * {@code ModelTimeoutException}); once the run is cancelled a call throws {@link RunCancellation#failure()} instead.
 * {@link #cancel()} (any thread) cancels a streaming call in flight; a blocking call is stopped by interrupting the
 * calling thread ({@link ProducerInterrupts}).
 */
final class ModelStep {

    private final ResolvedModel model;
    private final RunCancellation cancellation;
    private volatile StreamingHandle streamingHandle;
    private RunObservation observation = RunObservation.NONE;

    ModelStep(ResolvedModel model, RunCancellation cancellation) {
        this.model = model;
        this.cancellation = cancellation;
    }

    /** Where this step's calls are recorded (before the first call). */
    void observe(RunObservation observation) {
        this.observation = observation;
    }

    /** Calls the model, streaming if asked and the model can, handing text chunks to {@code sink}. */
    ChatResponse call(ChatRequest request, String textId, boolean streaming, Consumer<StreamChunk> sink) {
        ModelCallObservation observed = observation.modelCall(request);
        try {
            ChatResponse response = streaming && model.streaming() != null
                    ? streamCall(request, textId, sink)
                    : blockingCall(request, textId, sink);
            observed.end(response);
            return response;
        } catch (RuntimeException | Error failure) {
            observed.fail(failure);
            throw failure;
        }
    }

    /** Cancels a streaming call in flight (and any that starts later reports its handle and is cancelled at once). */
    void cancel() {
        StreamingHandle handle = streamingHandle;
        if (handle != null) {
            handle.cancel();
        }
    }

    private ChatResponse blockingCall(ChatRequest request, String textId, Consumer<StreamChunk> sink) {
        ChatResponse response;
        if (model.chat() != null) {
            try {
                response = model.chat().chat(request);
            } catch (RuntimeException e) {
                cancellation.check();
                throw ModelErrors.translate(e);
            }
        } else {
            response = streamCall(request, textId, chunk -> {});
        }
        String text = response.aiMessage().text();
        if (text != null && !text.isEmpty()) {
            sink.accept(new StreamChunk.TextStart(textId));
            sink.accept(new StreamChunk.TextDelta(textId, text));
            sink.accept(new StreamChunk.TextEnd(textId));
        }
        return response;
    }

    private ChatResponse streamCall(ChatRequest request, String textId, Consumer<StreamChunk> sink) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        // Orders the text chunks of one call; the text itself is not kept here (the model's response carries it).
        Object streamed = new Object();
        boolean[] started = {false};
        model.streaming().chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                remember(context.streamingHandle());
                if (!cancellation.isCancelled()) {
                    deliver(partial.text());
                }
            }

            @Override
            public void onPartialResponse(String text) {
                deliver(text);
            }

            // Tool-call and thinking events carry the handle too; a run that streams no text must still be cancellable.
            @Override
            public void onPartialToolCall(PartialToolCall partial, PartialToolCallContext context) {
                remember(context.streamingHandle());
            }

            @Override
            public void onPartialThinking(PartialThinking partial, PartialThinkingContext context) {
                remember(context.streamingHandle());
            }

            private void remember(StreamingHandle handle) {
                streamingHandle = handle;
                if (cancellation.isCancelled()) {
                    handle.cancel();
                }
            }

            private void deliver(String text) {
                if (text == null || text.isEmpty() || done.isDone()) {
                    return;
                }
                try {
                    synchronized (streamed) {
                        if (!started[0]) {
                            started[0] = true;
                            sink.accept(new StreamChunk.TextStart(textId));
                        }
                        sink.accept(new StreamChunk.TextDelta(textId, text));
                    }
                } catch (RuntimeException e) {
                    // The reader went away: stop reading from the provider.
                    cancel();
                    done.completeExceptionally(e);
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                ModelProviderException cutOff = ModelErrors.endedEarly(model, response);
                if (cutOff != null) {
                    done.completeExceptionally(cutOff);
                    return;
                }
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse response;
        try {
            response = done.get();
        } catch (InterruptedException e) {
            cancel();
            Thread.currentThread().interrupt();
            throw cancellation.failure();
        } catch (ExecutionException e) {
            cancellation.check();
            if (e.getCause() instanceof RunCancelledException cancelledRun) {
                throw cancelledRun;
            }
            throw ModelErrors.translate(e.getCause());
        }
        synchronized (streamed) {
            String text = response.aiMessage().text();
            if (!started[0] && text != null && !text.isEmpty()) {
                // Some providers deliver the text only in the final response.
                sink.accept(new StreamChunk.TextStart(textId));
                sink.accept(new StreamChunk.TextDelta(textId, text));
                started[0] = true;
            }
            if (started[0]) {
                sink.accept(new StreamChunk.TextEnd(textId));
            }
        }
        return response;
    }
}
