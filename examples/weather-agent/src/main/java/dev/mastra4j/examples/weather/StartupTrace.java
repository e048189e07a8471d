package dev.mastra4j.examples.weather;

/**
 * Start-up phase marks for measuring where the time from launch to the first answer goes. Off by default; with
 * {@code -Dmastra4j.startup.trace=true} each mark prints one line {@code startup-trace <phase> <epoch-ms>} to stderr,
 * which {@code benchmarks/startup/phases.sh} subtracts from the moment it started the JVM. Marks carry no
 * configuration values, keys or tokens.
 */
final class StartupTrace {

    /** The system property that turns the marks on. Default: off. */
    static final String PROPERTY = "mastra4j.startup.trace";

    private static final boolean ON = Boolean.getBoolean(PROPERTY);

    private StartupTrace() {}

    /** Prints the mark for {@code phase} (a fixed identifier) when tracing is on; otherwise does nothing. */
    static void mark(String phase) {
        if (ON) {
            System.err.println("startup-trace " + phase + " " + System.currentTimeMillis());
        }
    }
}
