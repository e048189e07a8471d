package dev.mastra4j.auth.jwt;

import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.mastra4j.auth.AuthObserver;
import dev.mastra4j.auth.AuthReason;
import dev.mastra4j.auth.AuthenticationException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keys from a remote JWKS, one cache per instance (never a process-wide map keyed by kid alone).
 *
 * <ul>
 *   <li>Cached for 5 minutes and refreshed ahead of expiry in the background, so no request waits for a routine
 *       refresh. Keys past their time to live are refreshed before use while the endpoint was last seen working.</li>
 *   <li>An unknown {@code kid} waits for the next permitted refetch and is answered from it, so a token signed with a
 *       newly published key passes however much unknown-kid traffic came before it. Fetches are single-flight and
 *       start at least {@link Builder#refetchInterval refetchInterval} (default 2 s) apart, whatever asks for them:
 *       a flood of random kids, or requests while no keys are loaded, cost at most one fetch per interval. The only
 *       other fetch is the one refresh of keys past their time to live, at most once per time to live.</li>
 *   <li>A wait lasts at most refetch interval + connect timeout + read timeout (6 s by default), parks without
 *       holding a lock or a carrier thread, and at most {@link Builder#maxWaitingRequests maxWaitingRequests}
 *       (default 1000) requests wait at once; the others are answered at once ({@code jwk-kid-mismatch}, or 503
 *       without keys).</li>
 *   <li>A kid that a fetch started after its request has shown to be absent is refused at once, without waiting or
 *       fetching, for the next 10 s (up to 256 such kids are remembered). A key published meanwhile is still found
 *       by the next fetch, whatever causes it.</li>
 *   <li>When the endpoint fails, the last good keys stay in use for up to an hour; the outage is logged once. An
 *       answer without a usable signing key, after one with, counts as a failure too. Without keys, a failed fetch
 *       makes requests fail with 503 at once until the refetch interval has passed; the next request then waits
 *       for a new attempt.</li>
 *   <li>Fetches time out after 2 s (connect and read), read at most 50 KB and never follow redirects.</li>
 * </ul>
 *
 * <p>Time to live and outage tolerance follow the configured {@link Builder#clock clock}; the refetch interval and
 * waits are real elapsed time ({@link System#nanoTime()}).
 *
 * <p>Longer than most classes because it and its {@link Builder} document every limit above with its default; the
 * fetching and the waiting for a fetch are {@link JwksRefresher}.
 */
public final class JwksKeySource extends JwtKeySource {

    /** The default minimum time between two fetch starts. */
    public static final Duration DEFAULT_REFETCH_INTERVAL = Duration.ofSeconds(2);
    /** The default bound on requests waiting for a fetch at once. */
    public static final int DEFAULT_MAX_WAITING_REQUESTS = 1000;
    /** How long a kid shown absent by a fetch is refused without waiting. */
    static final long UNKNOWN_KID_MEMORY_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** At most this many such kids are remembered; beyond, further absent kids simply wait like any other. */
    static final int UNKNOWN_KID_MEMORY_SIZE = 256;

    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "::1", "[::1]", "localhost");

    private final URI uri;
    private final Clock clock;
    private final JwksRefresher refresher;
    private final long minIntervalNanos;
    private final long maxWaitNanos;
    private final int maxWaitingRequests;
    private final AtomicInteger waiting = new AtomicInteger();
    /** Kid → System.nanoTime() until which it is refused without waiting. */
    private final Map<String, Long> absentKids = new ConcurrentHashMap<>();

    private JwksKeySource(Builder builder) {
        this.uri = builder.uri;
        this.clock = builder.clock;
        this.minIntervalNanos = builder.refetchInterval.toNanos();
        this.maxWaitNanos = builder.refetchInterval
                .plus(builder.connectTimeout)
                .plus(builder.readTimeout)
                .toNanos();
        this.maxWaitingRequests = builder.maxWaitingRequests;
        JwksResourceRetriever retriever = new JwksResourceRetriever(
                (int) builder.connectTimeout.toMillis(),
                (int) builder.readTimeout.toMillis(),
                builder.sizeLimitBytes,
                builder.bearerToken);
        URLBasedJWKSetSource<SecurityContext> http;
        try {
            http = new URLBasedJWKSetSource<>(uri.toURL(), retriever);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Not a valid JWKS URL: " + uri, e);
        }
        this.refresher = new JwksRefresher(
                http, uri.toString(), clock, builder.refetchInterval, builder.cacheTimeToLive, builder.outageTolerance);
    }

    static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /** The JWKS location (no secret: a bearer token travels in a header). */
    public URI uri() {
        return uri;
    }

    /** The longest a request waits for a fetch: refetch interval + connect timeout + read timeout. */
    public Duration maxWait() {
        return Duration.ofNanos(maxWaitNanos);
    }

    @Override
    VerificationKey select(JwtHeader header) {
        String kid = header.keyId();
        if (kid == null || kid.isEmpty()) {
            throw new AuthenticationException(AuthReason.TOKEN_INVALID, "Token header has no key id (kid)");
        }
        JwksRefresher.Snapshot keys = refresher.snapshot();
        long now = clock.millis();
        if (now < keys.refreshAt()) {
            VerificationKey key = keys.byKid().get(kid);
            if (key != null) {
                return key;
            }
        }
        return selectSlowly(kid, keys, now);
    }

    /** Everything but a known kid in fresh keys: refresh-ahead, expired or missing keys, unknown kids. */
    private VerificationKey selectSlowly(String kid, JwksRefresher.Snapshot keys, long now) {
        long arrived = System.nanoTime();
        long deadline = arrived + maxWaitNanos;
        if (keys.fresh(now)) {
            if (now >= keys.refreshAt()) {
                refresher.demand();
            }
        } else if (keys.usable(now) && keys.lastFailed()) {
            // The endpoint failed last time: serve the keys held, and let the refresher retry.
            refresher.demand();
        } else {
            keys = awaitKeys(kid, keys, arrived, deadline);
        }
        VerificationKey key = keys.byKid().get(kid);
        if (key != null) {
            return key;
        }
        if (keys.fetchedSince(arrived)) {
            rememberAbsent(kid, keys);
            throw kidMismatch();
        }
        // Within the same deadline as any wait above: one request never waits longer than maxWait in all.
        return awaitUnknownKid(kid, arrived, deadline);
    }

    /**
     * Keys past their time to live (the endpoint last worked), or no usable keys: waits for a fetch. Returns usable
     * keys or throws 503.
     */
    private JwksRefresher.Snapshot awaitKeys(String kid, JwksRefresher.Snapshot keys, long arrived, long deadline) {
        boolean stale = keys.usable(clock.millis());
        if (!stale && keys.lastFailed() && arrived - keys.finishedNanos() < minIntervalNanos) {
            refresher.demand();
            throw unavailable();
        }
        JwksRefresher.Snapshot after = keys;
        if (enterWaiting()) {
            try {
                if (stale) {
                    // Answered once the keys are renewed, or the refresh failed (then the stale keys are used).
                    refresher.demandRefresh();
                    after = refresher.awaitRefresh(deadline);
                } else {
                    refresher.demand();
                    after = refresher.awaitFetchSince(arrived, deadline, kid);
                }
            } finally {
                waiting.decrementAndGet();
            }
        }
        if (!after.usable(clock.millis())) {
            throw unavailable();
        }
        return after;
    }

    /**
     * A kid the usable keys lack: waits, until {@code deadline} at most, for a fetch that started after the request
     * {@code arrived}, unless the kid was just shown to be absent or too many requests wait already.
     */
    private VerificationKey awaitUnknownKid(String kid, long arrived, long deadline) {
        if (recentlyAbsent(kid) || System.nanoTime() - deadline >= 0 || !enterWaiting()) {
            throw kidMismatch();
        }
        JwksRefresher.Snapshot after;
        try {
            refresher.demand();
            after = refresher.awaitFetchSince(arrived, deadline, kid);
        } finally {
            waiting.decrementAndGet();
        }
        VerificationKey key = after.usable(clock.millis()) ? after.byKid().get(kid) : null;
        if (key != null) {
            return key;
        }
        if (after.fetchedSince(arrived)) {
            rememberAbsent(kid, after);
        }
        throw kidMismatch();
    }

    private boolean enterWaiting() {
        if (waiting.incrementAndGet() > maxWaitingRequests) {
            waiting.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Remembers {@code kid} as absent, if the fetch that showed it succeeded and there is room. */
    private void rememberAbsent(String kid, JwksRefresher.Snapshot shownBy) {
        if (shownBy.lastFailed()) {
            return;
        }
        long now = System.nanoTime();
        if (absentKids.size() >= UNKNOWN_KID_MEMORY_SIZE) {
            absentKids.values().removeIf(until -> until - now <= 0);
            if (absentKids.size() >= UNKNOWN_KID_MEMORY_SIZE) {
                return;
            }
        }
        absentKids.put(kid, now + UNKNOWN_KID_MEMORY_NANOS);
    }

    private boolean recentlyAbsent(String kid) {
        Long until = absentKids.get(kid);
        if (until == null) {
            return false;
        }
        if (until - System.nanoTime() > 0) {
            return true;
        }
        absentKids.remove(kid, until);
        return false;
    }

    private static AuthenticationException kidMismatch() {
        // Never list the known kids: that would tell a forger which ones to aim for.
        return new AuthenticationException(
                AuthReason.JWK_KID_MISMATCH, "No published signing key matches the token's key id");
    }

    private static AuthenticationException unavailable() {
        return new AuthenticationException(
                AuthReason.JWK_REMOTE_FAILED_TO_LOAD, "Signing keys are unavailable", 503, null);
    }

    /** Loads the keys if none are usable yet (waiting as a request would) and names one; null without keys. */
    @Override
    String anyKeyId() {
        JwksRefresher.Snapshot keys = refresher.snapshot();
        if (!keys.usable(clock.millis())) {
            long arrived = System.nanoTime();
            refresher.demand();
            keys = refresher.awaitFetchSince(arrived, arrived + maxWaitNanos, null);
        }
        return keys.usable(clock.millis())
                ? keys.byKid().keySet().stream().sorted().findFirst().orElse(null)
                : null;
    }

    /** Also asks for a fetch (never waits for it) while none is usable, so a readiness probe drives the retries. */
    @Override
    public boolean keysLoaded() {
        boolean usable = refresher.snapshot().usable(clock.millis());
        if (!usable) {
            refresher.demand();
        }
        return usable;
    }

    @Override
    public void observe(AuthObserver observer) {
        refresher.observe(Objects.requireNonNull(observer, "observer"));
    }

    /** Stops the background refresh; waiting requests are answered at once. */
    @Override
    public void close() {
        refresher.close();
    }

    @Override
    public String toString() {
        return "JwksKeySource[" + uri + "]";
    }

    /** Options for {@link JwksKeySource}; the defaults are the ones in the class description. */
    public static final class Builder {
        private final URI uri;
        private String bearerToken;
        private Duration cacheTimeToLive = Duration.ofMinutes(5);
        private Duration refetchInterval = DEFAULT_REFETCH_INTERVAL;
        private int maxWaitingRequests = DEFAULT_MAX_WAITING_REQUESTS;
        private Duration outageTolerance = Duration.ofHours(1);
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(2);
        private int sizeLimitBytes = 50 * 1024;
        private Clock clock = Clock.systemUTC();

        private Builder(URI uri) {
            this.uri = requireHttpsOrLoopback(uri);
        }

        /** Sends {@code Authorization: Bearer <token>} with every fetch (Clerk's Backend API JWKS needs the secret key). */
        public Builder bearerToken(String token) {
            this.bearerToken = Objects.requireNonNull(token, "token");
            return this;
        }

        public Builder cacheTimeToLive(Duration ttl) {
            this.cacheTimeToLive = positive(ttl, "cacheTimeToLive");
            return this;
        }

        /**
         * The minimum time between the starts of two fetches (default {@link #DEFAULT_REFETCH_INTERVAL 2 s}): the
         * bound on the fetch rate under any flood, and the longest an unknown kid waits for its refetch (plus the
         * fetch itself).
         */
        public Builder refetchInterval(Duration interval) {
            this.refetchInterval = positive(interval, "refetchInterval");
            return this;
        }

        /**
         * How many requests may wait for a fetch at once (default {@value #DEFAULT_MAX_WAITING_REQUESTS}); the
         * others are answered at once, without waiting.
         */
        public Builder maxWaitingRequests(int requests) {
            if (requests < 0) {
                throw new IllegalArgumentException("maxWaitingRequests must not be negative");
            }
            this.maxWaitingRequests = requests;
            return this;
        }

        /** How long the last good keys stay in use while the endpoint fails. */
        public Builder outageTolerance(Duration tolerance) {
            this.outageTolerance = positive(tolerance, "outageTolerance");
            return this;
        }

        public Builder timeouts(Duration connect, Duration read) {
            this.connectTimeout = positive(connect, "connect timeout");
            this.readTimeout = positive(read, "read timeout");
            return this;
        }

        public Builder sizeLimitBytes(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("sizeLimitBytes must be positive");
            }
            this.sizeLimitBytes = bytes;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public JwksKeySource build() {
            return new JwksKeySource(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }

    /** {@code https}, or {@code http} only to a loopback host (local development and tests). */
    static URI requireHttpsOrLoopback(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("The JWKS URL has no host: " + uri);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The JWKS URL must not contain credentials");
        }
        if (scheme.equals("https") || (scheme.equals("http") && LOOPBACK_HOSTS.contains(host))) {
            return uri;
        }
        throw new IllegalArgumentException(
                "The JWKS URL must use https (plain http is allowed only for loopback hosts: 127.0.0.1, ::1, localhost): "
                        + uri);
    }
}
