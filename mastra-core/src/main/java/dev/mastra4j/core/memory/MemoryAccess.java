package dev.mastra4j.core.memory;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.error.AccessDeniedException;
import dev.mastra4j.core.error.MastraException;
import dev.mastra4j.core.error.NotFoundException;
import dev.mastra4j.core.storage.MemoryStorage;
import dev.mastra4j.core.storage.OrderBy;
import dev.mastra4j.core.storage.Page;
import dev.mastra4j.core.storage.StorageMessage;
import dev.mastra4j.core.storage.StorageThread;
import dev.mastra4j.core.storage.ThreadRecall;
import dev.mastra4j.core.util.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every read and write of memory on behalf of a caller goes through here: HTTP routes, agent runs and the working
 * memory tool. It is the one place that decides who may touch which thread, so that no route can forget a check.
 *
 * <p>The caller is named by its <em>owner</em>: the resource id it acts as. Callers get it from
 * {@link #owner(String, String)}: the resource that {@code mapUserToResourceId} gives for the signed-in user wins over
 * anything the client sends. A null owner means "no owner known" (auth off, or a provider without a mapper): then, as
 * in Mastra, nothing is checked and listings show every thread.
 *
 * <p>Rules, each Mastra 1.71's answer except where marked:
 *
 * <ul>
 *   <li>A thread of another resource: 403 {@value #THREAD_DENIED}. An unknown thread: 404 {@value #THREAD_NOT_FOUND}.
 *   <li>Listing shows only the owner's threads, whatever the client asked for.
 *   <li>Saving messages under another resource: 403 {@value #SAVE_DENIED}.
 *   <li>Better than Mastra: creating or cloning a thread with an id that exists never changes that thread (403 when it
 *       is another resource's, 409 for a clone onto any existing id), and saving or deleting a message id that
 *       belongs to another resource's thread is refused with 403. A thread id under which another resource saved
 *       messages before any thread existed (Mastra keeps such messages) is that resource's: creating it is 403.
 * </ul>
 */
public final class MemoryAccess {

    public static final String THREAD_DENIED = "Access denied: thread belongs to a different resource";
    public static final String SAVE_DENIED = "Access denied: cannot save messages for a different resource";
    public static final String THREAD_NOT_FOUND = "Thread not found";
    public static final String SOURCE_NOT_FOUND = "Source thread not found";

    private final MemoryStorage storage;
    private final Clock clock;

    public MemoryAccess(MemoryStorage storage, Clock clock) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public MemoryAccess(MemoryStorage storage) {
        this(storage, Clock.systemUTC());
    }

    /** The store behind this access; callers must not use it to skip the checks here. */
    public MemoryStorage storage() {
        return storage;
    }

    /**
     * The resource a request acts as: {@code mappedResource} (from {@code mapUserToResourceId}) when there is one, the
     * client's otherwise. The mapped one always wins, so a client can never widen its access by naming someone else.
     */
    public static String owner(String mappedResource, String clientResource) {
        return mappedResource != null ? mappedResource : blankToNull(clientResource);
    }

    /** The thread, if the owner may read it. 404 when unknown, 403 when another resource's. */
    public StorageThread getThread(String owner, String threadId) {
        return findThread(owner, threadId).orElseThrow(() -> new NotFoundException(THREAD_NOT_FOUND));
    }

    /** The thread if it exists and the owner may read it; empty if unknown; 403 when another resource's. */
    public Optional<StorageThread> findThread(String owner, String threadId) {
        Optional<StorageThread> thread = storage.getThreadById(threadId);
        thread.ifPresent(t -> requireOwner(owner, t));
        return thread;
    }

    /** The owner's threads; every thread only when the owner is null (no owner known). */
    public Page<StorageThread> listThreads(String owner, int page, int perPage, OrderBy orderBy) {
        return storage.listThreads(owner, page, perPage, orderBy);
    }

    /**
     * Creates a thread owned by {@code owner}. With an id that exists: the owner's own thread gets the new title and
     * metadata (Mastra overwrites it too); another resource's thread is refused with 403 and left unchanged.
     *
     * @param threadId the id, or null for a new UUID
     * @param title    the title, or null for {@code ""}
     */
    public StorageThread createThread(String owner, String threadId, String title, ObjectNode metadata) {
        if (owner == null) {
            throw new MastraException(400, "resourceId is required to create a thread");
        }
        Instant now = now();
        String id = threadId == null ? Ids.uuid() : threadId;
        StorageThread fresh = new StorageThread(id, owner, title == null ? "" : title, metadata, now, now);
        requireNoForeignMessages(owner, id);
        if (storage.createThread(fresh)) {
            return fresh;
        }
        StorageThread existing = getThread(owner, id);
        StorageThread changed = existing.withChanges(fresh.title(), metadata, now);
        storage.updateThread(changed);
        return changed;
    }

    /**
     * The thread an agent run with {@code memory.thread} uses: the existing one if the owner may use it (403 if not),
     * else a new one with title {@code ""}, as Mastra creates it on first use. Safe when two runs race to create it.
     */
    public StorageThread threadForRun(String owner, String threadId) {
        Optional<StorageThread> existing = findThread(owner, threadId);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (owner == null) {
            throw new MastraException(400, "A resourceId and a threadId must be provided when using Memory");
        }
        Instant now = now();
        StorageThread fresh = new StorageThread(threadId, owner, "", null, now, now);
        requireNoForeignMessages(owner, threadId);
        return storage.createThread(fresh) ? fresh : getThread(owner, threadId);
    }

    /**
     * {@link #threadForRun}, together with what the run recalls: the resource row of its working memory (when
     * {@code withResource}) and the thread's newest {@code lastMessages} messages. With a known owner and an existing
     * thread this is one {@link MemoryStorage#recall} (a single round trip where the store can); nothing read is
     * returned unless the thread is the owner's (403 otherwise, as {@link #threadForRun}).
     *
     * @return a recall whose {@code thread} is present
     */
    public ThreadRecall recallForRun(String owner, String threadId, boolean withResource, int lastMessages) {
        if (owner != null) {
            ThreadRecall read = storage.recall(threadId, withResource ? owner : null, lastMessages);
            if (read.thread().isPresent()) {
                requireOwner(owner, read.thread().get());
                return read;
            }
        }
        StorageThread thread = threadForRun(owner, threadId);
        return new ThreadRecall(
                Optional.of(thread),
                withResource ? storage.getResourceById(thread.resourceId()) : Optional.empty(),
                lastMessages > 0 ? storage.lastMessages(thread.id(), lastMessages) : List.of());
    }

    /** Changes title and/or metadata (null keeps the old value). 404/403 as {@link #getThread}. */
    public StorageThread updateThread(String owner, String threadId, String title, ObjectNode metadata) {
        StorageThread thread = getThread(owner, threadId);
        StorageThread changed = thread.withChanges(
                title == null ? thread.title() : title, metadata == null ? thread.metadata() : metadata, now());
        if (!storage.updateThread(changed)) {
            throw new NotFoundException(THREAD_NOT_FOUND);
        }
        return changed;
    }

    /** Deletes the thread and its messages. 404/403 as {@link #getThread}. */
    public void deleteThread(String owner, String threadId) {
        getThread(owner, threadId);
        if (!storage.deleteThread(threadId)) {
            throw new NotFoundException(THREAD_NOT_FOUND);
        }
    }

    /** One page of the thread's messages. 404/403 as {@link #getThread}. */
    public Page<StorageMessage> listMessages(String owner, String threadId, int page, int perPage, OrderBy orderBy) {
        getThread(owner, threadId);
        return storage.listMessages(threadId, page, perPage, orderBy);
    }

    /**
     * Saves messages as the owner. Refused with 403 when a message names another resource, names a thread of another
     * resource, or reuses the id of a message in another resource's thread. A thread that does not exist is not
     * created; its messages are stored, as Mastra stores them.
     */
    public List<StorageMessage> saveMessages(String owner, List<StorageMessage> messages) {
        Map<String, Boolean> checkedThreads = new HashMap<>();
        for (StorageMessage m : messages) {
            if (owner != null && !owner.equals(m.resourceId())) {
                throw new AccessDeniedException(SAVE_DENIED);
            }
            checkedThreads.computeIfAbsent(m.threadId(), id -> {
                findThread(owner, id);
                return Boolean.TRUE;
            });
        }
        requireOwnMessages(owner, messages.stream().map(StorageMessage::id).toList());
        storage.saveMessages(messages);
        return messages;
    }

    /**
     * Appends an agent run's new messages to the thread that {@link #recallForRun} or {@link #threadForRun} gave the
     * run: the thread was checked for the owner then, and the messages carry ids made by the server, so no id can name
     * another resource's message. Each message must name that thread and its resource; anything else is a programming
     * error ({@link IllegalArgumentException}) and nothing is saved. The store saves only while the thread still
     * belongs to that resource ({@link MemoryStorage#appendMessages}, one atomic step), so a thread deleted during the
     * run (404) or, after that, created again by another resource (403) never receives the turn.
     */
    public void appendToThread(StorageThread checkedThread, List<StorageMessage> newMessages) {
        for (StorageMessage m : newMessages) {
            if (!m.threadId().equals(checkedThread.id()) || !m.resourceId().equals(checkedThread.resourceId())) {
                throw new IllegalArgumentException(
                        "A run appends only to its own thread, as the thread's resource; message " + m.id()
                                + " names another");
            }
        }
        // A second attempt only when the thread was deleted and created again by its owner between the two calls.
        for (int attempt = 0; attempt < 2; attempt++) {
            if (storage.appendMessages(checkedThread.id(), checkedThread.resourceId(), newMessages)) {
                return;
            }
            StorageThread current = storage.getThreadById(checkedThread.id())
                    .orElseThrow(() -> new NotFoundException(THREAD_NOT_FOUND));
            requireOwner(checkedThread.resourceId(), current);
        }
        throw new NotFoundException(THREAD_NOT_FOUND);
    }

    /**
     * Deletes messages by id as the owner; 403 when any of them is another resource's (nothing is deleted then).
     * Unknown ids count as deleted, as in Mastra.
     */
    public int deleteMessages(String owner, List<String> messageIds) {
        requireOwnMessages(owner, messageIds);
        storage.deleteMessages(messageIds);
        return messageIds.size();
    }

    /**
     * Clones a thread the owner may read into a new thread of the owner, with new message ids.
     *
     * @param newThreadId  the clone's id, or null for a UUID; an id that exists is refused with 409
     * @param messageLimit keep only the newest this many messages, or null for all
     */
    public CloneResult cloneThread(
            String owner,
            String sourceThreadId,
            String newThreadId,
            String title,
            ObjectNode metadata,
            Integer messageLimit) {
        StorageThread source =
                findThread(owner, sourceThreadId).orElseThrow(() -> new NotFoundException(SOURCE_NOT_FOUND));
        List<StorageMessage> originals = messageLimit == null
                ? storage.listMessages(sourceThreadId, 0, Integer.MAX_VALUE, OrderBy.OLDEST_FIRST)
                        .items()
                : storage.lastMessages(sourceThreadId, messageLimit);
        Instant now = now();
        String id = newThreadId == null ? Ids.uuid() : newThreadId;
        String cloneOwner = owner == null ? source.resourceId() : owner;
        ObjectNode cloneMetadata = metadata == null ? JsonNodeFactory.instance.objectNode() : metadata.deepCopy();
        ObjectNode cloneInfo = cloneMetadata.putObject("clone");
        cloneInfo.put("sourceThreadId", sourceThreadId);
        cloneInfo.put("clonedAt", now.toString());
        if (!originals.isEmpty()) {
            cloneInfo.put("lastMessageId", originals.get(originals.size() - 1).id());
        }
        StorageThread clone = new StorageThread(
                id, cloneOwner, title == null ? "Clone of " + source.title() : title, cloneMetadata, now, now);
        if (storage.getThreadById(id).isEmpty()) {
            requireNoForeignMessages(cloneOwner, id);
        }
        Map<String, String> idMap = new LinkedHashMap<>();
        List<StorageMessage> copies = new ArrayList<>(originals.size());
        for (StorageMessage m : originals) {
            String newId = Ids.uuid();
            idMap.put(m.id(), newId);
            copies.add(new StorageMessage(newId, id, cloneOwner, m.role(), m.type(), m.content(), m.createdAt()));
        }
        if (!storage.cloneThread(clone, copies)) {
            throw new MastraException(409, "Thread with id " + id + " already exists");
        }
        return new CloneResult(clone, copies, idMap);
    }

    /** The answer of {@link #cloneThread}: the new thread, its messages, and old message id to new. */
    public record CloneResult(
            StorageThread thread, List<StorageMessage> clonedMessages, Map<String, String> messageIdMap) {}

    private void requireOwnMessages(String owner, List<String> messageIds) {
        if (owner == null || messageIds.isEmpty()) {
            return;
        }
        Map<String, Boolean> threadIsOwn = new HashMap<>();
        for (StorageMessage existing : storage.getMessagesById(messageIds)) {
            boolean own = threadIsOwn.computeIfAbsent(
                    existing.threadId(),
                    id -> storage.getThreadById(id)
                            .map(t -> owner.equals(t.resourceId()))
                            .orElse(owner.equals(existing.resourceId())));
            if (!own) {
                throw new AccessDeniedException(THREAD_DENIED);
            }
        }
    }

    /**
     * Better than Mastra: messages saved into a thread id that did not exist yet (Mastra stores them) keep that id
     * for their resource. A thread of another resource must not be created under it, or its owner would list them.
     * A no-op when the thread exists (then its owner decides) or when no owner is known.
     */
    private void requireNoForeignMessages(String owner, String threadId) {
        if (owner == null || storage.getThreadById(threadId).isPresent()) {
            return;
        }
        int perPage = 500;
        for (int page = 0; ; page++) {
            Page<StorageMessage> orphans = storage.listMessages(threadId, page, perPage, OrderBy.OLDEST_FIRST);
            for (StorageMessage m : orphans.items()) {
                if (!owner.equals(m.resourceId())) {
                    throw new AccessDeniedException(THREAD_DENIED);
                }
            }
            if (!orphans.hasMore()) {
                return;
            }
        }
    }

    private static void requireOwner(String owner, StorageThread thread) {
        if (owner != null && !owner.equals(thread.resourceId())) {
            throw new AccessDeniedException(THREAD_DENIED);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
