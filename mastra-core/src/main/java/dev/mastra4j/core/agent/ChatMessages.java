package dev.mastra4j.core.agent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.util.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The mapping between our run types and LangChain4j's messages and responses, in both directions: the conversation
 * sent to the model, and the tool calls, usage, finish reason and response metadata read back from it. Stateless.
 */
final class ChatMessages {

    private static final ObjectReader STRICT_JSON =
            Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ChatMessages() {}

    /** The conversation a run starts from: the instructions as a system message (unless blank), then messages. */
    static List<ChatMessage> conversation(String instructions, List<Message> messages) {
        List<ChatMessage> history = new ArrayList<>();
        if (instructions != null && !instructions.isBlank()) {
            history.add(SystemMessage.from(instructions));
        }
        for (Message message : messages) {
            history.add(
                    switch (message.role()) {
                        case Message.SYSTEM -> SystemMessage.from(message.content());
                        case Message.ASSISTANT -> AiMessage.from(message.content());
                        default -> UserMessage.from(message.content());
                    });
        }
        return history;
    }

    /**
     * The tool calls the model asked for, in order. A call without an id gets {@code call_<uuid>}; arguments are parsed
     * strictly as JSON, and arguments that are not JSON are kept as a string (the tool executor then refuses them).
     */
    static List<ToolCall> toolCalls(AiMessage ai) {
        List<ToolCall> calls = new ArrayList<>();
        if (ai.hasToolExecutionRequests()) {
            for (ToolExecutionRequest r : ai.toolExecutionRequests()) {
                String id = r.id() == null ? "call_" + Ids.uuid() : r.id();
                calls.add(new ToolCall(id, r.name(), arguments(r.arguments())));
            }
        }
        return calls;
    }

    /** The assistant message as sent back to the model, with the call ids we settled on. */
    static AiMessage assistant(AiMessage ai, List<ToolCall> calls) {
        List<ToolExecutionRequest> requests = calls.stream()
                .map(c -> ToolExecutionRequest.builder()
                        .id(c.toolCallId())
                        .name(c.toolName())
                        .arguments(
                                c.args().isTextual()
                                        ? c.args().asText()
                                        : c.args().toString())
                        .build())
                .toList();
        return ai.text() == null || ai.text().isEmpty()
                ? AiMessage.from(requests)
                : AiMessage.from(ai.text(), requests);
    }

    /** A tool's result as the model reads it: a string result as it is, any other JSON as its text. */
    static ToolExecutionResultMessage toolResult(ToolResult result) {
        return ToolExecutionResultMessage.from(
                result.toolCallId(),
                result.toolName(),
                result.result().isTextual()
                        ? result.result().asText()
                        : result.result().toString());
    }

    /** Token counts; missing counts are 0, a missing total is input + output. */
    static Usage usage(TokenUsage usage) {
        if (usage == null) {
            return Usage.ZERO;
        }
        long in = usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long out = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        long total = usage.totalTokenCount() == null ? in + out : usage.totalTokenCount();
        return new Usage(in, out, total);
    }

    /** Why a step ended: tool calls win; otherwise the provider's reason ({@code stop} when it gives none). */
    static FinishReason finishReason(ChatResponse response, boolean hasToolCalls) {
        if (hasToolCalls) {
            return FinishReason.TOOL_CALLS;
        }
        if (response.finishReason() == null) {
            return FinishReason.STOP;
        }
        return switch (response.finishReason()) {
            case STOP -> FinishReason.STOP;
            case LENGTH -> FinishReason.LENGTH;
            case TOOL_EXECUTION -> FinishReason.TOOL_CALLS;
            case CONTENT_FILTER -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    /** The response's id and model name, with {@code resp-<uuid>} and {@code modelId} where the provider gave none. */
    static ResponseInfo responseInfo(ChatResponse response, String modelId, Instant startedAt) {
        return new ResponseInfo(
                response.id() == null ? "resp-" + Ids.uuid() : response.id(),
                response.modelName() == null ? modelId : response.modelName(),
                startedAt);
    }

    private static JsonNode arguments(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            // Strict: "{...} trailing" is not JSON, so it must not run the tool with whatever prefix parses.
            return STRICT_JSON.readTree(arguments);
        } catch (Exception e) {
            return TextNode.valueOf(arguments);
        }
    }
}
