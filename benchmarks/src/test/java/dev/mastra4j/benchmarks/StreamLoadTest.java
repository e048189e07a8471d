package dev.mastra4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.ServerOptions;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.testing.BadToken;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The load client against a real mastra4j server (Clerk auth on a loopback issuer) and against the floor server. */
class StreamLoadTest {

    private static LocalClerkIssuer issuer;
    private static Mastra fast;
    private static Mastra endless;
    private static String token;

    @BeforeAll
    static void start() {
        issuer = LocalClerkIssuer.start();
        token = issuer.tokenBuilder().expiresIn(Duration.ofMinutes(10)).build();
        fast = server(new SlowStreamingModel(Duration.ofMillis(10), 5));
        endless = server(new SlowStreamingModel(Duration.ofMillis(100), 100_000));
    }

    private static Mastra server(SlowStreamingModel model) {
        Agent agent = Agent.builder()
                .id("weatherAgent")
                .name("Weather Agent")
                .instructions("Answer briefly.")
                .env(Map.of())
                .model(model)
                .build();
        MastraAuthClerk clerk = MastraAuthClerk.builder()
                .env(Map.of())
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .jwksUri(issuer.jwksUri().toString())
                .build();
        return Mastra.builder()
                .agent(agent)
                // Every stream of the load client carries the one token: no per-user limit here.
                .server(ServerOptions.builder(Map.of())
                        .host("127.0.0.1")
                        .port(0)
                        .auth(clerk)
                        .maxStreamsPerUser(0))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        fast.close();
        endless.close();
        issuer.close();
    }

    private static StreamLoad.Result load(int port, String token, int streams, int deadlineSeconds) throws IOException {
        return new StreamLoad(Map.of(
                        "port",
                        String.valueOf(port),
                        "token",
                        token,
                        "streams",
                        String.valueOf(streams),
                        "ramp-ms",
                        "200",
                        "deadline-s",
                        String.valueOf(deadlineSeconds),
                        "stall-ms",
                        "20000"))
                .run();
    }

    @Test
    void everyStreamEndsWithFinishAndDoneAndIsCounted() throws IOException {
        StreamLoad.Result result = load(fast.port(), token, 20, 60);

        assertThat(result.errors()).isEmpty();
        assertThat(result.ok()).isEqualTo(20);
        assertThat(result.peakOpen()).isBetween(1, 20);
        // start, step-start, text-start, 5 deltas, text-end, step-finish, finish, [DONE] per stream at least
        assertThat(result.frames()).isGreaterThanOrEqualTo(20L * 12);
        assertThat(result.firstFrameP50Ms()).isNotEqualTo("n/a");
        assertThat(result.firstTokenP99Ms()).isNotEqualTo("n/a");
        assertThat(result.durationP99S()).isNotEqualTo("n/a");
    }

    @Test
    void aRejectedTokenIsAnErrorWithItsStatus() throws IOException {
        StreamLoad.Result result = load(fast.port(), issuer.badToken(BadToken.EXPIRED), 5, 60);

        assertThat(result.ok()).isZero();
        assertThat(result.errors()).containsOnlyKeys("status-401").containsEntry("status-401", 5);
    }

    @Test
    void theDeadlineEndsTheRunAndCountsOpenStreamsAsErrors() throws IOException {
        long started = System.nanoTime();
        StreamLoad.Result result = load(endless.port(), token, 10, 2);

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(30);
        assertThat(result.ok()).isZero();
        assertThat(result.errors()).containsEntry("deadline-mid-stream", 10);
    }

    @Test
    void talksToLoopbackOnly() {
        assertThatThrownBy(() -> new StreamLoad(Map.of("host", "example.com", "port", "80")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void theFloorServerSpeaksTheSameStreamShape() throws Exception {
        ServerSocketChannel listener = SseFloorServer.listen(0);
        int port = ((java.net.InetSocketAddress) listener.getLocalAddress()).getPort();
        Thread serving = Thread.ofPlatform().daemon().start(() -> {
            try {
                new SseFloorServer(TimeUnit.MILLISECONDS.toNanos(10), 3).serve(listener);
            } catch (IOException closed) {
                // closing the listener ends the loop
            }
        });
        try {
            StreamLoad.Result result = load(port, "", 10, 60);

            assertThat(result.errors()).isEmpty();
            assertThat(result.ok()).isEqualTo(10);
            // start, 3 deltas, finish, [DONE]
            assertThat(result.frames()).isEqualTo(10L * 6);
        } finally {
            listener.close();
            serving.join(Duration.ofSeconds(10));
        }
    }
}
