package dev.mastra4j.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link SuspendedRunStore} contract, run against every store: a store's test extends this class and says how to
 * open a fresh, empty store (and how to close it).
 */
public abstract class SuspendedRunStoreContract {

    protected static final Instant T0 = Instant.parse("2026-12-05T23:00:00.123Z");

    protected SuspendedRunStore store;

    /** A fresh, empty store. */
    protected abstract SuspendedRunStore openStore() throws Exception;

    /** Releases what {@link #openStore()} opened. */
    protected void closeStore() {}

    @BeforeEach
    void open() throws Exception {
        store = openStore();
    }

    @AfterEach
    void close() {
        closeStore();
    }

    protected static SuspendedRunRecord run(String runId, String owner, String toolCallId, long expiresInMillis) {
        return new SuspendedRunRecord(
                runId,
                "weatherAgent",
                owner,
                toolCallId,
                "{\"history\":\"[]\",\"step\":1,\"text\":\"ünïcødé ✓\"}",
                T0,
                T0.plusMillis(expiresInMillis),
                null);
    }

    @Test
    void aSavedRunReadsBackFieldForField() {
        SuspendedRunRecord saved = run("run-1", "resource:alice", "call-1", 60_000);
        store.save(saved);
        store.save(run("run-2", null, "call-9", 1));

        assertThat(store.get("run-1")).contains(saved);
        assertThat(store.get("run-2").orElseThrow().owner()).isNull();
        assertThat(store.get("no-such-run")).isEmpty();
        assertThat(store.get("RUN-1")).isEmpty();
    }

    @Test
    void aClaimSucceedsOnceAndOnlyForTheWaitingCall() {
        store.save(run("run-1", "resource:alice", "call-1", 60_000));

        assertThat(store.claim("run-1", "call-2", T0.plusSeconds(1))).isFalse();
        assertThat(store.get("run-1").orElseThrow().isResumed()).isFalse();
        assertThat(store.claim("run-1", "call-1", T0.plusSeconds(2))).isTrue();
        assertThat(store.claim("run-1", "call-1", T0.plusSeconds(3))).isFalse();
        assertThat(store.claim("no-such-run", "call-1", T0)).isFalse();
        assertThat(store.get("run-1").orElseThrow().resumedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void savingAgainReplacesTheRecordAndMakesItWaitAgain() {
        store.save(run("run-1", "resource:alice", "call-1", 60_000));
        assertThat(store.claim("run-1", "call-1", T0)).isTrue();

        store.save(run("run-1", "resource:alice", "call-2", 120_000));

        SuspendedRunRecord again = store.get("run-1").orElseThrow();
        assertThat(again.isResumed()).isFalse();
        assertThat(again.toolCallId()).isEqualTo("call-2");
        assertThat(again.expiresAt()).isEqualTo(T0.plusMillis(120_000));
        assertThat(store.claim("run-1", "call-2", T0)).isTrue();
    }

    @Test
    void ofConcurrentClaimsExactlyOneWins() throws Exception {
        store.save(run("run-1", "resource:alice", "call-1", 60_000));
        List<Callable<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            claims.add(() -> store.claim("run-1", "call-1", T0));
        }
        int won = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Boolean> claim : pool.invokeAll(claims)) {
                won += claim.get() ? 1 : 0;
            }
        }
        assertThat(won).isEqualTo(1);
    }

    @Test
    void deletingExpiredRecordsKeepsTheOthers() {
        store.save(run("old", "resource:alice", "call-1", 1_000));
        store.save(run("new", "resource:alice", "call-1", 60_000));
        assertThat(store.claim("old", "call-1", T0)).isTrue();

        assertThat(store.deleteExpiredBefore(T0.plusSeconds(30))).isEqualTo(1);

        assertThat(store.get("old")).isEmpty();
        assertThat(store.get("new")).isPresent();
    }
}
