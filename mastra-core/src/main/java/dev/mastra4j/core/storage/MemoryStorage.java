package dev.mastra4j.core.storage;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The memory domain of a store: threads, their messages, and resources. Mastra's {@code MemoryStorage}, cut to what
 * mastra4j uses. Implementations: {@link InMemoryStore}; {@code LibSQLStore} (SQLite, module mastra-libsql) and
 * {@code PostgresStore} (module mastra-pg), both in Mastra's own table layout.
 *
 * <p>Contract for every implementation, checked by the shared {@code MemoryStorageContract} tests:
 *
 * <ul>
 *   <li>Thread-safe; every method is atomic. A method that returns has made its change durable (committed; for a file
 *       store, synced as far as the store's documented crash guarantee goes).
 *   <li>No ownership checks: callers pass ids that {@link dev.mastra4j.core.memory.MemoryAccess} has checked.
 *   <li>{@link #createThread} and {@link #cloneThread} never change an existing thread: they insert or report that the
 *       id is taken, atomically, also when two servers race on one database.
 *   <li>Listings order by the asked field, then by id, so pages are stable.
 *   <li>A store that cannot be reached throws {@link dev.mastra4j.core.error.StorageUnavailableException} (503),
 *       within the store's timeout; it never hangs and never throws a bare {@code SQLException}.
 * </ul>
 */
public interface MemoryStorage extends AutoCloseable {

    /** The thread with this exact id (case-sensitive), if any. */
    Optional<StorageThread> getThreadById(String threadId);

    /**
     * One page of threads.
     *
     * @param resourceId only threads of this resource; null for all threads (only for callers with no owner, such as
     *                   development mode)
     * @param page       page number from 0
     * @param perPage    page size, 0 or more; 0 answers no rows but the true total
     */
    Page<StorageThread> listThreads(String resourceId, int page, int perPage, OrderBy orderBy);

    /** Inserts {@code thread}; false, with nothing changed, when its id is taken. */
    boolean createThread(StorageThread thread);

    /** Replaces the title, metadata and {@code updatedAt} of the thread with {@code thread.id()}; false if none. */
    boolean updateThread(StorageThread thread);

    /** Deletes the thread and all its messages; false if there was no such thread. */
    boolean deleteThread(String threadId);

    /**
     * One page of a thread's messages.
     *
     * @param page    page number from 0
     * @param perPage page size, 0 or more
     * @param orderBy by {@code createdAt}, then id
     */
    Page<StorageMessage> listMessages(String threadId, int page, int perPage, OrderBy orderBy);

    /** The newest {@code limit} messages of a thread, returned oldest first: what an agent run recalls. */
    List<StorageMessage> lastMessages(String threadId, int limit);

    /** The messages with these ids that exist, in no particular order. */
    List<StorageMessage> getMessagesById(Collection<String> messageIds);

    /**
     * Inserts or replaces (by id) these messages in one transaction, and sets {@code updatedAt} of every thread they
     * name that exists to the newest {@code createdAt} among them (never backwards). A message may name a thread that
     * does not exist (Mastra stores it too); it is then stored, and no thread is created.
     */
    void saveMessages(List<StorageMessage> messages);

    /**
     * Saves an agent run's new messages to its thread, atomically with the check that the thread still exists and
     * belongs to {@code resourceId}: either the thread's {@code updatedAt} moves forward (never backwards) and every
     * message is inserted or replaced by id, or nothing changes and the answer is false. Callers pass messages that
     * all name {@code threadId} and {@code resourceId}.
     */
    boolean appendMessages(String threadId, String resourceId, List<StorageMessage> messages);

    /**
     * The reads an agent run starts with, which a store may answer in one round trip: the thread with this id, the
     * resource row with {@code resourceId} (none asked for when null), and the newest {@code lastMessages} messages of
     * the thread id, oldest first (none when 0). Each part is what the single-purpose method answers; the parts need
     * not share a snapshot.
     */
    default ThreadRecall recall(String threadId, String resourceId, int lastMessages) {
        return new ThreadRecall(
                getThreadById(threadId),
                resourceId == null ? Optional.empty() : getResourceById(resourceId),
                lastMessages > 0 ? lastMessages(threadId, lastMessages) : List.of());
    }

    /** Deletes the messages with these ids that exist; returns how many were deleted. */
    int deleteMessages(Collection<String> messageIds);

    /**
     * Inserts {@code thread} and {@code messages} (already carrying the new thread id and new ids) in one transaction;
     * false, with nothing changed, when the thread id is taken.
     */
    boolean cloneThread(StorageThread thread, List<StorageMessage> messages);

    /** The resource row, if any. */
    Optional<StorageResource> getResourceById(String resourceId);

    /** Inserts or replaces the resource row with {@code resource.id()}. */
    void saveResource(StorageResource resource);

    /** Releases connections and files; further calls throw {@link IllegalStateException}. Idempotent. */
    @Override
    void close();

    /**
     * Where this store keeps runs suspended for tool approval, so that they survive a restart; empty (the default)
     * when it keeps none, and the runs then wait in memory.
     */
    default Optional<SuspendedRunStore> suspendedRunStore() {
        return Optional.empty();
    }
}
