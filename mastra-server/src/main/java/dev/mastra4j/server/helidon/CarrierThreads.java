package dev.mastra4j.server.helidon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks for two virtual-thread carriers on a one-CPU machine (a common container size), unless the application chose a
 * number itself. Applied only through {@link JvmDefaults#preferTwoCarriersOnOneCpu()}, which the application calls.
 *
 * <p>With one carrier the JDK's scheduler drains one submission queue before it looks at another, so under load some
 * connections wait behind a queue that keeps refilling (measurements: benchmarks/peer/ANALYSIS.md). The property only
 * counts when it is set before the first virtual thread starts.
 */
final class CarrierThreads {

    static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";
    private static final Logger LOG = LoggerFactory.getLogger(CarrierThreads.class);

    private CarrierThreads() {}

    static void preferTwoOnOneCpu() {
        String chosen = carriers(Runtime.getRuntime().availableProcessors(), System.getProperty(PARALLELISM));
        if (chosen != null) {
            System.setProperty(PARALLELISM, chosen);
            LOG.debug("One CPU: asking for {} virtual-thread carriers (set -D{} to choose)", chosen, PARALLELISM);
        }
    }

    /** The value to set, or null to leave the JVM's default (or the application's choice) alone. */
    static String carriers(int cpus, String current) {
        return cpus == 1 && current == null ? "2" : null;
    }
}
