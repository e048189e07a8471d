package dev.mastra4j.server.robustness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves forward by hand, so minutes of key-cache time pass in milliseconds of test time. */
final class SteppingClock extends Clock {

    private volatile Instant now;

    SteppingClock(Instant start) {
        this.now = start;
    }

    static SteppingClock startingNow() {
        return new SteppingClock(Instant.now());
    }

    /** Catches up with the real time (after slow set-up, so freshly minted tokens are not "issued in the future"). */
    synchronized void syncToNow() {
        Instant real = Instant.now();
        if (real.isAfter(now)) {
            now = real;
        }
    }

    synchronized void advance(Duration step) {
        now = now.plus(step);
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

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
