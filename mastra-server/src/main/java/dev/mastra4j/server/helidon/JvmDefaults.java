package dev.mastra4j.server.helidon;

import java.util.logging.Level;

/**
 * Process-wide settings a server application may opt into. mastra4j never applies them by itself: a library does not
 * change JVM-wide state behind the application's back, so the application's {@code main} calls these, before it
 * builds its {@code Mastra}.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     JvmDefaults.apply();   // both settings below
 *     Mastra.builder()...build().start();
 * }
 * }</pre>
 *
 * <p>Each setting leaves an explicit choice alone: a {@code -Djdk.virtualThreadScheduler.parallelism} given to the
 * JVM, or a level configured for the {@code io.helidon} java.util.logging logger.
 */
public final class JvmDefaults {

    /** Held so that the level set by {@link #quietHelidonStartupLogs()} is not lost when the logger is collected. */
    private static final java.util.logging.Logger HELIDON_JUL = java.util.logging.Logger.getLogger("io.helidon");

    private JvmDefaults() {}

    /** Applies {@link #preferTwoCarriersOnOneCpu()} and {@link #quietHelidonStartupLogs()}. */
    public static void apply() {
        preferTwoCarriersOnOneCpu();
        quietHelidonStartupLogs();
    }

    /**
     * On a one-CPU machine, sets the system property {@code jdk.virtualThreadScheduler.parallelism} to 2 unless it is
     * set already; elsewhere does nothing. With one carrier the JDK's scheduler drains one submission queue before it
     * looks at another, so under load some connections wait behind a queue that keeps refilling. The property only
     * counts when it is set before the first virtual thread starts: call this first thing in {@code main}.
     */
    public static void preferTwoCarriersOnOneCpu() {
        CarrierThreads.preferTwoOnOneCpu();
    }

    /**
     * Sets the java.util.logging level of {@code io.helidon} to {@code WARNING} unless a level is configured for it,
     * so that Helidon's several INFO lines at start and stop give way to the server's own single start-up line.
     */
    public static void quietHelidonStartupLogs() {
        if (HELIDON_JUL.getLevel() == null) {
            HELIDON_JUL.setLevel(Level.WARNING);
        }
    }
}
