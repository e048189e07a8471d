package dev.mastra4j.server.helidon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The watchdog against a real listening socket: quiet while the socket listens, and once it is closed, not ready
 * first and then exit with status 70. (The end-to-end case, a Helidon listener killed by running out of
 * descriptors, is {@link DescriptorFloodTest}.)
 */
class ListenerWatchdogTest {

    private static final Duration PERIOD = Duration.ofMillis(50);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private ListenerWatchdog watch(ServerSocket listening) {
        ListenAddress address = ListenAddress.of("127.0.0.1", 0).withPort(listening.getLocalPort());
        return new ListenerWatchdog(
                address, () -> events.add("not ready"), status -> events.add("exit " + status), scheduler, PERIOD);
    }

    private static ServerSocket listen() throws Exception {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        return socket;
    }

    @Test
    void aClosedListenerMakesTheServerNotReadyAndExitsWithStatus70() throws Exception {
        ServerSocket listening = listen();
        watch(listening);
        Thread.sleep(PERIOD.toMillis() * 6);
        assertThat(events).as("while the port is listened on").isEmpty();

        listening.close();
        assertThat(waitForEvents(2)).containsExactly("not ready", "exit 70");
        Thread.sleep(PERIOD.toMillis() * 4);
        assertThat(events).as("it fires once").hasSize(2);
    }

    @Test
    void aServerStoppedOnPurposeIsNotAFailure() throws Exception {
        ServerSocket listening = listen();
        ListenerWatchdog watchdog = watch(listening);
        watchdog.stop();
        listening.close();
        Thread.sleep(PERIOD.toMillis() * 6);
        assertThat(events).isEmpty();
    }

    private List<String> waitForEvents(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (events.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return events;
    }
}
