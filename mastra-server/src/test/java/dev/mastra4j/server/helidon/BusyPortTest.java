package dev.mastra4j.server.helidon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.core.Mastra;
import dev.mastra4j.server.testing.ServerHarness;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * A server cannot start on a port that something else listens on: {@link Mastra#start()} throws, naming the address,
 * rather than logging and returning a server with no listener. (That the example's {@code main} then exits non-zero
 * is {@code WeatherServerProcessTest} in examples/weather-agent.)
 */
class BusyPortTest {

    @Test
    void startingOnAPortAnotherServerListensOnThrowsNamingTheAddress() {
        try (ServerHarness first = ServerHarness.start(Mastra.builder())) {
            Mastra second = Mastra.builder()
                    .server(s -> s.host("127.0.0.1").port(first.port()))
                    .build();

            assertThatThrownBy(second::start)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("Cannot listen on 127.0.0.1:" + first.port() + ": Address already in use")
                    .hasCauseInstanceOf(BindException.class);
            assertThatThrownBy(second::port).as("nothing was started").isInstanceOf(IllegalStateException.class);
            assertThat(first.get("/health").statusCode())
                    .as("the first server is untouched")
                    .isEqualTo(200);
        }
    }

    @Test
    void aPortHeldByAnyProgramCounts() throws Exception {
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            Mastra mastra = Mastra.builder()
                    .server(s -> s.host("127.0.0.1").port(other.getLocalPort()))
                    .build();

            assertThatThrownBy(mastra::start)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("127.0.0.1:" + other.getLocalPort())
                    .hasMessageContaining("already in use");
        }
    }

    @Test
    void aPortFreedByAStoppedServerCanBeUsedAgain() {
        ServerHarness first = ServerHarness.start(Mastra.builder());
        int port = first.port();
        first.close();
        try (Mastra again = Mastra.builder()
                .server(s -> s.host("127.0.0.1").port(port))
                .build()
                .start()) {
            assertThat(again.port()).isEqualTo(port);
        }
    }
}
