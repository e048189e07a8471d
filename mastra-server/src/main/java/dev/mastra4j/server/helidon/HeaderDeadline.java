package dev.mastra4j.server.helidon;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.task.InterruptableTask;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections that are too slow to send a request head, which Helidon 4.5 has no limit for: a client that
 * trickles one header line every few seconds would otherwise hold its connection (and a descriptor) for as long as
 * it likes.
 *
 * <p>The contract: a new connection must deliver its request line and headers within the timeout of being accepted
 * (so one that sends nothing at all is closed too); on a kept-alive connection the clock starts once the next request
 * line has been read, and the wait before that is Helidon's idle timeout. A connection whose clock runs out is closed
 * without an answer, as nginx does for {@code client_header_timeout}.
 *
 * <p>How: the HTTP/1.1 connection selector is wrapped, so every connection is registered for as long as it lives with
 * the time its current head started; as a receive listener this class starts the clock at a request line and stops it
 * when the headers are in (Helidon calls both on the connection's own thread); a sweep closes the socket of each
 * connection whose clock ran out. The per-request work is two volatile writes.
 */
final class HeaderDeadline implements Http1ConnectionListener {

    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);
    /** The clock is stopped: the connection is inside a request, or waiting for its next request line. */
    private static final long STOPPED = Long.MIN_VALUE;
    /** The sweep closed the connection. */
    private static final long EXPIRED = Long.MIN_VALUE + 1;

    private static final Duration MIN_SWEEP = Duration.ofMillis(50);
    private static final Duration MAX_SWEEP = Duration.ofMillis(500);
    private static final long REPORT_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Duration timeout;
    private final long timeoutNanos;
    private final Set<Tracked> open = ConcurrentHashMap.newKeySet();

    @SuppressWarnings("ThreadLocalUsage") // per listener on purpose: each server tracks its own connections
    private final ThreadLocal<Tracked> onThisThread = new ThreadLocal<>();

    private volatile ScheduledFuture<?> sweeping;
    private long closedSinceReport;
    private long lastReport = System.nanoTime() - REPORT_EVERY_NANOS;

    HeaderDeadline(Duration timeout) {
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
    }

    /** Starts closing expired connections, checking every tenth of the timeout (between 50 and 500 ms). */
    void startSweeping(ScheduledExecutorService scheduler) {
        long period = Math.clamp(timeoutNanos / 10, MIN_SWEEP.toNanos(), MAX_SWEEP.toNanos());
        sweeping = scheduler.scheduleWithFixedDelay(this::sweepSafely, period, period, TimeUnit.NANOSECONDS);
    }

    /** {@code http1} with every connection it creates tracked by this deadline. */
    ServerConnectionSelector track(ServerConnectionSelector http1) {
        return new TrackingSelector(http1);
    }

    /** Stops sweeping; connections still open keep whatever time they have left. */
    void stop() {
        ScheduledFuture<?> running = sweeping;
        if (running != null) {
            running.cancel(false);
        }
    }

    /** Connections registered now (for tests). */
    int tracked() {
        return open.size();
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        Tracked connection = onThisThread.get();
        if (connection != null && connection.ctx == ctx) {
            connection.startHeadIfStopped(System.nanoTime());
        }
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        Tracked connection = onThisThread.get();
        if (connection != null && connection.ctx == ctx) {
            connection.stopHead();
        }
    }

    private void sweepSafely() {
        try {
            sweep(System.nanoTime());
        } catch (RuntimeException e) {
            // A failed sweep must not cancel the schedule.
            LOG.warn("Header deadline sweep failed", e);
        }
    }

    // The set is concurrent: removing while iterating is safe, and remove(...) is how one sweep claims a connection.
    @SuppressWarnings("ModifyCollectionInEnhancedForLoop")
    private void sweep(long now) {
        for (Tracked connection : open) {
            if (connection.expire(now, timeoutNanos)) {
                open.remove(connection);
                connection.closeSocket();
                closedSinceReport++;
            }
        }
        // At most one line a minute, however many clients are cut off.
        if (closedSinceReport > 0 && now - lastReport >= REPORT_EVERY_NANOS) {
            LOG.warn(
                    "Closed {} connection(s) that sent no complete request line and headers within {}",
                    closedSinceReport,
                    timeout);
            closedSinceReport = 0;
            lastReport = now;
        }
    }

    /** Hands out Helidon's HTTP/1.1 connections wrapped in {@link Tracked}. */
    private final class TrackingSelector implements ServerConnectionSelector {
        private final ServerConnectionSelector delegate;

        TrackingSelector(ServerConnectionSelector delegate) {
            this.delegate = delegate;
        }

        @Override
        public int bytesToIdentifyConnection() {
            return delegate.bytesToIdentifyConnection();
        }

        @Override
        public Support supports(BufferData request) {
            return delegate.supports(request);
        }

        @Override
        public Set<String> supportedApplicationProtocols() {
            return delegate.supportedApplicationProtocols();
        }

        @Override
        public ServerConnection connection(ConnectionContext ctx) {
            // Helidon asks for the connection right after accepting it, on the connection's own thread.
            return new Tracked(delegate.connection(ctx), ctx, System.nanoTime());
        }
    }

    /** One connection, registered with the sweep while Helidon serves it. */
    private final class Tracked implements ServerConnection, InterruptableTask<Void> {
        private static final AtomicLongFieldUpdater<Tracked> HEAD_START =
                AtomicLongFieldUpdater.newUpdater(Tracked.class, "headStart");

        private final ServerConnection delegate;
        private final ConnectionContext ctx;
        private volatile long headStart;

        Tracked(ServerConnection delegate, ConnectionContext ctx, long acceptedAt) {
            this.delegate = delegate;
            this.ctx = ctx;
            this.headStart = acceptedAt;
        }

        @Override
        public void handle(Limit limit) throws InterruptedException {
            open.add(this);
            onThisThread.set(this);
            try {
                delegate.handle(limit);
            } finally {
                onThisThread.remove();
                open.remove(this);
            }
        }

        void startHeadIfStopped(long now) {
            HEAD_START.compareAndSet(this, STOPPED, now);
        }

        void stopHead() {
            long start = headStart;
            while (start != STOPPED && start != EXPIRED && !HEAD_START.compareAndSet(this, start, STOPPED)) {
                start = headStart;
            }
        }

        boolean expire(long now, long limit) {
            long start = headStart;
            return start != STOPPED
                    && start != EXPIRED
                    && now - start > limit
                    && HEAD_START.compareAndSet(this, start, EXPIRED);
        }

        void closeSocket() {
            try {
                ctx.serverSocket().close();
            } catch (RuntimeException alreadyClosed) {
                // The client left at the same moment; nothing to close.
            }
        }

        @Override
        public Duration idleTime() {
            return delegate.idleTime();
        }

        @Override
        public void close(boolean interrupt) {
            delegate.close(interrupt);
        }

        @Override
        public boolean canInterrupt() {
            return delegate instanceof InterruptableTask<?> task && task.canInterrupt();
        }
    }
}
