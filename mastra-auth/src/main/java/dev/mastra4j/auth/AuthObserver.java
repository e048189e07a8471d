package dev.mastra4j.auth;

/**
 * Receives what a provider's background parts do, so that a server can turn it into metrics without mastra-auth
 * naming a metrics library. A provider hands it to each of its key sources ({@link MastraAuthProvider#observe}).
 *
 * <p>Contract: called on the thread that did the work (a JWKS fetch runs on its source's own thread); must return
 * quickly and never throw. The events carry no token, key or secret.
 */
public interface AuthObserver {

    /** Receives nothing. */
    AuthObserver NONE = new AuthObserver() {};

    /** A JWKS fetch finished, successfully or not. */
    default void keySetFetched(KeySetFetch fetch) {}
}
