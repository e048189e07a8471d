package dev.mastra4j.core.storage;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link SuspendedRunStore} in this process's memory: what a Mastra without storage uses; lost on restart. */
public final class InMemorySuspendedRunStore implements SuspendedRunStore {

    private final ConcurrentMap<String, SuspendedRunRecord> runs = new ConcurrentHashMap<>();

    @Override
    public void save(SuspendedRunRecord run) {
        runs.put(run.runId(), run);
    }

    @Override
    public Optional<SuspendedRunRecord> get(String runId) {
        return runId == null ? Optional.empty() : Optional.ofNullable(runs.get(runId));
    }

    @Override
    public boolean claim(String runId, String toolCallId, Instant at) {
        if (runId == null) {
            return false;
        }
        AtomicBoolean claimed = new AtomicBoolean();
        runs.computeIfPresent(runId, (id, run) -> {
            if (run.isResumed() || !run.toolCallId().equals(toolCallId)) {
                return run;
            }
            claimed.set(true);
            return new SuspendedRunRecord(
                    run.runId(),
                    run.agentId(),
                    run.owner(),
                    run.toolCallId(),
                    run.state(),
                    run.createdAt(),
                    run.expiresAt(),
                    at);
        });
        return claimed.get();
    }

    @Override
    public int deleteExpiredBefore(Instant cutoff) {
        int[] deleted = {0};
        runs.values().removeIf(run -> {
            boolean expired = run.expiresAt().isBefore(cutoff);
            if (expired) {
                deleted[0]++;
            }
            return expired;
        });
        return deleted[0];
    }
}
