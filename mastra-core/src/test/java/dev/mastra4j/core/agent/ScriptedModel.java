package dev.mastra4j.core.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * A LangChain4j model (blocking and streaming) for tests: answers from a script, one entry per call (a fixed reply
 * once the script is empty), and records every request it receives as {@code role: text} lines.
 */
final class ScriptedModel implements ChatModel, StreamingChatModel {

    static final String DEFAULT_REPLY = "Sunny, 21 C and a light breeze in London.";

    private final Queue<Function<ChatRequest, ChatResponse>> script = new ConcurrentLinkedQueue<>();
    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    /** Counted down once a hanging stream has sent its pieces. */
    final CountDownLatch hanging = new CountDownLatch(1);

    ScriptedModel then(Function<ChatRequest, ChatResponse> reply) {
        script.add(reply);
        return this;
    }

    ScriptedModel thenText(String text) {
        return then(r -> text(text));
    }

    ScriptedModel thenToolCall(String id, String name, String argumentsJson) {
        return then(r -> ChatResponse.builder()
                .aiMessage(AiMessage.from(List.of(ToolExecutionRequest.builder()
                        .id(id)
                        .name(name)
                        .arguments(argumentsJson)
                        .build())))
                .build());
    }

    ScriptedModel thenFailure(RuntimeException failure) {
        return then(r -> {
            throw failure;
        });
    }

    static ChatResponse text(String text) {
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
    }

    int calls() {
        return requests.size();
    }

    /** The last request's messages as {@code role: text}. */
    List<String> lastPrompt() {
        return prompt(requests.get(requests.size() - 1));
    }

    static List<String> prompt(ChatRequest request) {
        List<String> lines = new ArrayList<>();
        for (ChatMessage m : request.messages()) {
            lines.add(
                    switch (m) {
                        case SystemMessage s -> "system: " + s.text();
                        case UserMessage u -> "user: " + u.singleText();
                        case AiMessage a -> "assistant: " + a.text();
                        default -> m.type() + ": " + m;
                    });
        }
        return lines;
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return Set.of();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return List.of();
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return ChatRequestParameters.builder().build();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        Function<ChatRequest, ChatResponse> next = script.poll();
        return next == null ? text(DEFAULT_REPLY) : next.apply(request);
    }

    /** Streams the reply word by word; a reply of {@link #hang} pieces never completes. */
    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        ChatResponse response;
        try {
            response = doChat(request);
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        String text = response.aiMessage().text();
        if (text != null && text.startsWith(HANG)) {
            for (String piece : text.substring(HANG.length()).split("(?<= )")) {
                handler.onPartialResponse(piece);
            }
            hanging.countDown();
            return; // never completes; the run is cancelled by its caller
        }
        if (text != null) {
            for (String piece : text.split("(?<= )")) {
                handler.onPartialResponse(piece);
            }
        }
        handler.onCompleteResponse(response);
    }

    static final String HANG = "\u0000hang:";

    /** A streamed reply that sends {@code text} in word pieces, then never finishes. */
    ScriptedModel thenHang(String text) {
        return thenText(HANG + text);
    }
}
