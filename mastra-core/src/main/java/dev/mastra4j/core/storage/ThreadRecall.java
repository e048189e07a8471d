package dev.mastra4j.core.storage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an agent run reads before its first model call, as {@link MemoryStorage#recall} answers it: the thread, the
 * resource row that holds resource-scoped working memory, and the thread's newest messages, oldest first.
 *
 * @param thread       the thread, if it exists
 * @param resource     the resource row, if one was asked for and exists
 * @param lastMessages the newest messages of the thread id (empty when none were asked for)
 */
public record ThreadRecall(
        Optional<StorageThread> thread, Optional<StorageResource> resource, List<StorageMessage> lastMessages) {

    public ThreadRecall {
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(resource, "resource");
        lastMessages = List.copyOf(lastMessages);
    }
}
