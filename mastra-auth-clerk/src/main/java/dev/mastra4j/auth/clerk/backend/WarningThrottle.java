package dev.mastra4j.auth.clerk.backend;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a warning at most once per interval and the rest at debug level, so an outage of the Backend API under load
 * produces one visible line per interval instead of one per request. Shared by the Backend API client, the
 * organization check and {@code MastraAuthClerk}'s user profiles; not meant for applications.
 */
public final class WarningThrottle {

    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - Long.MAX_VALUE / 2);

    public WarningThrottle(Logger log, long intervalSeconds) {
        this.log = log;
        this.intervalNanos = intervalSeconds * 1_000_000_000L;
    }

    /** At warn level when the interval has passed since the last warning, else at debug level. */
    public void warn(String format, Object... arguments) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= intervalNanos && lastWarning.compareAndSet(last, now)) {
            log.warn(format, arguments);
        } else {
            log.debug(format, arguments);
        }
    }
}
