package dev.mastra4j.core.model;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.mastra4j.core.error.MastraException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A model list as one model ({@code model(List.of(primary, fallback...))}): each call goes to the first enabled
 * entry, is retried on a provider failure up to that entry's {@code maxRetries}, then moves to the next entry. A
 * rejected request (4xx other than 408 and 429: bad request, authentication, unknown model, content filter) fails at
 * once, neither retried nor sent to another model. The response names the model that answered
 * ({@code modelName}). A stream moves on only while nothing has been streamed yet.
 */
public final class FallbackModel implements ChatModel, StreamingChatModel {

    private final List<ModelWithRetries> entries;

    private FallbackModel(List<ModelWithRetries> entries) {
        this.entries = entries;
    }

    /**
     * The list as one model; provider and model id are the first enabled entry's.
     *
     * @param entries resolved entries ({@link ModelWithRetries#model()} set), at least one enabled
     */
    public static ResolvedModel of(List<ModelWithRetries> entries) {
        List<ModelWithRetries> enabled = new ArrayList<>();
        for (ModelWithRetries entry : entries) {
            if (entry.model() == null) {
                throw new IllegalArgumentException("Resolve " + entry.modelString() + " first");
            }
            if (entry.enabled()) {
                enabled.add(entry);
            }
        }
        if (enabled.isEmpty()) {
            throw new IllegalArgumentException("A model list needs at least one enabled model");
        }
        FallbackModel model = new FallbackModel(List.copyOf(enabled));
        ResolvedModel first = enabled.get(0).model();
        return new ResolvedModel(first.provider(), first.modelId(), model, model);
    }

    /** Whether trying again (or another model) can help after {@code failure}. */
    static boolean isProviderFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                int status = http.statusCode();
                return status >= 500 || status == 408 || status == 429;
            }
            if (t instanceof AuthenticationException
                    || t instanceof InvalidRequestException
                    || t instanceof ModelNotFoundException
                    || t instanceof ContentFilteredException) {
                return false;
            }
        }
        if (failure instanceof MastraException mastra) {
            return mastra.status() >= 500;
        }
        MastraException translated = ModelErrors.translate(failure);
        return !translated.getMessage().contains("(HTTP 4")
                && !translated.getMessage().contains("rejected");
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        RuntimeException last = null;
        for (ModelWithRetries entry : entries) {
            ResolvedModel model = entry.model();
            for (int attempt = 0; attempt <= entry.maxRetries(); attempt++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw last != null ? last : new IllegalStateException("interrupted");
                }
                try {
                    ChatResponse response =
                            model.chat() != null ? model.chat().chat(request) : blocking(model.streaming(), request);
                    return named(response, model);
                } catch (RuntimeException e) {
                    if (!isProviderFailure(e)) {
                        throw e;
                    }
                    last = e;
                }
            }
        }
        throw last;
    }

    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        attempt(request, handler, 0, 0);
    }

    private void attempt(ChatRequest request, StreamingChatResponseHandler handler, int index, int attempt) {
        ModelWithRetries entry = entries.get(index);
        ResolvedModel model = entry.model();
        AtomicBoolean streamed = new AtomicBoolean();
        StreamingChatResponseHandler forward = new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                streamed.set(true);
                handler.onPartialResponse(partial, context);
            }

            @Override
            public void onPartialToolCall(PartialToolCall partial, PartialToolCallContext context) {
                streamed.set(true);
                handler.onPartialToolCall(partial, context);
            }

            @Override
            public void onCompleteToolCall(CompleteToolCall toolCall) {
                streamed.set(true);
                handler.onCompleteToolCall(toolCall);
            }

            @Override
            public void onPartialThinking(PartialThinking partial, PartialThinkingContext context) {
                handler.onPartialThinking(partial, context);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                handler.onCompleteResponse(named(response, model));
            }

            @Override
            public void onError(Throwable error) {
                if (streamed.get() || !isProviderFailure(error)) {
                    handler.onError(error);
                } else if (attempt < entry.maxRetries()) {
                    attempt(request, handler, index, attempt + 1);
                } else if (index + 1 < entries.size()) {
                    attempt(request, handler, index + 1, 0);
                } else {
                    handler.onError(error);
                }
            }
        };
        try {
            if (model.streaming() != null) {
                model.streaming().chat(request, forward);
            } else {
                forward.onCompleteResponse(model.chat().chat(request));
            }
        } catch (RuntimeException e) {
            forward.onError(e);
        }
    }

    private static ChatResponse blocking(StreamingChatModel streaming, ChatRequest request) {
        java.util.concurrent.CompletableFuture<ChatResponse> done = new java.util.concurrent.CompletableFuture<>();
        streaming.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {}

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The response with the answering model's id where the provider named none. */
    private static ChatResponse named(ChatResponse response, ResolvedModel model) {
        if (response.modelName() != null) {
            return response;
        }
        return response.toBuilder().modelName(model.modelId()).build();
    }

    @Override
    public java.util.List<dev.langchain4j.model.chat.listener.ChatModelListener> listeners() {
        return List.of();
    }

    @Override
    public dev.langchain4j.model.chat.request.ChatRequestParameters defaultRequestParameters() {
        return dev.langchain4j.model.chat.request.ChatRequestParameters.builder()
                .build();
    }

    @Override
    public java.util.Set<dev.langchain4j.model.chat.Capability> supportedCapabilities() {
        ResolvedModel first = entries.get(0).model();
        return first.chat() != null
                ? first.chat().supportedCapabilities()
                : first.streaming().supportedCapabilities();
    }

    @Override
    public ModelProvider provider() {
        ResolvedModel first = entries.get(0).model();
        return first.chat() != null
                ? first.chat().provider()
                : first.streaming().provider();
    }
}
