package dev.mastra4j.auth.clerk.backend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clerk's "come back later": after a 429 no call goes out until the time its {@code Retry-After} header names
 * (delay-seconds or an HTTP date) has passed. Clerk rate-limits a whole instance, so the pause holds every endpoint.
 * A missing or unreadable header pauses for {@link #DEFAULT_PAUSE}; no pause lasts longer than {@link #MAX_PAUSE},
 * so one odd header cannot silence the client for long. Thread-safe.
 */
final class RetryAfterPause {

    /** The pause after a 429 without a usable {@code Retry-After}. */
    static final Duration DEFAULT_PAUSE = Duration.ofSeconds(2);
    /** The longest pause honoured, whatever the header says. */
    static final Duration MAX_PAUSE = Duration.ofSeconds(60);

    private final Clock clock;
    private final AtomicLong untilMillis = new AtomicLong(Long.MIN_VALUE);

    RetryAfterPause(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether calls are held back now. */
    boolean active() {
        return clock.millis() < untilMillis.get();
    }

    /** Starts (or extends) the pause from a 429's {@code Retry-After} value, {@code null} when absent. */
    Duration pauseFor(String retryAfter) {
        long now = clock.millis();
        Duration pause = parse(retryAfter, clock.instant());
        if (pause.compareTo(MAX_PAUSE) > 0) {
            pause = MAX_PAUSE;
        }
        long until = now + pause.toMillis();
        untilMillis.accumulateAndGet(until, Math::max);
        return pause;
    }

    /** Delay-seconds or an IMF-fixdate (RFC 9110 §10.2.3); anything else is {@link #DEFAULT_PAUSE}. */
    static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PAUSE;
        }
        String text = value.strip();
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // Anything past nine digits is far beyond MAX_PAUSE anyway.
            return text.length() > 9 ? MAX_PAUSE : Duration.ofSeconds(Long.parseLong(text));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration until = Duration.between(now, at);
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return DEFAULT_PAUSE;
        }
    }
}
