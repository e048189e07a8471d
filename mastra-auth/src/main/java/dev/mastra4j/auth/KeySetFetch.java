package dev.mastra4j.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * One finished JWKS fetch, as an {@link AuthObserver} sees it.
 *
 * @param source        the JWKS location (no query, no credentials: a bearer token travels in a header)
 * @param succeeded     whether the fetch brought a usable key set
 * @param keysFetchedAt when the key set now held was fetched (this fetch, or an earlier one after a failure); null
 *                      when no key set was ever loaded
 */
public record KeySetFetch(String source, boolean succeeded, Instant keysFetchedAt) {

    public KeySetFetch {
        Objects.requireNonNull(source, "source");
    }
}
