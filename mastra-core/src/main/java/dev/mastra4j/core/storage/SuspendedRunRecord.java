package dev.mastra4j.core.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * A run suspended for a person's approval of a tool call, as a store keeps it. The run itself is {@code state}: JSON
 * text that only the agent loop reads; stores keep it as given.
 *
 * @param runId      the run's id, the key
 * @param agentId    the agent that ran it
 * @param owner      who started it (see {@code SuspendedRuns.owner}); null when the request had no user
 * @param toolCallId the tool call waiting for a decision
 * @param state      the run's state, JSON text
 * @param createdAt  when it was suspended (milliseconds)
 * @param expiresAt  after this instant it can no longer be resumed
 * @param resumedAt  when an approval or decline claimed it; null while it waits
 */
public record SuspendedRunRecord(
        String runId,
        String agentId,
        String owner,
        String toolCallId,
        String state,
        Instant createdAt,
        Instant expiresAt,
        Instant resumedAt) {

    public SuspendedRunRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(toolCallId, "toolCallId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether an approval or decline has claimed it. */
    public boolean isResumed() {
        return resumedAt != null;
    }
}
