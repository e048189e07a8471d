package dev.mastra4j.server.robustness;

import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Clerk set-ups shared by the robustness tests: providers on a {@link LocalClerkIssuer}, and tokens minted from it. */
final class Clerk {

    private Clerk() {}

    /** A provider verifying against {@code issuer}'s Frontend API JWKS; no environment or {@code .env} is read. */
    static MastraAuthClerk.Builder provider(LocalClerkIssuer issuer) {
        return MastraAuthClerk.builder()
                .env(Map.of())
                .dotenvDirectory(Path.of("target", "no-dotenv"))
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .jwksUri(issuer.jwksUri().toString());
    }

    /** {@code count} session tokens for distinct users, valid for two hours (so a stepped clock can run ahead). */
    static List<String> tokens(LocalClerkIssuer issuer, int count) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tokens.add(issuer.tokenBuilder()
                    .subject("user_" + i)
                    .expiresIn(Duration.ofHours(2))
                    .build());
        }
        return tokens;
    }

    /** The offline weather agent every robustness server serves. */
    static Agent agent() {
        return Agent.builder()
                .id("weatherAgent")
                .name("Weather Agent")
                .model("offline/weather")
                .build();
    }

    /** An authenticated {@code GET /api/agents} with one of {@code tokens}, picked at random, expecting 200. */
    static LoadGenerator.Shot listWithAnyOf(ServerHarness server, List<String> tokens) {
        return LoadGenerator.Shot.expecting(
                "list",
                get(
                        server.uri("/api/agents"),
                        tokens.get(ThreadLocalRandom.current().nextInt(tokens.size()))),
                200);
    }

    static HttpRequest get(URI uri, String token) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
    }
}
