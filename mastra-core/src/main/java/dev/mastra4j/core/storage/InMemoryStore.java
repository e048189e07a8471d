package dev.mastra4j.core.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link MemoryStorage} held in the heap: for tests, demos and {@code MASTRA_STORAGE_URL=:memory:}. Everything is
 * lost when the process ends. One lock guards all of it, which keeps every method atomic; it is not built for
 * throughput (use {@code LibSQLStore} for that).
 */
public final class InMemoryStore implements MemoryStorage {

    private final Map<String, StorageThread> threads = new HashMap<>();
    private final Map<String, StorageMessage> messages = new HashMap<>();
    private final Map<String, StorageResource> resources = new HashMap<>();
    private boolean closed;

    @Override
    public synchronized Optional<StorageThread> getThreadById(String threadId) {
        open();
        return Optional.ofNullable(threads.get(threadId));
    }

    @Override
    public synchronized Page<StorageThread> listThreads(String resourceId, int page, int perPage, OrderBy orderBy) {
        open();
        List<StorageThread> all = new ArrayList<>();
        for (StorageThread t : threads.values()) {
            if (resourceId == null || resourceId.equals(t.resourceId())) {
                all.add(t);
            }
        }
        Function<StorageThread, java.time.Instant> key =
                orderBy.field() == OrderBy.Field.CREATED_AT ? StorageThread::createdAt : StorageThread::updatedAt;
        return page(all, Comparator.comparing(key).thenComparing(StorageThread::id), orderBy, page, perPage);
    }

    @Override
    public synchronized boolean createThread(StorageThread thread) {
        open();
        return threads.putIfAbsent(thread.id(), thread) == null;
    }

    @Override
    public synchronized boolean updateThread(StorageThread thread) {
        open();
        StorageThread old = threads.get(thread.id());
        if (old == null) {
            return false;
        }
        threads.put(thread.id(), old.withChanges(thread.title(), thread.metadata(), thread.updatedAt()));
        return true;
    }

    @Override
    public synchronized boolean deleteThread(String threadId) {
        open();
        if (threads.remove(threadId) == null) {
            return false;
        }
        messages.values().removeIf(m -> m.threadId().equals(threadId));
        return true;
    }

    @Override
    public synchronized Page<StorageMessage> listMessages(String threadId, int page, int perPage, OrderBy orderBy) {
        open();
        return page(ofThread(threadId), MESSAGE_ORDER, orderBy, page, perPage);
    }

    @Override
    public synchronized List<StorageMessage> lastMessages(String threadId, int limit) {
        open();
        List<StorageMessage> all = ofThread(threadId);
        all.sort(MESSAGE_ORDER);
        return List.copyOf(all.subList(Math.max(0, all.size() - Math.max(0, limit)), all.size()));
    }

    @Override
    public synchronized List<StorageMessage> getMessagesById(Collection<String> messageIds) {
        open();
        List<StorageMessage> found = new ArrayList<>();
        for (String id : new LinkedHashSet<>(messageIds)) {
            StorageMessage m = messages.get(id);
            if (m != null) {
                found.add(m);
            }
        }
        return found;
    }

    @Override
    public synchronized void saveMessages(List<StorageMessage> batch) {
        open();
        for (StorageMessage m : batch) {
            messages.put(m.id(), m);
            StorageThread t = threads.get(m.threadId());
            if (t != null && m.createdAt().isAfter(t.updatedAt())) {
                threads.put(t.id(), t.withChanges(t.title(), t.metadata(), m.createdAt()));
            }
        }
    }

    @Override
    public synchronized boolean appendMessages(String threadId, String resourceId, List<StorageMessage> batch) {
        open();
        StorageThread thread = threads.get(threadId);
        if (thread == null || !thread.resourceId().equals(resourceId)) {
            return false;
        }
        saveMessages(batch);
        return true;
    }

    @Override
    public synchronized int deleteMessages(Collection<String> messageIds) {
        open();
        int deleted = 0;
        for (String id : new LinkedHashSet<>(messageIds)) {
            if (messages.remove(id) != null) {
                deleted++;
            }
        }
        return deleted;
    }

    @Override
    public synchronized boolean cloneThread(StorageThread thread, List<StorageMessage> copies) {
        open();
        if (threads.containsKey(thread.id())) {
            return false;
        }
        threads.put(thread.id(), thread);
        copies.forEach(m -> messages.put(m.id(), m));
        return true;
    }

    @Override
    public synchronized Optional<StorageResource> getResourceById(String resourceId) {
        open();
        return Optional.ofNullable(resources.get(resourceId));
    }

    @Override
    public synchronized void saveResource(StorageResource resource) {
        open();
        resources.put(resource.id(), resource);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private static final Comparator<StorageMessage> MESSAGE_ORDER =
            Comparator.comparing(StorageMessage::createdAt).thenComparing(StorageMessage::id);

    private List<StorageMessage> ofThread(String threadId) {
        List<StorageMessage> found = new ArrayList<>();
        for (StorageMessage m : messages.values()) {
            if (m.threadId().equals(threadId)) {
                found.add(m);
            }
        }
        return found;
    }

    private static <T> Page<T> page(List<T> rows, Comparator<T> ascending, OrderBy orderBy, int page, int perPage) {
        if (page < 0 || perPage < 0) {
            throw new IllegalArgumentException("page and perPage must be 0 or more");
        }
        rows.sort(orderBy.direction() == OrderBy.Direction.ASC ? ascending : ascending.reversed());
        long from = Math.min((long) page * perPage, rows.size());
        long to = Math.min(from + perPage, rows.size());
        return Page.of(rows.subList((int) from, (int) to), rows.size(), page, perPage);
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }
}
