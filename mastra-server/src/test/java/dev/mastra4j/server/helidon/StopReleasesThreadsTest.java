package dev.mastra4j.server.helidon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A started and closed Mastra leaves none of the threads it caused behind: Helidon's idle-connection timer, the
 * listener housekeeping, and the auth provider's JWKS refresh (closed with the server). Threads are found by name
 * among those that did not exist before the test, and must have ended shortly after {@code close()}.
 */
class StopReleasesThreadsTest {

    private static final List<String> NAMES =
            List.of("helidon-idle-connection-timer", "mastra4j-listener-housekeeping", "mastra4j-jwks-refresh");

    @Test
    void closingAStartedMastraEndsItsTimersAndTheProvidersRefresh() throws InterruptedException {
        try (LocalClerkIssuer issuer = LocalClerkIssuer.start()) {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            MastraAuthClerk clerk = MastraAuthClerk.builder()
                    .env(Map.of())
                    .dotenvDirectory(Path.of("target", "no-dotenv"))
                    .publishableKey(issuer.publishableKey())
                    .secretKey(issuer.secretKey())
                    .jwksUri(issuer.jwksUri().toString())
                    .build();
            ServerHarness server =
                    ServerHarness.start(Mastra.builder(), s -> s.auth(clerk).idleTimeout(Duration.ofSeconds(2)));
            assertThat(server.get("/api/agents", "Authorization", "Bearer " + issuer.token())
                            .statusCode())
                    .isEqualTo(200);
            List<Thread> started = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> !before.contains(thread) && NAMES.contains(name(thread)))
                    .toList();
            assertThat(started)
                    .extracting(StopReleasesThreadsTest::name)
                    .as("the threads the server and provider started")
                    .containsExactlyInAnyOrderElementsOf(NAMES);

            server.close();

            // Helidon's timer ends at its next check (the idle timeout is 2 s, so within a second).
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (started.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(started)
                    .filteredOn(Thread::isAlive)
                    .extracting(StopReleasesThreadsTest::name)
                    .as("still running")
                    .isEmpty();
        }
    }

    /** The thread's name; Helidon renames its idle timer's thread while the timer's task runs. */
    private static String name(Thread thread) {
        return thread.getName().startsWith("idle-timeout-handler-")
                ? "helidon-idle-connection-timer"
                : thread.getName();
    }
}
