package dev.mastra4j.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mastra4j.core.error.AccessDeniedException;
import dev.mastra4j.core.error.NotFoundException;
import dev.mastra4j.core.storage.InMemoryStore;
import dev.mastra4j.core.storage.OrderBy;
import dev.mastra4j.core.storage.StorageMessage;
import dev.mastra4j.core.storage.StorageResource;
import dev.mastra4j.core.storage.StorageThread;
import dev.mastra4j.core.storage.ThreadRecall;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryAccessTest {

    private final InMemoryStore store = new InMemoryStore();
    private final MemoryAccess access = new MemoryAccess(store);

    private static StorageMessage message(String id, String thread, String resource) {
        return new StorageMessage(
                id,
                thread,
                resource,
                "user",
                StorageMessage.V2,
                JsonNodeFactory.instance.objectNode().put("format", 2),
                Instant.parse("2026-12-05T00:00:00Z"));
    }

    @Test
    void aRunAppendsToItsCheckedThread() {
        StorageThread thread = access.threadForRun("alice", "t1");

        access.appendToThread(thread, List.of(message("m1", "t1", "alice")));

        assertThat(store.listMessages("t1", 0, 10, OrderBy.OLDEST_FIRST).total())
                .isEqualTo(1);
    }

    @Test
    void aThreadDeletedDuringTheRunGetsNothing() {
        StorageThread thread = access.threadForRun("alice", "t1");
        access.deleteThread("alice", "t1");

        assertThatThrownBy(() -> access.appendToThread(thread, List.of(message("m1", "t1", "alice"))))
                .isInstanceOf(NotFoundException.class);
        assertThat(store.getMessagesById(List.of("m1"))).isEmpty();
    }

    @Test
    void aThreadRecreatedByAnotherResourceDuringTheRunGetsNothing() {
        StorageThread thread = access.threadForRun("alice", "t1");
        access.deleteThread("alice", "t1");
        access.createThread("bob", "t1", "bob's", null);

        assertThatThrownBy(() -> access.appendToThread(thread, List.of(message("m1", "t1", "alice"))))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(store.listMessages("t1", 0, 10, OrderBy.OLDEST_FIRST).total())
                .isZero();
    }

    @Test
    void aRunCannotAppendAsAnotherResourceOrToAnotherThread() {
        StorageThread thread = access.threadForRun("alice", "t1");
        access.threadForRun("bob", "t2");

        assertThatThrownBy(() -> access.appendToThread(thread, List.of(message("m1", "t1", "bob"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> access.appendToThread(thread, List.of(message("m2", "t2", "alice"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.getMessagesById(List.of("m1", "m2"))).isEmpty();
    }

    @Test
    void aRecallOfAnotherResourcesThreadIsRefusedAndShowsNothing() {
        access.threadForRun("bob", "t1");
        store.saveMessages(List.of(message("secret", "t1", "bob")));

        assertThatThrownBy(() -> access.recallForRun("alice", "t1", true, 10))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aRecallCreatesTheThreadOnFirstUseAndReadsTheOwnersRows() {
        store.saveResource(new StorageResource("alice", "likes rain", null, Instant.EPOCH, Instant.EPOCH));

        ThreadRecall first = access.recallForRun("alice", "t1", true, 10);
        assertThat(first.thread().orElseThrow().resourceId()).isEqualTo("alice");
        assertThat(first.resource().orElseThrow().workingMemory()).isEqualTo("likes rain");
        assertThat(first.lastMessages()).isEmpty();

        access.appendToThread(first.thread().orElseThrow(), List.of(message("m1", "t1", "alice")));
        ThreadRecall second = access.recallForRun("alice", "t1", false, 10);
        assertThat(second.resource()).isEmpty();
        assertThat(second.lastMessages()).extracting(StorageMessage::id).containsExactly("m1");
        assertThat(access.recallForRun(null, "t1", false, 10).lastMessages()).hasSize(1);
    }
}
