package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * A memory thread as the server describes it: Mastra's {@code StorageThreadType}. {@code metadata} is empty when the
 * server sent none (or {@code null}); a date the server did not send, or sent in another form, reads as null.
 * {@code raw} is the whole JSON object.
 */
public record MemoryThreadInfo(
        String id,
        String resourceId,
        String title,
        Map<String, Object> metadata,
        Instant createdAt,
        Instant updatedAt,
        JsonNode raw) {

    public MemoryThreadInfo {
        metadata = JsonFields.map(metadata);
    }

    static MemoryThreadInfo fromJson(JsonNode node) {
        return new MemoryThreadInfo(
                JsonFields.text(node, "id"),
                JsonFields.text(node, "resourceId"),
                JsonFields.text(node, "title"),
                JsonFields.object(node == null ? null : node.get("metadata")),
                JsonFields.instant(node, "createdAt"),
                JsonFields.instant(node, "updatedAt"),
                node);
    }
}
