package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A stored message of a memory thread, as Mastra returns it: {@code content} is Mastra's v2 object
 * ({@code {"format": 2, "parts": [{"type": "text", "text"}], "content"}}) or, from older stores, plain text;
 * {@code type} is set only when it is not {@code v2}. {@code raw} is the whole JSON object.
 */
public record MemoryMessage(
        String id,
        String role,
        String threadId,
        String resourceId,
        String type,
        Instant createdAt,
        JsonNode content,
        JsonNode raw) {

    /**
     * The message's text: the v2 {@code content.content} string when present, else its text parts joined, else a
     * plain-text {@code content}; {@code ""} when it has none (a message of tool calls only).
     */
    public String text() {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.path("content").isTextual()) {
            return content.get("content").asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content.path("parts")) {
            if ("text".equals(JsonFields.text(part, "type"))
                    && part.path("text").isTextual()) {
                text.append(part.get("text").asText());
            }
        }
        return text.toString();
    }

    static MemoryMessage fromJson(JsonNode node) {
        return new MemoryMessage(
                JsonFields.text(node, "id"),
                JsonFields.text(node, "role"),
                JsonFields.text(node, "threadId"),
                JsonFields.text(node, "resourceId"),
                JsonFields.text(node, "type"),
                JsonFields.instant(node, "createdAt"),
                node == null ? null : node.get("content"),
                node);
    }
}
