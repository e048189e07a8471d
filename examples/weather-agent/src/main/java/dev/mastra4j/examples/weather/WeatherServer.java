package dev.mastra4j.examples.weather;

import dev.mastra4j.auth.env.EnvLookup;
import dev.mastra4j.server.helidon.JvmDefaults;
import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * {@code java -jar weather-agent.jar}: reads the environment (and {@code .env}), starts the server, stops on Ctrl-C.
 * A configuration error or a port that is already in use ends the process with status 2 and one line on stderr; a
 * listener that dies later ends it with status 70 (see the server's listener watchdog), so a supervisor restarts it.
 * With the single argument {@code --aot-training} it runs {@link AotTraining} instead and exits.
 *
 * <p>As an application (not a library) it opts into the server's JVM-wide defaults ({@link JvmDefaults}) first, before
 * any virtual thread starts.
 */
public final class WeatherServer {

    private WeatherServer() {}

    public static void main(String[] args) throws Exception {
        StartupTrace.mark("main");
        JvmDefaults.apply();
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        if (args.length == 1 && args[0].equals(AotTraining.ARGUMENT)) {
            AotTraining.run(environment());
            // Ends the JVM (and so writes the cache) even if a library left a non-daemon thread behind.
            System.exit(0);
        }
        WeatherApp app;
        try {
            app = WeatherApp.start(environment());
            StartupTrace.mark("started");
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            // Configuration errors and a busy port are for people: one clear line, no stack trace.
            System.err.println("weather-agent: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(app::close));
    }

    /**
     * Process environment wins over {@code .env} in the working directory: the shared {@link EnvLookup}, so every
     * variable (MODEL, model keys, Clerk, PORT) follows the rules the library applies.
     */
    static Map<String, String> environment() {
        return EnvLookup.system().asMap();
    }
}
