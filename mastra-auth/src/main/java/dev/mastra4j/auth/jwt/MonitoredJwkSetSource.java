package dev.mastra4j.auth.jwt;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits directly on the HTTP source, under Nimbus's outage layer, so it sees every real fetch. It logs one warning
 * when fetches start failing and one line when they work again: an outage is one log entry, not one per request.
 */
final class MonitoredJwkSetSource implements JWKSetSource<SecurityContext> {

    private static final Logger LOG = LoggerFactory.getLogger(JwksKeySource.class);

    private final JWKSetSource<SecurityContext> delegate;
    private final String location;
    private final Duration outageTolerance;
    private final AtomicBoolean failing = new AtomicBoolean();

    MonitoredJwkSetSource(JWKSetSource<SecurityContext> delegate, String location, Duration outageTolerance) {
        this.delegate = delegate;
        this.location = location;
        this.outageTolerance = outageTolerance;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator evaluator, long currentTime, SecurityContext context)
            throws KeySourceException {
        try {
            JWKSet set = delegate.getJWKSet(evaluator, currentTime, context);
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
