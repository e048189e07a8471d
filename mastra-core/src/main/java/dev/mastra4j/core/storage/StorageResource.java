package dev.mastra4j.core.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code mastra_resources}: what is kept per resource rather than per thread, today the working memory of
 * scope {@code resource}.
 *
 * @param id            the resource id
 * @param workingMemory the working-memory text, or null before the first update
 * @param metadata      free-form JSON object, or null
 * @param createdAt     creation time
 * @param updatedAt     last change
 */
public record StorageResource(
        String id, String workingMemory, ObjectNode metadata, Instant createdAt, Instant updatedAt) {

    public StorageResource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
