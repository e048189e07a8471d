package dev.mastra4j.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link MemoryStorage} contract, run against every store: a store's test extends this class and says how to open
 * a fresh, empty store. Times carry milliseconds only, as Mastra's do.
 */
public abstract class MemoryStorageContract {

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final Instant T0 = Instant.parse("2026-12-04T19:07:31.566Z");

    protected MemoryStorage store;

    /** A fresh, empty store; closed after each test. */
    protected abstract MemoryStorage openStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    protected static StorageThread thread(String id, String resource, long createdMillis) {
        return new StorageThread(id, resource, "title " + id, null, at(createdMillis), at(createdMillis));
    }

    protected static ObjectNode v2(String text) {
        ObjectNode content = JSON.createObjectNode().put("format", 2);
        content.putArray("parts").addObject().put("type", "text").put("text", text);
        content.put("content", text);
        return content;
    }

    protected static StorageMessage message(String id, String threadId, String resource, long createdMillis) {
        return new StorageMessage(
                id, threadId, resource, "user", StorageMessage.V2, v2("text " + id), at(createdMillis));
    }

    @Test
    void aThreadRoundTripsWithEveryField() {
        ObjectNode metadata = JSON.createObjectNode().put("topic", "weather");
        metadata.putObject("nested").putArray("list").add(1).add("two");
        StorageThread t = new StorageThread("thread-1", "user_alice", "Alice", metadata, at(0), at(5));
        assertThat(store.createThread(t)).isTrue();
        assertThat(store.getThreadById("thread-1")).contains(t);
        assertThat(store.getThreadById("THREAD-1")).isEmpty();
        assertThat(store.getThreadById("unknown")).isEmpty();
    }

    @Test
    void nullMetadataAndEmptyTitleStayAsTheyAre() {
        StorageThread t = new StorageThread("t", "r", "", null, at(0), at(0));
        store.createThread(t);
        assertThat(store.getThreadById("t")).contains(t);
    }

    @Test
    void createThreadNeverOverwrites() {
        store.createThread(thread("t", "user_bob", 0));
        StorageThread takeover = new StorageThread("t", "user_alice", "mine now", null, at(9), at(9));
        assertThat(store.createThread(takeover)).isFalse();
        assertThat(store.getThreadById("t")).contains(thread("t", "user_bob", 0));
    }

    @Test
    void listThreadsPagesByResourceNewestFirstWithTiesById() {
        store.createThread(thread("b", "alice", 10));
        store.createThread(thread("a", "alice", 10));
        store.createThread(thread("c", "alice", 20));
        store.createThread(thread("d", "alice", 5));
        store.createThread(thread("x", "bob", 30));

        Page<StorageThread> first = store.listThreads("alice", 0, 2, OrderBy.NEWEST_FIRST);
        assertThat(first.items()).extracting(StorageThread::id).containsExactly("c", "b");
        assertThat(first.total()).isEqualTo(4);
        assertThat(first.hasMore()).isTrue();
        Page<StorageThread> second = store.listThreads("alice", 1, 2, OrderBy.NEWEST_FIRST);
        assertThat(second.items()).extracting(StorageThread::id).containsExactly("a", "d");
        assertThat(second.hasMore()).isFalse();
        Page<StorageThread> beyond = store.listThreads("alice", 2, 2, OrderBy.NEWEST_FIRST);
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(4);

        OrderBy oldest = new OrderBy(OrderBy.Field.CREATED_AT, OrderBy.Direction.ASC);
        assertThat(store.listThreads("alice", 0, 10, oldest).items())
                .extracting(StorageThread::id)
                .containsExactly("d", "a", "b", "c");
        assertThat(store.listThreads(null, 0, 10, OrderBy.NEWEST_FIRST).items())
                .extracting(StorageThread::id)
                .containsExactly("x", "c", "b", "a", "d");
        assertThat(store.listThreads("nobody", 0, 10, OrderBy.NEWEST_FIRST).total())
                .isZero();
    }

