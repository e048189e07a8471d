package dev.mastra4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.auth.AuthRequest;
import dev.mastra4j.auth.AuthenticationException;
import dev.mastra4j.auth.MastraAuthProvider;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.server.testing.ServerHarness;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The auth pipeline sees the connection's peer address (for per-client limits), never a header the client wrote. */
class PeerAddressTest {

    /** A provider that accepts one token and writes down where each request came from. */
    static final class AddressRecorder implements MastraAuthProvider<String> {
        final List<Optional<String>> seen = new CopyOnWriteArrayList<>();

        @Override
        public String authenticateToken(String token, AuthRequest request) {
            seen.add(request.remoteAddress());
            if (!token.equals("recorder-token-0123456789")) {
                throw new AuthenticationException("token-invalid", "Unknown token");
            }
            return "user";
        }
    }

    @Test
    void theProviderSeesThePeerAddressAndNotForwardedHeaders() {
        AddressRecorder recorder = new AddressRecorder();
        Agent agent =
                Agent.builder().id("echo").name("Echo").model("offline/echo").build();
        try (ServerHarness server = ServerHarness.start(Mastra.builder().agent(agent), s -> s.auth(recorder))) {
            assertThat(server.get(
                                    "/api/agents",
                                    "Authorization",
                                    "Bearer recorder-token-0123456789",
                                    "X-Forwarded-For",
                                    "198.51.100.77",
                                    "X-Real-IP",
                                    "198.51.100.78")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(server.get("/api/agents", "Authorization", "Bearer wrong")
                            .statusCode())
                    .isEqualTo(401);
        }
        assertThat(recorder.seen).containsExactly(Optional.of("127.0.0.1"), Optional.of("127.0.0.1"));
    }
}
