package dev.mastra4j.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves by hand, so expiry edges and cache windows are checked exactly and without sleeping. Always
 * UTC; safe to read from any thread while the test moves it.
 */
public final class MutableClock extends Clock {

    private volatile Instant now;

    /** A clock that reads {@code start} until it is moved. */
    public MutableClock(Instant start) {
        this.now = start;
    }

    /** A clock that starts at the real time and then stands still until it is moved. */
    public static MutableClock startingNow() {
        return new MutableClock(Instant.now());
    }

    /** Moves the clock forward by {@code step} (backward for a negative step). */
    public synchronized void advance(Duration step) {
        now = now.plus(step);
    }

    /** Sets the clock to {@code instant}. */
    public synchronized void set(Instant instant) {
        now = instant;
    }

    /** Catches up with the real time if that is later (after slow set-up, so fresh tokens are not "from the future"). */
    public synchronized void syncToNow() {
        Instant real = Instant.now();
        if (real.isAfter(now)) {
            now = real;
        }
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public long millis() {
        return now.toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This same clock: a test clock has one zone, so that every reader sees the moves. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
