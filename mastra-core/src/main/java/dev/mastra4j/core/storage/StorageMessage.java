package dev.mastra4j.core.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code mastra_messages}, in Mastra's v2 message format.
 *
 * @param id         the message id, unique across threads
 * @param threadId   the thread it belongs to (Mastra's column {@code thread_id})
 * @param resourceId the resource that wrote it
 * @param role       {@code user}, {@code assistant}, {@code system} or {@code tool}
 * @param type       {@code v2} for messages written by agent runs; save-messages keeps the client's value
 * @param content    the v2 content object: {@code {"format":2,"parts":[...],"content":"..."}}, stored as JSON text
 * @param createdAt  creation time; messages of a thread are ordered by it, then by id
 */
public record StorageMessage(
        String id,
        String threadId,
        String resourceId,
        String role,
        String type,
        ObjectNode content,
        Instant createdAt) {

    /** The value of {@link #type} for messages that agent runs write. */
    public static final String V2 = "v2";

    public StorageMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
