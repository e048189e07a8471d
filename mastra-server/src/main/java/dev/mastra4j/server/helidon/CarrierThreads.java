package dev.mastra4j.server.helidon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks for two virtual-thread carriers on a one-CPU machine (a common container size), unless the application chose a
 * number itself.
 *
 * <p>Why: with one carrier the JDK's scheduler drains one submission queue before it looks at another, so under load
 * some connections wait behind a queue that keeps refilling. Measured here with the server pinned to one CPU
 * (benchmarks/peer/ANALYSIS.md): authenticated {@code GET /api/agents} at about 55,000 req/s had p99 spikes of 42 to
 * 59 ms in two of five runs with one carrier, and 3.8 to 4.1 ms in all five with two, at the same throughput; 10,000
 * streams got their first frame sooner (p99 3.4 s instead of 5.0 s). The property only counts when it is set before
 * the first virtual thread starts, so the server sets it before Helidon creates any.
 */
final class CarrierThreads {

    static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";
    private static final Logger LOG = LoggerFactory.getLogger(CarrierThreads.class);

    private CarrierThreads() {
    }

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
