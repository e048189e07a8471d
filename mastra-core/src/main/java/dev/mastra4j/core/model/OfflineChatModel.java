package dev.mastra4j.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.mastra4j.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A deterministic STAND-IN for a language model, so that agents, tools and the server can run with no network and no
 * API key (model string {@code offline/<name>}). It is not an LLM and never pretends to be one: every text it produces
 * starts with {@code [offline model]}.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>The last message is a tool result: it reports the result, {@code [offline model] weatherTool returned: {...}}.</li>
 *   <li>The last message is from the user and a tool with a string parameter is offered: it calls that tool once,
 *       with the parameter taken from the user's text (the words after the last " in ", else the last capitalised
 *       words, else the whole text). "Weather in London" gives {@code {"location":"London"}}.</li>
 *   <li>Otherwise it echoes the user and says what it is.</li>
 * </ol>
 * A request with a JSON-schema response format (structured output) gets, where rules 1 and 3 would give text, a JSON
 * value that fits the schema instead ({@code OfflineObjects}): the one answer that does not start with the prefix.
 * Token counts are whitespace-separated word counts. Streaming sends the text in word-sized pieces.
 *
 * <p>What it repeats of its input (the user's text, a tool argument, a tool's result) is cut to
 * {@link #MAX_ECHO_CHARS} characters, so a large request cannot turn into a far larger answer: a 1 MB input would
 * otherwise come back as some 200,000 word-sized stream frames.
 */
public final class OfflineChatModel implements ChatModel, StreamingChatModel {

    public static final String PROVIDER = "offline";
    public static final String DEFAULT_NAME = "stand-in";
    static final String PREFIX = "[offline model] ";
    /** At most this many characters of any input text are repeated in an answer or a tool argument. */
    public static final int MAX_ECHO_CHARS = 1000;

    private static final Pattern AFTER_IN = Pattern.compile("(?i).*\\bin\\s+(.+)$", Pattern.DOTALL);
    private static final Pattern CAPITALISED = Pattern.compile("\\p{Lu}[\\p{L}'-]*(?:\\s+\\p{Lu}[\\p{L}'-]*)*");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\s?.!,;:\"')]+$");

    private final String name;

    public OfflineChatModel() {
        this(DEFAULT_NAME);
    }

    public OfflineChatModel(String name) {
        this.name = name == null || name.isBlank() ? DEFAULT_NAME : name;
    }

    public String name() {
        return name;
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
        return ChatRequestParameters.builder().modelName(name).build();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return answer(request);
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        ChatResponse response;
        try {
            response = answer(request);
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        CancelFlag handle = new CancelFlag();
        AiMessage message = response.aiMessage();
        if (message.text() != null) {
            for (String piece : pieces(message.text())) {
                if (handle.isCancelled() || Thread.currentThread().isInterrupted()) {
                    return;
                }
                handler.onPartialResponse(new PartialResponse(piece), new PartialResponseContext(handle));
            }
        }
        if (message.hasToolExecutionRequests()) {
            List<ToolExecutionRequest> calls = message.toolExecutionRequests();
            for (int i = 0; i < calls.size(); i++) {
                handler.onCompleteToolCall(new CompleteToolCall(i, calls.get(i)));
            }
        }
        if (!handle.isCancelled()) {
            handler.onCompleteResponse(response);
        }
    }

    private ChatResponse answer(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        long inputTokens = messages.stream().mapToLong(m -> words(textOf(m))).sum();
        ChatMessage last = messages.isEmpty() ? null : messages.get(messages.size() - 1);

        // Structured output: wherever the answer would be text, it is an object that fits the schema instead.
        String object = OfflineObjects.answer(request);
        if (last instanceof ToolExecutionResultMessage) {
            if (object != null) {
                return text(object, inputTokens);
            }
            List<String> reports = new ArrayList<>();
            for (int i = messages.size() - 1; i >= 0 && messages.get(i) instanceof ToolExecutionResultMessage r; i--) {
                reports.add(0, r.toolName() + " returned: " + echo(r.text()));
            }
            return text(PREFIX + String.join("; ", reports), inputTokens);
        }

        String userText = last instanceof UserMessage user ? textOf(user) : "";
        if (last instanceof UserMessage && request.toolChoice() != ToolChoice.NONE) {
            for (ToolSpecification tool : tools(request)) {
                Optional<String> parameter = stringParameter(tool);
                if (parameter.isPresent()) {
                    ObjectNode args = Json.MAPPER
                            .createObjectNode()
                            .put(parameter.get(), cap(extractArgument(userText), MAX_ECHO_CHARS));
                    String argsJson = args.toString();
                    long steps = messages.stream()
                            .filter(AiMessage.class::isInstance)
                            .count();
                    ToolExecutionRequest call = ToolExecutionRequest.builder()
                            .id("offline-call-" + (steps + 1))
                            .name(tool.name())
                            .arguments(argsJson)
                            .build();
                    return ChatResponse.builder()
                            .aiMessage(AiMessage.from(List.of(call)))
                            .id("offline-" + name)
                            .modelName(name)
                            .finishReason(FinishReason.TOOL_EXECUTION)
                            .tokenUsage(new TokenUsage((int) inputTokens, words(argsJson)))
                            .build();
                }
            }
        }
        if (object != null) {
            return text(object, inputTokens);
        }
        String said = userText.isBlank() ? "(nothing)" : echo(userText.strip());
        return text(
                PREFIX + "You said: " + said + ". This reply comes from mastra4j's offline stand-in model, "
                        + "not an LLM; set MODEL and an API key for real answers.",
                inputTokens);
    }

    private ChatResponse text(String text, long inputTokens) {
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(text))
                .id("offline-" + name)
                .modelName(name)
                .finishReason(FinishReason.STOP)
                .tokenUsage(new TokenUsage((int) inputTokens, words(text)))
                .build();
    }

    private static List<ToolSpecification> tools(ChatRequest request) {
        List<ToolSpecification> tools = request.toolSpecifications();
        return tools == null ? List.of() : tools;
    }

    /** The only string parameter, else the first required string parameter. */
    static Optional<String> stringParameter(ToolSpecification tool) {
        JsonObjectSchema parameters = tool.parameters();
        if (parameters == null
                || parameters.properties() == null
                || parameters.properties().isEmpty()) {
            return Optional.empty();
        }
        Map<String, JsonSchemaElement> properties = parameters.properties();
        List<String> strings = properties.entrySet().stream()
                .filter(e -> e.getValue() instanceof JsonStringSchema)
                .map(Map.Entry::getKey)
                .collect(Collectors.toList());
        if (properties.size() == 1 && strings.size() == 1) {
            return Optional.of(strings.get(0));
        }
        List<String> required = parameters.required() == null ? List.of() : parameters.required();
        return required.stream().filter(strings::contains).findFirst();
    }

    /** "Weather in London?" gives "London"; "Is Paris sunny" gives "Paris"; otherwise the whole text. */
    static String extractArgument(String text) {
        String trimmed = text.strip();
        Matcher in = AFTER_IN.matcher(trimmed);
        if (in.matches()) {
            String after =
                    TRAILING_PUNCTUATION.matcher(in.group(1)).replaceAll("").strip();
            if (!after.isEmpty()) {
                return after;
            }
        }
        Matcher capitalised = CAPITALISED.matcher(trimmed);
        String lastCapitalised = null;
        while (capitalised.find()) {
            String words = capitalised.group();
            if (capitalised.start() == 0 && trimmed.indexOf(' ') > 0) {
                // The sentence's first word is capitalised by grammar, not because it is a name.
                int space = words.indexOf(' ');
                if (space < 0) {
                    continue;
                }
                words = words.substring(space + 1).strip();
            }
            lastCapitalised = words;
        }
        if (lastCapitalised != null) {
            return lastCapitalised;
        }
        String whole = TRAILING_PUNCTUATION.matcher(trimmed).replaceAll("");
        return whole.isEmpty() ? trimmed : whole;
    }

    /** {@code text} cut to {@link #MAX_ECHO_CHARS}, saying how much was left out. */
    static String echo(String text) {
        String capped = cap(text, MAX_ECHO_CHARS);
        return capped.length() == text.length()
                ? text
                : capped + "... (" + (text.length() - capped.length()) + " more characters)";
    }

    /** The first {@code max} chars of {@code text}, one fewer rather than half of a surrogate pair. */
    static String cap(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    /** Word-sized pieces that concatenate back to {@code text}. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher word = Pattern.compile("\\S+\\s*|\\s+").matcher(text);
        while (word.find()) {
            pieces.add(word.group());
        }
        return pieces;
    }

    /** Words separated by regex {@code \s} characters, counted without splitting (inputs may be large). */
    static int words(String text) {
        if (text == null) {
            return 0;
        }
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = c == ' ' || (c >= '\t' && c <= '\r');
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    private static String textOf(ChatMessage message) {
        if (message instanceof UserMessage user) {
            return user.contents().stream()
                    .filter(TextContent.class::isInstance)
                    .map(c -> ((TextContent) c).text())
                    .collect(Collectors.joining(" "));
        }
        if (message instanceof AiMessage ai) {
            return ai.text() == null ? "" : ai.text();
        }
        if (message instanceof SystemMessage system) {
            return system.text();
        }
        if (message instanceof ToolExecutionResultMessage result) {
            return result.text();
        }
        return "";
    }

    @Override
    public String toString() {
        return "OfflineChatModel[" + name + ", a stand-in, not an LLM]";
    }
}
