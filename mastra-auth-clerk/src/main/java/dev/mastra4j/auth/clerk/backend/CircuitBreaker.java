package dev.mastra4j.auth.clerk.backend;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consecutive-failure circuit breaker for the Backend API client. Closed, it lets every call through and counts
 * failures in a row; at {@code failureThreshold} it opens and refuses calls at once for {@code openDuration}; then
 * one probe call goes out (half-open) while the others are still refused: its success closes the breaker, its
 * failure opens it for another {@code openDuration}.
 *
 * <p>A failure is an answer that says nothing about the request: a 5xx, a timeout, a failed connection or an
 * unreadable body. Any other HTTP answer (404, 401, 429, …) shows Clerk is up and counts as a success.
 * Thread-safe.
 */
final class CircuitBreaker {

    /** Consecutive failures that open the breaker. */
    static final int DEFAULT_FAILURE_THRESHOLD = 5;
    /** How long an open breaker refuses calls before it lets one probe through. */
    static final Duration DEFAULT_OPEN_DURATION = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final int failureThreshold;
    private final long openMillis;
    private final Clock clock;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAtMillis;

    CircuitBreaker(int failureThreshold, Duration openDuration, Clock clock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be positive");
        }
        if (openDuration == null || openDuration.isNegative() || openDuration.isZero()) {
            throw new IllegalArgumentException("openDuration must be positive");
        }
        this.failureThreshold = failureThreshold;
        this.openMillis = openDuration.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether a call may go out now; {@code true} obliges the caller to report its outcome. */
    synchronized boolean tryAcquire() {
        return switch (state) {
            case CLOSED -> true;
            case HALF_OPEN -> false;
            case OPEN -> {
                if (clock.millis() - openedAtMillis < openMillis) {
                    yield false;
                }
                state = State.HALF_OPEN;
                yield true;
            }
        };
    }

    synchronized void onSuccess() {
        if (state != State.CLOSED) {
            LOG.info("Clerk Backend API answers again; circuit breaker closed");
        }
        state = State.CLOSED;
        consecutiveFailures = 0;
    }

    synchronized void onFailure() {
        switch (state) {
            case HALF_OPEN ->
                LOG.warn("Clerk Backend API probe failed; circuit breaker open again for {} ms", openMillis);
            case CLOSED -> {
                if (++consecutiveFailures < failureThreshold) {
                    return;
                }
                LOG.warn(
                        "Clerk Backend API failed {} times in a row; circuit breaker open, calls refused for {} ms",
                        consecutiveFailures,
                        openMillis);
            }
            case OPEN -> {
                // A call let through before the breaker opened has failed too: the breaker stays open as it is.
                return;
            }
        }
        state = State.OPEN;
        openedAtMillis = clock.millis();
        consecutiveFailures = 0;
    }

    synchronized State state() {
        return state;
    }
}