    @Test
    void perPageZeroAnswersNoRowsButTheTotal() {
        store.createThread(thread("a", "alice", 1));
        Page<StorageThread> page = store.listThreads("alice", 0, 0, OrderBy.NEWEST_FIRST);
        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.hasMore()).isTrue();
        store.saveMessages(List.of(message("m", "a", "alice", 1)));
        Page<StorageMessage> messages = store.listMessages("a", 0, 0, OrderBy.OLDEST_FIRST);
        assertThat(messages.items()).isEmpty();
        assertThat(messages.total()).isEqualTo(1);
    }

    @Test
    void listThreadsByUpdatedAt() {
        store.createThread(thread("a", "alice", 1));
        store.createThread(thread("b", "alice", 2));
        store.saveMessages(List.of(message("m", "a", "alice", 50)));
        OrderBy byUpdate = new OrderBy(OrderBy.Field.UPDATED_AT, OrderBy.Direction.DESC);
        assertThat(store.listThreads("alice", 0, 10, byUpdate).items())
                .extracting(StorageThread::id)
                .containsExactly("a", "b");
    }

    @Test
    void updateThreadChangesTitleMetadataAndUpdatedAtOnly() {
        store.createThread(thread("t", "alice", 0));
        ObjectNode metadata = JSON.createObjectNode().put("topic", "rain");
        StorageThread changed = new StorageThread("t", "bob", "renamed", metadata, at(99), at(7));
        assertThat(store.updateThread(changed)).isTrue();
        assertThat(store.getThreadById("t"))
                .contains(new StorageThread("t", "alice", "renamed", metadata, at(0), at(7)));
        assertThat(store.updateThread(thread("unknown", "alice", 0))).isFalse();
        assertThat(store.getThreadById("unknown")).isEmpty();
    }

    @Test
    void messagesListOldestFirstWithTiesByIdAndPage() {
        store.createThread(thread("t", "alice", 0));
        store.saveMessages(List.of(
                message("m3", "t", "alice", 3),
                message("m2b", "t", "alice", 2),
                message("m2a", "t", "alice", 2),
                message("m1", "t", "alice", 1),
                message("other", "u", "alice", 1)));
        Page<StorageMessage> all = store.listMessages("t", 0, 40, OrderBy.OLDEST_FIRST);
        assertThat(all.items()).extracting(StorageMessage::id).containsExactly("m1", "m2a", "m2b", "m3");
        assertThat(all.total()).isEqualTo(4);
        assertThat(all.hasMore()).isFalse();
        Page<StorageMessage> page = store.listMessages("t", 1, 3, OrderBy.OLDEST_FIRST);
        assertThat(page.items()).extracting(StorageMessage::id).containsExactly("m3");
        assertThat(store.listMessages("t", 0, 3, OrderBy.OLDEST_FIRST).hasMore())
                .isTrue();
        assertThat(store.listMessages("t", 0, 2, new OrderBy(OrderBy.Field.CREATED_AT, OrderBy.Direction.DESC))
                        .items())
                .extracting(StorageMessage::id)
                .containsExactly("m3", "m2b");
    }

    @Test
    void aMessageRoundTripsWithEveryField() {
        ObjectNode content = v2("Sunny");
        content.putObject("metadata").put("modelId", "fixed-reply");
        StorageMessage m = new StorageMessage("m", "t", "alice", "assistant", "text", content, at(12));
        store.saveMessages(List.of(m));
        assertThat(store.getMessagesById(List.of("m", "missing"))).containsExactly(m);
        assertThat(store.getMessagesById(List.of())).isEmpty();
    }

    @Test
    void lastMessagesAreTheNewestOldestFirst() {
        store.createThread(thread("t", "alice", 0));
        List<StorageMessage> batch = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            batch.add(message("m%02d".formatted(i), "t", "alice", i));
        }
        store.saveMessages(batch);
        assertThat(store.lastMessages("t", 10))
                .extracting(StorageMessage::id)
                .containsExactlyElementsOf(IntStream.range(5, 15)
                        .mapToObj(i -> "m%02d".formatted(i))
                        .toList());
        assertThat(store.lastMessages("t", 0)).isEmpty();
        assertThat(store.lastMessages("t", 100)).hasSize(15);
        assertThat(store.lastMessages("unknown", 10)).isEmpty();
    }

    @Test
    void saveMessagesUpsertsByIdAndMovesUpdatedAtForwardOnly() {
        store.createThread(thread("t", "alice", 0));
        store.saveMessages(List.of(message("m", "t", "alice", 100)));
        assertThat(store.getThreadById("t").orElseThrow().updatedAt()).isEqualTo(at(100));

        StorageMessage edited = new StorageMessage("m", "t", "alice", "assistant", "v2", v2("edited"), at(50));
        store.saveMessages(List.of(edited));
        assertThat(store.getMessagesById(List.of("m"))).containsExactly(edited);
        assertThat(store.listMessages("t", 0, 10, OrderBy.OLDEST_FIRST).total()).isEqualTo(1);
        assertThat(store.getThreadById("t").orElseThrow().updatedAt()).isEqualTo(at(100));

        store.saveMessages(List.of(message("n1", "t", "alice", 150), message("n2", "t", "alice", 120)));
        assertThat(store.getThreadById("t").orElseThrow().updatedAt()).isEqualTo(at(150));
        assertThat(store.getThreadById("t").orElseThrow().createdAt()).isEqualTo(at(0));
    }

    @Test
    void appendMessagesWritesOnlyIntoTheResourcesOwnThread() {
        store.createThread(thread("t", "alice", 0));
        store.createThread(thread("u", "bob", 0));

        assertThat(store.appendMessages("t", "bob", List.of(message("x1", "t", "bob", 10))))
                .isFalse();
        assertThat(store.appendMessages("gone", "alice", List.of(message("x2", "gone", "alice", 10))))
                .isFalse();
        assertThat(store.getMessagesById(List.of("x1", "x2"))).isEmpty();
        assertThat(store.getThreadById("gone")).isEmpty();
        assertThat(store.getThreadById("t").orElseThrow().updatedAt()).isEqualTo(at(0));

        assertThat(store.appendMessages(
                        "t", "alice", List.of(message("a", "t", "alice", 30), message("b", "t", "alice", 40))))
                .isTrue();
        assertThat(store.lastMessages("t", 10)).extracting(StorageMessage::id).containsExactly("a", "b");
        assertThat(store.getThreadById("t").orElseThrow().updatedAt()).isEqualTo(at(40));

        StorageMessage edited = new StorageMessage("a", "t", "alice", "assistant", "v2", v2("edited"), at(20));
        assertThat(store.appendMessages("t", "alice", List.of(edited))).isTrue();
        assertThat(store.getMessagesById(List.of("a"))).containsExactly(edited);
        assertThat(store.getThreadById("t").orElseThrow().updatedAt()).isEqualTo(at(40));
        assertThat(store.appendMessages("t", "alice", List.of())).isTrue();
        assertThat(store.appendMessages("u", "alice", List.of())).isFalse();
        assertThat(store.listMessages("u", 0, 10, OrderBy.OLDEST_FIRST).total()).isZero();
    }

    @Test
    void anAppendRacingADeleteNeverLeavesMessagesBehind() throws Exception {
        for (int round = 0; round < 20; round++) {
            String id = "race-" + round;
            store.createThread(thread(id, "alice", 0));
            int r = round;
            List<Boolean> results = race(
                    4,
                    i -> i == 0
                            ? store.deleteThread(id)
                            : store.appendMessages(id, "alice", List.of(message(id + "-" + i, id, "alice", 10 + i))));
            assertThat(results.getFirst()).as("round %d: the delete", r).isTrue();
            assertThat(store.getThreadById(id)).isEmpty();
            assertThat(store.listMessages(id, 0, 10, OrderBy.OLDEST_FIRST).items())
                    .as("round %d: no message outlives its thread", r)
                    .isEmpty();
        }
    }

    @Test
    void recallReadsTheThreadTheResourceAndTheNewestMessages() {
        store.createThread(thread("t", "alice", 0));
        StorageResource alice = new StorageResource("alice", "# Alice\n- likes rain", null, at(1), at(2));
        store.saveResource(alice);
        List<StorageMessage> batch = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            batch.add(message("m%02d".formatted(i), "t", "alice", 10 + i));
        }
        store.saveMessages(batch);

        ThreadRecall all = store.recall("t", "alice", 3);
        assertThat(all.thread()).contains(store.getThreadById("t").orElseThrow());
        assertThat(all.resource()).contains(alice);
        assertThat(all.lastMessages()).extracting(StorageMessage::id).containsExactly("m09", "m10", "m11");

        ThreadRecall bare = store.recall("t", null, 0);
        assertThat(bare.thread()).isPresent();
        assertThat(bare.resource()).isEmpty();
        assertThat(bare.lastMessages()).isEmpty();

        ThreadRecall unknown = store.recall("unknown", "nobody", 5);
        assertThat(unknown.thread()).isEmpty();
        assertThat(unknown.resource()).isEmpty();
        assertThat(unknown.lastMessages()).isEmpty();
        assertThat(store.recall("unknown", "alice", 0).resource()).contains(alice);
    }

    @Test
    void orphanMessagesAreStoredAndCreateNoThread() {
        store.saveMessages(List.of(message("m", "no-such-thread", "alice", 1)));
        assertThat(store.getThreadById("no-such-thread")).isEmpty();
        assertThat(store.listMessages("no-such-thread", 0, 10, OrderBy.OLDEST_FIRST)
                        .items())
                .extracting(StorageMessage::id)
                .containsExactly("m");
    }

    @Test
    void deleteThreadCascadesToItsMessagesOnly() {
        store.createThread(thread("t", "alice", 0));
        store.createThread(thread("u", "alice", 0));
        store.saveMessages(List.of(message("m1", "t", "alice", 1), message("m2", "u", "alice", 1)));
        assertThat(store.deleteThread("t")).isTrue();
        assertThat(store.getThreadById("t")).isEmpty();
        assertThat(store.getMessagesById(List.of("m1", "m2")))
                .extracting(StorageMessage::id)
                .containsExactly("m2");
        assertThat(store.deleteThread("t")).isFalse();
    }

    @Test
    void deleteMessagesCountsOnlyThoseThatExisted() {
        store.saveMessages(List.of(message("m1", "t", "alice", 1), message("m2", "t", "alice", 2)));
        assertThat(store.deleteMessages(List.of("m1", "m1", "nope"))).isEqualTo(1);
        assertThat(store.deleteMessages(List.of())).isZero();
        assertThat(store.getMessagesById(List.of("m1", "m2")))
                .extracting(StorageMessage::id)
                .containsExactly("m2");
    }

    @Test
    void manyIdsAtOnce() {
        List<StorageMessage> batch = IntStream.range(0, 1200)
                .mapToObj(i -> message("m" + i, "t", "alice", i))
                .toList();
        store.saveMessages(batch);
        List<String> ids = batch.stream().map(StorageMessage::id).toList();
        assertThat(store.getMessagesById(ids)).hasSize(1200);
        assertThat(store.deleteMessages(ids)).isEqualTo(1200);
    }

    @Test
    void cloneThreadIsAllOrNothing() {
        store.createThread(thread("source", "alice", 0));
        store.createThread(thread("taken", "bob", 0));
        List<StorageMessage> copies = List.of(message("c1", "taken", "alice", 1), message("c2", "taken", "alice", 2));
        assertThat(store.cloneThread(new StorageThread("taken", "alice", "clone", null, at(5), at(5)), copies))
                .isFalse();
        assertThat(store.getThreadById("taken")).contains(thread("taken", "bob", 0));
        assertThat(store.getMessagesById(List.of("c1", "c2"))).isEmpty();

        List<StorageMessage> fresh = List.of(message("d1", "clone", "alice", 1), message("d2", "clone", "alice", 2));
        StorageThread clone = new StorageThread(
                "clone", "alice", "clone", JSON.createObjectNode().put("clone", true), at(5), at(5));
        assertThat(store.cloneThread(clone, fresh)).isTrue();
        assertThat(store.getThreadById("clone")).contains(clone);
        assertThat(store.listMessages("clone", 0, 10, OrderBy.OLDEST_FIRST).items())
                .containsExactlyElementsOf(fresh);
    }

    @Test
    void resourcesInsertOrReplace() {
        assertThat(store.getResourceById("alice")).isEmpty();
        StorageResource first = new StorageResource("alice", null, null, at(0), at(0));
        store.saveResource(first);
        assertThat(store.getResourceById("alice")).contains(first);
        StorageResource second =
                new StorageResource("alice", "# User\n- Name: Alice\n", JSON.createObjectNode(), at(0), at(9));
        store.saveResource(second);
        assertThat(store.getResourceById("alice")).contains(second);
    }

    @Test
    void textSurvivesUnicodeAndQuotes() {
        String text = "Grüße, \"quotes\", 'single', emoji \uD83C\uDF24, back\\slash, newline\n";
        ObjectNode metadata = JSON.createObjectNode().put("k", text);
        StorageThread t = new StorageThread("id with spaces ü", "r'1", text, metadata, at(0), at(0));
        store.createThread(t);
        assertThat(store.getThreadById(t.id())).contains(t);
        StorageMessage m = new StorageMessage("m'1", t.id(), "r'1", "user", "v2", v2(text), at(1));
        store.saveMessages(List.of(m));
        assertThat(store.lastMessages(t.id(), 1)).containsExactly(m);
    }

    @Test
    void concurrentCreatesOfOneIdHaveExactlyOneWinner() throws Exception {
        int writers = 16;
        List<Boolean> results = race(writers, i -> store.createThread(thread("contested", "user" + i, i)));
        assertThat(results.stream().filter(b -> b).count()).isEqualTo(1);
        int winner = results.indexOf(true);
        assertThat(store.getThreadById("contested").orElseThrow().resourceId()).isEqualTo("user" + winner);
    }

    @Test
    void concurrentSavesLoseNothing() throws Exception {
        store.createThread(thread("t", "alice", 0));
        int writers = 8;
        int each = 25;
        race(writers, w -> {
            for (int i = 0; i < each; i++) {
                store.saveMessages(List.of(message("w" + w + "-" + i, "t", "alice", 1 + w * 1000L + i)));
            }
            return true;
        });
        Page<StorageMessage> page = store.listMessages("t", 0, 1000, OrderBy.OLDEST_FIRST);
        assertThat(page.total()).isEqualTo(writers * each);
        Set<String> ids = page.items().stream().map(StorageMessage::id).collect(Collectors.toSet());
        assertThat(ids).hasSize(writers * each);
        assertThat(store.getThreadById("t").orElseThrow().updatedAt())
                .isEqualTo(at(1 + (writers - 1) * 1000L + each - 1));
    }

    @Test
    void badPagingIsRefused() {
        assertThatThrownBy(() -> store.listThreads("a", -1, 10, OrderBy.NEWEST_FIRST))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedStoreRefusesCalls() {
        store.close();
        store.close();
        assertThatThrownBy(() -> store.getThreadById("t")).isInstanceOf(IllegalStateException.class);
    }

    /** Runs {@code task(i)} for i in 0..n-1 on n threads released at once; answers the results in order of i. */
    protected static <T> List<T> race(int n, IndexedTask<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<T> call = () -> {
                    start.await();
                    return task.run(index);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A task of {@link #race}. */
    @FunctionalInterface
    protected interface IndexedTask<T> {
        T run(int index) throws Exception;
    }
}
