package dev.mastra4j.server.helidon;

import dev.mastra4j.core.Mastra;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Run in a child JVM by {@link CarrierThreadsTest}: with the argument {@code opt-in} first calls
 * {@link JvmDefaults#apply()}, as an application's {@code main} does; then starts a server, reports the JVM-wide
 * settings it finds (carrier property, {@code io.helidon} logging level), and checks whether two virtual threads can run
 * at the same time, which needs two carriers. The first spins without yielding until the second has run; with one
 * carrier the second only runs after the first gives up.
 */
public final class OneCpuProbe {

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("opt-in")) {
            JvmDefaults.apply();
        }
        try (Mastra mastra = Mastra.builder()
                .server(s -> s.host("127.0.0.1").port(0))
                .build()
                .start()) {
            CountDownLatch secondRan = new CountDownLatch(1);
            AtomicBoolean overlapped = new AtomicBoolean();
            Thread first = Thread.ofVirtual().start(() -> {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                while (secondRan.getCount() > 0 && System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                overlapped.set(secondRan.getCount() == 0);
            });
            Thread.sleep(50); // the first is spinning on its carrier now
            Thread second = Thread.ofVirtual().start(secondRan::countDown);
            first.join();
            second.join();
            System.out.println("cpus=" + Runtime.getRuntime().availableProcessors() + " concurrentCarriers="
                    + overlapped.get() + " parallelism=" + System.getProperty(CarrierThreads.PARALLELISM)
                    + " helidonLevel="
                    + java.util.logging.Logger.getLogger("io.helidon").getLevel()
                    + " mastra=" + mastra.port());
        }
    }
}
