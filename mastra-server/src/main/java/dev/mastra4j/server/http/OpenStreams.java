package dev.mastra4j.server.http;

import dev.mastra4j.auth.LogSafe;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Responses that could outlast a stop (streams), each with the action that ends it cleanly. When the shutdown timeout
 * is about to run out, the server calls {@link #endAll()} so that every such response finishes on its own terms (an
 * error frame and {@code [DONE]}) instead of being cut off when the connections close.
 */
final class OpenStreams {

    private static final Logger LOG = LoggerFactory.getLogger(OpenStreams.class);

    private final Set<Runnable> enders = ConcurrentHashMap.newKeySet();

    /** Registers {@code ender}; closing the registration (when the response is over) removes it. */
    Exchange.Registration register(Runnable ender) {
        enders.add(ender);
        return () -> enders.remove(ender);
    }

    /** How many are open now. */
    int size() {
        return enders.size();
    }

    /** Runs every registered ender once; returns how many ran. */
    // The set is concurrent: remove(...) while iterating is safe, and its result is how one caller claims an ender.
    @SuppressWarnings("ModifyCollectionInEnhancedForLoop")
    int endAll() {
        int ended = 0;
        for (Runnable ender : enders) {
            if (enders.remove(ender)) {
                try {
                    ender.run();
                    ended++;
                } catch (RuntimeException e) {
                    LOG.debug("Ending an open stream failed: {}", LogSafe.text(e));
                }
            }
        }
        return ended;
    }
}
