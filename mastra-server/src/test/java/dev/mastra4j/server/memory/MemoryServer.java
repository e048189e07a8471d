package dev.mastra4j.server.memory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.agent.Memory;
import dev.mastra4j.core.agent.WorkingMemory;
import dev.mastra4j.core.storage.InMemoryStore;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real server with Mastra 1.71's capture set-up: {@code weatherAgent} with memory ({@code lastMessages: 10},
 * resource working memory with the capture's template) on an {@link InMemoryStore} that is also the Mastra instance's
 * storage. With auth: Clerk on a loopback {@link LocalClerkIssuer}, users {@code alice}, {@code bob}, ... signed as
 * {@code user_<name>} (Clerk's default {@code mapUserToResourceId}: the user id). Without auth: development mode.
 */
final class MemoryServer implements AutoCloseable {

    static final String TEMPLATE = "# User\n- Name:\n- Location:\n";

    final InMemoryStore store = new InMemoryStore();
    final TickingClock clock = new TickingClock();
    final ServerHarness server;
    private final LocalClerkIssuer issuer;
    private final Map<String, String> tokens = new HashMap<>();

    private MemoryServer(boolean auth) {
        Memory memory = Memory.builder()
                .lastMessages(10)
                .workingMemory(WorkingMemory.enabledWith(TEMPLATE))
                .clock(clock)
                .build();
        Mastra.Builder mastra = Mastra.builder()
                .storage(store)
                .agent(Agent.builder()
                        .id("weatherAgent")
                        .name("Weather Agent")
                        .instructions("Weather.")
                        .env(Map.of())
                        .model("offline/weather")
                        .memory(memory)
                        .build())
                .agent(Agent.builder()
                        .id("plainAgent")
                        .name("No memory")
                        .instructions("None.")
                        .env(Map.of())
                        .model("offline/weather")
                        .build());
        if (auth) {
            issuer = LocalClerkIssuer.start();
            MastraAuthClerk clerk = MastraAuthClerk.builder()
                    .env(Map.of())
                    .publishableKey(issuer.publishableKey())
                    .secretKey(issuer.secretKey())
                    .jwksUri(issuer.jwksUri().toString())
                    .build();
            server = ServerHarness.start(mastra, s -> s.auth(clerk));
        } else {
            issuer = null;
            server = ServerHarness.start(mastra);
        }
    }

    static MemoryServer withClerk() {
        return new MemoryServer(true);
    }

    static MemoryServer development() {
        return new MemoryServer(false);
    }

    /** The resource id Clerk maps {@code user} to. */
    static String resource(String user) {
        return "user_" + user;
    }

    /** A request as {@code user} ({@code none}: no credentials); {@code body} null for none, else sent as is. */
    HttpResponse<String> call(String user, String method, String pathAndQuery, String body) {
        HttpRequest.Builder b = server.request(pathAndQuery);
        if (issuer != null && !user.equals("none")) {
            b.header("Authorization", "Bearer " + tokens.computeIfAbsent(user, u -> issuer.token(resource(u))));
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return server.send(b.build());
    }

    static JsonNode json(HttpResponse<String> response) {
        return ServerHarness.json(response);
    }

    @Override
    public void close() {
        server.close();
        if (issuer != null) {
            issuer.close();
        }
    }

    /** UTC time that moves on by one millisecond at every reading, so that creation order is never a tie. */
    static final class TickingClock extends Clock {
        private final AtomicLong millis =
                new AtomicLong(Instant.parse("2026-12-01T10:00:00Z").toEpochMilli());

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.incrementAndGet());
        }
    }
}
