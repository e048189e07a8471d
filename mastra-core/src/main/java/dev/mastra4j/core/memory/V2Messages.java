package dev.mastra4j.core.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.storage.StorageMessage;
import java.time.Instant;
import java.util.List;

/**
 * Mastra's v2 message format, both ways: the rows an agent run writes, and the text a run reads back from them.
 *
 * <p>Written exactly as {@code @mastra/core} 1.71 writes them (see {@code docs/MEMORY-OBSERVED.md}): {@code content}
 * is {@code {"format":2,"parts":[...],"content":"<text>"}}, text parts are {@code {"type":"text","text","createdAt"}}
 * with epoch milliseconds, and an assistant message adds {@code "metadata":{"modelId","provider"}}. A run that called
 * tools gets, per step, a {@code step-start} part, one {@code tool-invocation} part per call ({@code {"state":
 * "result", toolCallId, toolName, args, result}}) and the step's text. Calls of the working-memory tool are left out,
 * as Mastra leaves them out.
 */
public final class V2Messages {

    /** The name of Mastra's working-memory tool, whose calls are not kept in the thread. */
    public static final String WORKING_MEMORY_TOOL = "updateWorkingMemory";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private V2Messages() {}

    /** A message of a run's request ({@code user}, or an {@code assistant} turn the client sent). */
    public static StorageMessage input(
            String id, String threadId, String resourceId, String role, String text, Instant createdAt) {
        ObjectNode content = JSON.objectNode();
        content.put("format", 2);
        textPart(content.putArray("parts"), text, createdAt);
        content.put("content", text);
        return new StorageMessage(id, threadId, resourceId, role, StorageMessage.V2, content, createdAt);
    }

    /**
     * The assistant message of a run.
     *
     * @param steps    the run's steps, in order; a run without tool calls has one step with text only
     * @param modelId  the model id as the agent names it
     * @param provider the model's provider
     */
    public static StorageMessage assistant(
            String id,
            String threadId,
            String resourceId,
            List<Step> steps,
            String modelId,
            String provider,
            Instant createdAt) {
        ObjectNode content = JSON.objectNode();
        content.put("format", 2);
        ArrayNode parts = content.putArray("parts");
        boolean usedTools = steps.stream().anyMatch(s -> !s.toolInvocations().isEmpty());
        StringBuilder all = new StringBuilder();
        for (Step step : steps) {
            if (usedTools) {
                parts.addObject().put("type", "step-start");
            }
            for (ToolInvocation call : step.toolInvocations()) {
                if (WORKING_MEMORY_TOOL.equals(call.toolName())) {
                    continue;
                }
                ObjectNode invocation = parts.addObject().put("type", "tool-invocation");
                ObjectNode body = invocation.putObject("toolInvocation");
                body.put("state", "result");
                body.put("toolCallId", call.toolCallId());
                body.put("toolName", call.toolName());
                body.set("args", call.args());
                body.set("result", call.result());
            }
            if (!step.text().isEmpty()) {
                textPart(parts, step.text(), createdAt);
                all.append(step.text());
            }
        }
        content.put("content", all.toString());
        ObjectNode metadata = content.putObject("metadata");
        metadata.put("modelId", modelId);
        metadata.put("provider", provider);
        return new StorageMessage(id, threadId, resourceId, "assistant", StorageMessage.V2, content, createdAt);
    }

    /**
     * The text a model sees of a stored message: {@code content.content} when it is a non-empty string, else its text
     * parts joined; a string {@code content} (v1 rows) as it is. Empty when the message has no text.
     */
    public static String text(StorageMessage message) {
        JsonNode summary = message.content().get("content");
        if (summary != null && summary.isTextual() && !summary.asText().isEmpty()) {
            return summary.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : message.content().path("parts")) {
            if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                text.append(part.get("text").asText());
            }
        }
        return text.toString();
    }

    private static void textPart(ArrayNode parts, String text, Instant createdAt) {
        parts.addObject().put("type", "text").put("text", text).put("createdAt", createdAt.toEpochMilli());
    }

    /**
     * One model step of a run, as far as the thread keeps it.
     *
     * @param text            the step's text ({@code ""} for none)
     * @param toolInvocations the step's tool calls with their results
     */
    public record Step(String text, List<ToolInvocation> toolInvocations) {
        public Step {
            text = text == null ? "" : text;
            toolInvocations = List.copyOf(toolInvocations);
        }
    }

    /** A tool call and its result. */
    public record ToolInvocation(String toolCallId, String toolName, JsonNode args, JsonNode result) {}
}
