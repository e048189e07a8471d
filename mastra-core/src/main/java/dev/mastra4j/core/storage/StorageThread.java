package dev.mastra4j.core.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code mastra_threads}: a conversation owned by a resource (a user, or a team).
 *
 * @param id         the thread id, as the client gave it or a UUID; case-sensitive, never blank
 * @param resourceId the owner; never blank
 * @param title      the title, {@code ""} when none was given (Mastra stores {@code ""} too)
 * @param metadata   free-form JSON object, or null when none was given (Mastra answers {@code null})
 * @param createdAt  creation time
 * @param updatedAt  last change of the thread or of its messages
 */
public record StorageThread(
        String id, String resourceId, String title, ObjectNode metadata, Instant createdAt, Instant updatedAt) {

    public StorageThread {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The same thread with a new title, metadata and {@code updatedAt}. */
    public StorageThread withChanges(String newTitle, ObjectNode newMetadata, Instant now) {
        return new StorageThread(id, resourceId, newTitle, newMetadata, createdAt, now);
    }
}
