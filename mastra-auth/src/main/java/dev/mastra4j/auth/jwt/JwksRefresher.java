package dev.mastra4j.auth.jwt;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.mastra4j.auth.AuthObserver;
import dev.mastra4j.auth.KeySetFetch;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one JWKS loaded while holding its fetch rate to a known bound. Every fetch runs on this object's own daemon
 * thread, so there is never more than one at a time, and no request ever does I/O itself: a request that needs a
 * fetch {@link #demand()}s it and, if it needs the answer, {@link #awaitFetchSince waits} for it.
 *
 * <ul>
 *   <li>Two fetches start at least {@code minInterval} apart (real elapsed time), whoever asks for them. The one
 *       exception is {@link #demandRefresh()}: the refresh of {@link Snapshot#stale stale} keys, past their time to
 *       live while the endpoint was last seen working. That happens at most once per time to live, because the
 *       fetch either renews the keys or fails, and after a failure expired keys are served as they are.</li>
 *   <li>The keys are refreshed in the background once {@code refreshAt} is reached (time to live minus the
 *       refresh-ahead margin, by the configured clock), so no request waits for a routine refresh.</li>
 *   <li>A failed fetch keeps the keys held; they stay usable until {@code usableUntil} (the larger of time to live
 *       and outage tolerance after they were fetched). Once usable keys were served, an answer without one counts
 *       as a failed fetch: a broken key server or proxy must not replace good keys with nothing.</li>
 *   <li>The start of a failure streak is logged once as a warning and its end once as info.</li>
 * </ul>
 *
 * <p>Longer than most classes because the fetch loop and the requests that wait for it are one protocol over one
 * shared state (the snapshot, the demand flags and the fetch signal); splitting the loop from the waiting would
 * put that protocol in two files. The keys themselves are {@link JwksKeySource}'s.
 */
final class JwksRefresher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JwksKeySource.class);
    /** The loop re-reads the configured clock at least this often while it waits for the routine refresh. */
    private static final long MAX_PARK_NANOS = TimeUnit.SECONDS.toNanos(60);

    /**
     * What the fetches so far have left. Key times are epoch milliseconds of the configured clock; attempt times
     * are {@link System#nanoTime()} values, valid only when {@code attempted} (or {@code lastFailed}) is true.
     *
     * @param byKid               usable keys by kid (the hot path reads only this and {@code refreshAt})
     * @param loaded              whether a fetch has ever succeeded
     * @param refreshAt           from here on a background refresh is due; {@link Long#MIN_VALUE} without keys
     * @param expiresAt           the end of the time to live
     * @param usableUntil         the end of the outage tolerance: keys are not used from here on
     * @param attempted           whether any fetch has finished
     * @param attemptStartedNanos when the last finished fetch started
     * @param finishedNanos       when it finished
     * @param lastFailed          whether it failed
     */
    record Snapshot(
            Map<String, VerificationKey> byKid,
            boolean loaded,
            long refreshAt,
            long expiresAt,
            long usableUntil,
            boolean attempted,
            long attemptStartedNanos,
            long finishedNanos,
            boolean lastFailed) {

        static final Snapshot EMPTY =
                new Snapshot(Map.of(), false, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, false, 0, 0, false);

        /** Whether the keys may be used at {@code nowMillis} (within time to live or outage tolerance). */
        boolean usable(long nowMillis) {
            return loaded && nowMillis < usableUntil;
        }

        /** Whether the keys are within their time to live at {@code nowMillis}. */
        boolean fresh(long nowMillis) {
            return loaded && nowMillis < expiresAt;
        }

        /** Whether a fetch that started at or after {@code sinceNanos} has finished. */
        boolean fetchedSince(long sinceNanos) {
            return attempted && attemptStartedNanos - sinceNanos >= 0;
        }

        /** Whether the keys are past their time to live and the endpoint was last seen working. */
        boolean stale(long nowMillis) {
            return usable(nowMillis) && !fresh(nowMillis) && !lastFailed;
        }

        Snapshot failed(long startedNanos, long failedNanos) {
            return new Snapshot(
                    byKid, loaded, refreshAt, expiresAt, usableUntil, true, startedNanos, failedNanos, true);
        }
    }

    private final JWKSetSource<SecurityContext> http;
    private final String location;
    private final Clock clock;
    private final long minIntervalNanos;
    private final Duration minInterval;
    private final long timeToLiveMillis;
    private final long refreshAheadMillis;
    private final long outageToleranceMillis;
    private final Thread loop;

    private volatile Snapshot snapshot = Snapshot.EMPTY;
    /** Completed, and replaced, each time a fetch finishes; waiters park on it. */
    private final AtomicReference<CompletableFuture<Void>> fetchFinished =
            new AtomicReference<>(new CompletableFuture<>());

    private volatile AuthObserver observer = AuthObserver.NONE;
    private volatile boolean demanded;
    private volatile boolean urgent;
    private volatile boolean closed;
    /** Loop thread only. */
    private boolean servedUsableKeys;

    private boolean failing;

    JwksRefresher(
            JWKSetSource<SecurityContext> http,
            String location,
            Clock clock,
            Duration minInterval,
            Duration timeToLive,
            Duration outageTolerance) {
        this.http = http;
        this.location = location;
        this.clock = clock;
        this.minInterval = minInterval;
        this.minIntervalNanos = minInterval.toNanos();
        this.timeToLiveMillis = timeToLive.toMillis();
        this.refreshAheadMillis = Math.min(30_000L, timeToLiveMillis / 4);
        this.outageToleranceMillis = outageTolerance.toMillis();
        // A platform thread: a virtual one could be starved of carriers by CPU-bound request handling, and then
        // nobody would fetch for the requests that wait.
        this.loop = Thread.ofPlatform().daemon().name("mastra4j-jwks-refresh").unstarted(this::run);
        loop.start();
    }

    /** Where each finished fetch is reported from now on. */
    void observe(AuthObserver observer) {
        this.observer = observer;
    }

    /** The current keys and fetch state; a volatile read, nothing else. */
    Snapshot snapshot() {
        return snapshot;
    }

    /** Asks for a fetch that starts after this call, no sooner than the minimum interval allows. Never blocks. */
    void demand() {
        if (!demanded) {
            demanded = true;
            LockSupport.unpark(loop);
        }
    }

    /**
     * Asks for a fetch of {@link Snapshot#stale stale} keys, without waiting out the minimum interval; it happens
     * only while the keys are still stale, so a fetch in flight that renews them, or fails, makes it unnecessary.
     * Never blocks.
     */
    void demandRefresh() {
        if (!urgent) {
            urgent = true;
            LockSupport.unpark(loop);
        }
    }

    /**
     * Parks until a fetch that started at or after {@code sinceNanos} has finished, or {@code kid} (when not null) is
     * among the usable keys, or {@code deadlineNanos} has passed, and returns the snapshot then current. Holds no
     * lock and no carrier thread while it waits. The caller must have {@link #demand demanded} a fetch after
     * {@code sinceNanos}.
     */
    Snapshot awaitFetchSince(long sinceNanos, long deadlineNanos, String kid) {
        return await(
                deadlineNanos,
                current -> current.fetchedSince(sinceNanos)
                        || (kid != null && current.byKid().containsKey(kid) && current.usable(clock.millis())));
    }

    /**
     * Parks until the keys are no longer {@link Snapshot#stale stale} (a refresh renewed them, or failed, whenever it
     * started), or {@code deadlineNanos} has passed. The caller must have {@link #demandRefresh demanded} a refresh.
     */
    Snapshot awaitRefresh(long deadlineNanos) {
        return await(deadlineNanos, current -> !current.stale(clock.millis()));
    }

    private Snapshot await(long deadlineNanos, Predicate<Snapshot> done) {
        while (true) {
            CompletableFuture<Void> next = fetchFinished.get();
            Snapshot current = snapshot;
            if (closed || done.test(current)) {
                return current;
            }
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return current;
            }
            try {
                next.get(remaining, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return snapshot;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return snapshot;
            } catch (ExecutionException e) {
                throw new IllegalStateException("A fetch signal never fails", e);
            }
        }
    }

    private void run() {
        try {
            while (awaitReasonToFetch() && awaitMinimumInterval()) {
                // Cleared before the start time is taken: whoever demanded before this line is served by this fetch,
                // whoever demands after it by the next one.
                urgent = false;
                demanded = false;
                fetch(System.nanoTime());
            }
        } finally {
            signalFetchFinished();
        }
    }

    /** Whether a refresh of stale keys is asked for and still needed. */
    private boolean refreshNeeded() {
        if (!urgent) {
            return false;
        }
        if (snapshot.stale(clock.millis())) {
            return true;
        }
        urgent = false;
        return false;
    }

    /** Parks until a fetch is demanded or the routine refresh is due; false once closed. */
    private boolean awaitReasonToFetch() {
        while (!closed && !demanded && !refreshNeeded()) {
            Snapshot current = snapshot;
            if (current.loaded() && !current.lastFailed()) {
                long delayMillis = current.refreshAt() - clock.millis();
                if (delayMillis <= 0) {
                    return true;
                }
                LockSupport.parkNanos(this, Math.min(TimeUnit.MILLISECONDS.toNanos(delayMillis), MAX_PARK_NANOS));
            } else {
                // Nothing to refresh on a schedule: after a failure, requests ask for the next attempt.
                LockSupport.parkNanos(this, MAX_PARK_NANOS);
            }
        }
        return !closed;
    }

    /** Parks until the minimum interval since the last fetch started has passed (not for a needed refresh). */
    private boolean awaitMinimumInterval() {
        while (!closed && !refreshNeeded()) {
            Snapshot current = snapshot;
            long wait = current.attempted() ? current.attemptStartedNanos() + minIntervalNanos - System.nanoTime() : 0;
            if (wait <= 0) {
                break;
            }
            LockSupport.parkNanos(this, wait);
        }
        return !closed;
    }

    private void fetch(long startedNanos) {
        Snapshot before = snapshot;
        Snapshot after;
        try {
            JWKSet set = http.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), clock.millis(), null);
            Map<String, VerificationKey> byKid = index(set);
            boolean usable = hasUsableKey(byKid);
            if (!usable && servedUsableKeys) {
                throw new KeySourceException("The JWKS holds no usable signing key");
            }
            servedUsableKeys |= usable;
            long now = clock.millis();
            after = new Snapshot(
                    byKid,
                    true,
                    now + timeToLiveMillis - refreshAheadMillis,
                    now + timeToLiveMillis,
                    now + Math.max(timeToLiveMillis, outageToleranceMillis),
                    true,
                    startedNanos,
                    System.nanoTime(),
                    false);
            if (failing) {
                failing = false;
                LOG.info("JWKS at {} is reachable again", location);
            }
        } catch (KeySourceException | RuntimeException e) {
            after = before.failed(startedNanos, System.nanoTime());
            if (!failing && !closed) {
                failing = true;
                warn(before, e);
            }
        }
        snapshot = after;
        signalFetchFinished();
        report(after);
    }

    private void report(Snapshot after) {
        try {
            observer.keySetFetched(new KeySetFetch(
                    location,
                    !after.lastFailed(),
                    after.loaded() ? Instant.ofEpochMilli(after.expiresAt() - timeToLiveMillis) : null));
        } catch (RuntimeException e) {
            LOG.debug("An auth observer failed: {}", e.toString());
        }
    }

    private void warn(Snapshot before, Exception e) {
        if (before.usable(clock.millis())) {
            LOG.warn(
                    "Cannot fetch the JWKS at {} ({}); the keys fetched earlier stay in use until {}",
                    location,
                    describe(e),
                    Instant.ofEpochMilli(before.usableUntil()));
        } else {
            LOG.warn(
                    "Cannot fetch the JWKS at {} ({}); no signing keys are loaded, so tokens are refused with 503 "
                            + "until a fetch succeeds (at most one attempt per {})",
                    location,
                    describe(e),
                    minInterval);
        }
    }

    private void signalFetchFinished() {
        fetchFinished.getAndSet(new CompletableFuture<>()).complete(null);
    }

    /** Keys by kid, for every JWK with a kid that {@link Keys#fromJwk} accepts; the first of a duplicated kid wins. */
    static Map<String, VerificationKey> index(JWKSet set) {
        Map<String, VerificationKey> byKid = new HashMap<>();
        for (JWK jwk : set.getKeys()) {
            String kid = jwk.getKeyID();
            VerificationKey key = kid == null ? null : Keys.fromJwk(jwk);
            if (key != null) {
                byKid.putIfAbsent(kid, key);
            }
        }
        return Map.copyOf(byKid);
    }

    /** Whether a key can verify a token: a signing key of a supported type. */
    static boolean hasUsableKey(Map<String, VerificationKey> byKid) {
        for (VerificationKey key : byKid.values()) {
            if (key.family() != VerificationKey.Family.UNSUPPORTED) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Stops the loop (an in-flight fetch runs out its timeouts unobserved) and wakes every waiter. */
    @Override
    public void close() {
        closed = true;
        loop.interrupt();
        signalFetchFinished();
        try {
            http.close();
        } catch (IOException e) {
            LOG.debug("Closing the JWKS source for {} failed: {}", location, e.toString());
        }
    }
}
