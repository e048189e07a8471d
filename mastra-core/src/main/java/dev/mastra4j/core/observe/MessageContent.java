package dev.mastra4j.core.observe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;

/**
 * The opt-in message text of a model-call span ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}), as
 * JSON arrays of {@code {role, content}}, each cut to {@value #MAX_CHARS} characters.
 */
final class MessageContent {

    static final int MAX_CHARS = 8_192;

    private MessageContent() {}

    static String input(List<ChatMessage> messages) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (ChatMessage message : messages) {
            array.addObject().put("role", role(message)).put("content", text(message));
        }
        return cut(array.toString());
    }

    static String output(AiMessage message) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        array.addObject().put("role", "assistant").put("content", message.text() == null ? "" : message.text());
        return cut(array.toString());
    }

    private static String role(ChatMessage message) {
        return switch (message) {
            case SystemMessage s -> "system";
            case UserMessage u -> "user";
            case AiMessage a -> "assistant";
            case ToolExecutionResultMessage t -> "tool";
            default -> "other";
        };
    }

    private static String text(ChatMessage message) {
        String text = switch (message) {
            case SystemMessage s -> s.text();
            case UserMessage u -> u.hasSingleText() ? u.singleText() : "";
            case AiMessage a -> a.text();
            case ToolExecutionResultMessage t -> t.text();
            default -> "";
        };
        return text == null ? "" : text;
    }

    private static String cut(String json) {
        return json.length() <= MAX_CHARS ? json : json.substring(0, MAX_CHARS);
    }
}
