package dev.mastra4j.auth.jwt;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.mastra4j.auth.AuthenticationException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys from a remote JWKS, one cache per instance (never a process-wide map keyed by kid alone).
 *
 * <ul>
 *   <li>Cached for 5 minutes and refreshed ahead of expiry in the background, so no request waits for a routine refresh.</li>
 *   <li>An unknown {@code kid} forces at most one refetch per refetch interval (30 s): a flood of tokens with random
 *       kids is not a flood of JWKS requests. Requests that arrive while that refetch runs wait for its result.</li>
 *   <li>When the endpoint fails, the last good keys stay in use for up to an hour; the outage is logged once. An
 *       answer without a usable signing key, after one with, counts as a failure too.</li>
 *   <li>Fetches time out after 2 s (connect and read), read at most 50 KB and never follow redirects.</li>
 * </ul>
 */
public final class JwksKeySource extends JwtKeySource {

    private static final Logger LOG = LoggerFactory.getLogger(JwksKeySource.class);
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "::1", "[::1]", "localhost");

    private final URI uri;
    private final Clock clock;
    private final long refetchIntervalMillis;
    private final JWKSetSource<SecurityContext> source;
    private final ReentrantLock refetchLock = new ReentrantLock();
    private volatile long lastForcedRefetch;
    private volatile boolean refetchedOnce;
    private volatile KeyIndex index = KeyIndex.EMPTY;

    /** Usable keys by kid, for one JWKSet instance (the Nimbus cache hands out the same instance until it refreshes). */
    private record KeyIndex(JWKSet set, Map<String, VerificationKey> byKid) {
        static final KeyIndex EMPTY = new KeyIndex(null, Map.of());

        static KeyIndex of(JWKSet set) {
            Map<String, VerificationKey> byKid = new HashMap<>();
            for (JWK jwk : set.getKeys()) {
                String kid = jwk.getKeyID();
                VerificationKey key = kid == null ? null : Keys.fromJwk(jwk);
                if (key != null) {
                    byKid.putIfAbsent(kid, key);
                }
            }
            return new KeyIndex(set, Map.copyOf(byKid));
        }
    }

    private JwksKeySource(Builder builder) {
        this.uri = builder.uri;
        this.clock = builder.clock;
        this.refetchIntervalMillis = builder.refetchInterval.toMillis();
        JwksResourceRetriever retriever = new JwksResourceRetriever((int) builder.connectTimeout.toMillis(),
                (int) builder.readTimeout.toMillis(), builder.sizeLimitBytes, builder.bearerToken);
        URLBasedJWKSetSource<SecurityContext> http;
        try {
            http = new URLBasedJWKSetSource<>(uri.toURL(), retriever);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Not a valid JWKS URL: " + uri, e);
        }
        MonitoredJwkSetSource monitored = new MonitoredJwkSetSource(http, uri.toString(), builder.outageTolerance,
                JwksKeySource::hasUsableKey);
        long ttl = builder.cacheTimeToLive.toMillis();
        // Waiting for a concurrent refresh never needs longer than one fetch; refresh ahead within the last tenth.
        long refreshTimeout = Math.min(builder.connectTimeout.plus(builder.readTimeout).toMillis() + 1000, ttl / 4);
        long refreshAhead = Math.min(30_000L, ttl / 4);
        ExecutorService refresher = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("mastra4j-jwks-refresh").factory());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("mastra4j-jwks-schedule").factory());
        JWKSetBasedJWKSource<SecurityContext> built = (JWKSetBasedJWKSource<SecurityContext>) JWKSourceBuilder
                .create(monitored)
                .cache(ttl, refreshTimeout)
                .refreshAheadCache(refreshAhead, null, refresher, true, scheduler, true)
                // Nimbus's limiter also throttles routine refreshes and allows two fetches per window; ours is below.
                .rateLimited(false)
                .outageTolerant(builder.outageTolerance.toMillis())
                .build();
        this.source = built.getJWKSetSource();
    }

    /** Whether {@code set} holds a key that can verify a token: a signing key with a kid, of a supported type. */
    static boolean hasUsableKey(JWKSet set) {
        for (JWK jwk : set.getKeys()) {
            VerificationKey key = jwk.getKeyID() == null ? null : Keys.fromJwk(jwk);
            if (key != null && key.family() != VerificationKey.Family.UNSUPPORTED) {
                return true;
            }
        }
        return false;
    }

    static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /** The JWKS location (no secret: a bearer token travels in a header). */
    public URI uri() {
        return uri;
    }

    @Override
    VerificationKey select(JwtHeader header) {
        String kid = header.keyId();
        if (kid == null || kid.isEmpty()) {
            throw new AuthenticationException(Reasons.TOKEN_INVALID, "Token header has no key id (kid)");
        }
        KeyIndex current = currentIndex();
        VerificationKey key = current.byKid().get(kid);
        if (key == null) {
            key = refetchForUnknownKid(current).byKid().get(kid);
        }
        if (key == null) {
            // Never list the known kids: that would tell a forger which ones to aim for.
            throw new AuthenticationException(Reasons.JWK_KID_MISMATCH, "No published signing key matches the token's key id");
        }
        return key;
    }

    @Override
    String anyKeyId() {
        return currentIndex().byKid().keySet().stream().sorted().findFirst().orElse(null);
    }

    private KeyIndex currentIndex() {
        JWKSet set;
        try {
            set = source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), clock.millis(), null);
        } catch (KeySourceException e) {
            throw new AuthenticationException(Reasons.JWK_REMOTE_FAILED_TO_LOAD,
                    "Signing keys are unavailable", 503, null);
        }
        return indexFor(set);
    }

    private KeyIndex indexFor(JWKSet set) {
        KeyIndex known = index;
        if (known.set() == set) {
            return known;
        }
        KeyIndex fresh = KeyIndex.of(set);
        index = fresh;
        return fresh;
    }

    /**
     * One forced refetch per interval per source. Callers that lose the race wait on the lock and then see the
     * refetched set, so a token minted right after a key rotation is not refused while the refetch is in flight.
     */
    private KeyIndex refetchForUnknownKid(KeyIndex seen) {
        if (refetchedOnce && clock.millis() - lastForcedRefetch < refetchIntervalMillis && !refetchLock.isLocked()) {
            return currentIndex();
        }
        refetchLock.lock();
        try {
            KeyIndex latest = currentIndex();
            if (latest.set() != seen.set()) {
                return latest;
            }
            long now = clock.millis();
            if (refetchedOnce && now - lastForcedRefetch < refetchIntervalMillis) {
                return latest;
            }
            refetchedOnce = true;
            lastForcedRefetch = now;
            LOG.debug("Unknown kid: refetching the JWKS at {}", uri);
            return indexFor(source.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(seen.set()), now, null));
        } catch (KeySourceException e) {
            return seen;
        } finally {
            refetchLock.unlock();
        }
    }

    @Override
    public void close() {
        try {
            source.close();
        } catch (IOException e) {
            LOG.debug("Closing the JWKS source for {} failed: {}", uri, e.toString());
        }
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
        private Duration refetchInterval = Duration.ofSeconds(30);
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

        /** The minimum time between two refetches caused by unknown kids. */
        public Builder refetchInterval(Duration interval) {
            this.refetchInterval = Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("refetchInterval must not be negative");
            }
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
                "The JWKS URL must use https (plain http is allowed only for loopback hosts: 127.0.0.1, ::1, localhost): " + uri);
    }
}
