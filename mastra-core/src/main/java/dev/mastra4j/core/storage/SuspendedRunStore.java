package dev.mastra4j.core.storage;

import java.time.Instant;
import java.util.Optional;

/**
 * Where runs suspended for tool approval wait, keyed by run id. Implementations: {@link InMemorySuspendedRunStore}, and
 * the table {@code mastra4j_suspended_runs} of the JDBC stores ({@link MemoryStorage#suspendedRunStore()}), so that a
 * suspended run survives a restart.
 *
 * <p>Contract, checked by the shared {@code SuspendedRunStoreContract} tests: thread-safe; every method atomic and
 * committed on return; no ownership checks (the agent's {@code SuspendedRuns} makes them); a store that cannot be
 * reached throws {@link dev.mastra4j.core.error.StorageUnavailableException}.
 */
public interface SuspendedRunStore {

    /** Stores {@code run} under its id, replacing any earlier record of that run (a run can suspend again). */
    void save(SuspendedRunRecord run);

    /** The record of {@code runId}, waiting or resumed, if it is still kept. */
    Optional<SuspendedRunRecord> get(String runId);

    /**
     * Marks {@code runId} resumed at {@code at}, only if it is waiting for {@code toolCallId}: true for exactly one of
     * any number of concurrent callers, false when it is unknown, already resumed or waiting for another call.
     */
    boolean claim(String runId, String toolCallId, Instant at);

    /** Deletes the records that expired before {@code cutoff}, waiting or resumed; returns how many. */
    int deleteExpiredBefore(Instant cutoff);
}
