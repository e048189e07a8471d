package dev.mastra4j.auth.jwt;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits directly on the HTTP source, under Nimbus's outage layer, so it sees every real fetch. It logs one warning
 * when fetches start failing and one line when they work again: an outage is one log entry, not one per request.
 *
 * <p>Once the endpoint has served a usable signing key, a later answer without one (no keys, only encryption keys,
 * keys of a type we cannot verify with) counts as a failed fetch, not as the new key set: a broken key server or
 * proxy must not replace good keys with nothing and lock every user out until the next refresh. The outage layer
 * then keeps serving the last good keys, for the outage tolerance.
 */
final class MonitoredJwkSetSource implements JWKSetSource<SecurityContext> {

    private static final Logger LOG = LoggerFactory.getLogger(JwksKeySource.class);

    private final JWKSetSource<SecurityContext> delegate;
    private final String location;
    private final Duration outageTolerance;
    private final Predicate<JWKSet> usable;
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile boolean servedUsableKeys;

    MonitoredJwkSetSource(JWKSetSource<SecurityContext> delegate, String location, Duration outageTolerance,
                          Predicate<JWKSet> usable) {
        this.delegate = delegate;
        this.location = location;
        this.outageTolerance = outageTolerance;
        this.usable = usable;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator evaluator, long currentTime, SecurityContext context)
            throws KeySourceException {
        try {
            JWKSet set = delegate.getJWKSet(evaluator, currentTime, context);
            if (usable.test(set)) {
                servedUsableKeys = true;
            } else if (servedUsableKeys) {
                throw new JWKSetUnavailableException("The JWKS holds no usable signing key");
            }
            if (failing.compareAndSet(true, false)) {
                LOG.info("JWKS at {} is reachable again", location);
            }
            return set;
        } catch (KeySourceException e) {
            if (failing.compareAndSet(false, true)) {
                LOG.warn("Cannot fetch the JWKS at {} ({}); previously fetched keys stay in use for up to {}",
                        location, describe(e), outageTolerance);
            }
            throw e;
        }
    }

    /** Whether the last fetch failed. */
    boolean failing() {
        return failing.get();
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
