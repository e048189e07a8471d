package dev.mastra4j.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (a uniformly random wait up to the exponential cap), so that many clients
 * failing at once do not retry in lockstep.
 */
final class RetryBackoff {

    private final Duration base;
    private final Duration max;
    private final Supplier<RandomGenerator> random;

    RetryBackoff(Duration base, Duration max) {
        this(base, max, ThreadLocalRandom::current);
    }

    /** {@code random} is asked per delay, so a thread-confined generator such as ThreadLocalRandom works. */
    RetryBackoff(Duration base, Duration max, Supplier<RandomGenerator> random) {
        if (base.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("backoff durations must not be negative");
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff max (" + max + ") must not be below base (" + base + ")");
        }
        this.base = base;
        this.max = max;
        this.random = random;
    }

    Duration max() {
        return max;
    }

    /** The wait before retry number {@code retry} (0 for the first retry). */
    Duration delay(int retry) {
        long cap = max.toMillis();
        long bound = Math.min(base.toMillis(), cap);
        for (int i = 0; i < retry && bound < cap; i++) {
            bound = bound > cap / 2 ? cap : bound * 2;
        }
        return bound <= 0 ? Duration.ZERO : Duration.ofMillis(random.get().nextLong(bound + 1));
    }

    /**
     * A {@code Retry-After} value (delta seconds or an HTTP date), capped at the maximum backoff so that a server
     * cannot park the caller for an hour. Empty when the header is absent or unreadable.
     */
    Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(
                        now,
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant());
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
        if (wait.isNegative()) {
            wait = Duration.ZERO;
        }
        return Optional.of(wait.compareTo(max) > 0 ? max : wait);
    }
}
