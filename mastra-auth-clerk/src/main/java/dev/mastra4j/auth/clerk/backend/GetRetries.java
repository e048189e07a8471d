package dev.mastra4j.auth.clerk.backend;

import dev.mastra4j.auth.clerk.backend.ClerkBackendException.Failure;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The retry policy of {@link ClerkBackendApi}'s idempotent GETs: at most {@code maxAttempts} tries in all, retrying
 * only what {@link ClerkBackendException#isRetryableInline()} allows (5xx, failed connection; never a timeout, which
 * already used the request's time budget, nor a 429), waiting {@code initialBackoff}, then twice that, and so on,
 * each ±25 %. POSTs (the verify endpoints) never go through here.
 */
final class GetRetries {

    private final int maxAttempts;
    private final Duration initialBackoff;

    GetRetries(int maxAttempts, Duration initialBackoff) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
    }

    /**
     * Runs {@code attempt} until it succeeds, fails in a way that is not retried, or the attempts are used up.
     *
     * @throws ClerkBackendException the last failure, or {@link Failure#IO} when interrupted while waiting
     */
    <T> T run(String operation, Supplier<T> attempt) {
        for (int tried = 1; ; tried++) {
            try {
                return attempt.get();
            } catch (ClerkBackendException e) {
                if (!e.isRetryableInline() || tried >= maxAttempts) {
                    throw e;
                }
                sleepBeforeRetry(operation, tried);
            }
        }
    }

    private void sleepBeforeRetry(String operation, int attempt) {
        long base = initialBackoff.toMillis() << Math.min(attempt - 1, 16);
        // ±25 % jitter keeps many instances from retrying in lockstep after an outage.
        long delay = Math.max(
                0, base + (long) (base * 0.25 * (ThreadLocalRandom.current().nextDouble() * 2 - 1)));
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClerkBackendException(operation + " was interrupted", Failure.IO, 0);
        }
    }
}
