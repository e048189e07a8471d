package dev.mastra4j.core.agent;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.mastra4j.core.model.ModelErrors;
import dev.mastra4j.core.model.ResolvedModel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One plain model call outside a run: a system prompt and a user message in, the text out (for thread titles). */
final class TitleModel {

    private static final long TIMEOUT_SECONDS = 60;

    private TitleModel() {}

    /** The model's text for {@code system} and {@code user}; provider failures as {@code ModelErrors} translates them. */
    static String ask(ResolvedModel model, String system, String user) {
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from(system), UserMessage.from(user))
                .build();
        ChatResponse response;
        try {
            if (model.chat() != null) {
                response = model.chat().chat(request);
            } else {
                CompletableFuture<ChatResponse> done = new CompletableFuture<>();
                model.streaming().chat(request, new StreamingChatResponseHandler() {
                    @Override
                    public void onCompleteResponse(ChatResponse complete) {
                        done.complete(complete);
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }
                });
                response = done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while generating a title", e);
        } catch (ExecutionException e) {
            throw ModelErrors.translate(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("No title within " + TIMEOUT_SECONDS + " s", e);
        } catch (RuntimeException e) {
            throw ModelErrors.translate(e);
        }
        String text = response.aiMessage().text();
        return text == null ? "" : text;
    }
}
