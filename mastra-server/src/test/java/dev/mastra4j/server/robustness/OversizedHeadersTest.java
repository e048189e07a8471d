package dev.mastra4j.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.server.testing.RawHttp;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The header size limit ({@code maxHeaderBytes}, 16 KiB by default): headers past it get 431 with the JSON error
 * body, while a Clerk session token of 8 KB, fat with custom claims, still fits; the limit can be raised.
 */
class OversizedHeadersTest {

    private static LocalClerkIssuer issuer;
    private static MastraAuthClerk clerk;
    private static ServerHarness server;

    @BeforeAll
    static void start() {
        issuer = LocalClerkIssuer.start();
        clerk = Clerk.provider(issuer).jwtKey(issuer.jwtKeyPem()).build();
        server = ServerHarness.start(Mastra.builder().agent(Clerk.agent()), s -> s.auth(clerk));
    }

    @AfterAll
    static void stop() {
        server.close();
        clerk.close();
        issuer.close();
    }

    /** A real signed session token whose custom claims make it {@code padding} characters of claims larger. */
    private static String tokenWithClaims(int padding) {
        return issuer.tokenBuilder()
                .expiresIn(Duration.ofHours(1))
                .claim("public_metadata", Map.of("plan", "enterprise", "notes", "n".repeat(padding)))
                .build();
    }

    private static RawHttp.Response get(String path, String headers) {
        return RawHttp.exchange(
                server.port(), "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers, new byte[0]);
    }

    @Test
    void aSixteenKilobyteTokenGets431WithTheJsonError() {
        String token = tokenWithClaims(12_000);
        assertThat(token.length()).isGreaterThanOrEqualTo(16 * 1024);

        RawHttp.Response response = get("/api/agents", "Authorization: Bearer " + token);

        assertThat(response.status()).isEqualTo(431);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.header("X-Request-Id")).isNotBlank();
        assertThat(ServerHarness.json(response.body()))
                .isEqualTo(ServerHarness.json("{\"error\":\"Request headers too large\"}"));
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void manySmallHeadersPastTheLimitAlsoGet431() {
        RawHttp.Response response =
                get("/health", "X-Note: 0123456789abcdef\r\n".repeat(1_000).strip());

        assertThat(response.status()).isEqualTo(431);
        assertThat(ServerHarness.json(response.body()).path("error").asText()).isEqualTo("Request headers too large");
    }

    @Test
    void anEightKilobyteClerkTokenWithLargeCustomClaimsIsAccepted() {
        // Just under 8 KiB: the JWT decoder's own limit (JwtVerifier.maxTokenLength) is 8,192 characters.
        String token = tokenWithClaims(5_000);
        for (int padding = 5_000; token.length() < 8_000; padding += 20) {
            token = tokenWithClaims(padding);
        }
        assertThat(token.length()).isBetween(8_000, 8 * 1024);

        RawHttp.Response response = get("/api/agents", "Authorization: Bearer " + token);

        assertThat(response.status()).isEqualTo(200);
        assertThat(ServerHarness.json(response.body()).has("weatherAgent")).isTrue();
    }

    @Test
    void theLimitIsConfigurable() {
        String padding = "X-Padding: " + "p".repeat(20 * 1024);
        assertThat(get("/health", padding).status()).isEqualTo(431);
        try (ServerHarness roomy = ServerHarness.start(Mastra.builder(), s -> s.maxHeaderBytes(32 * 1024))) {
            RawHttp.Response response = RawHttp.exchange(
                    roomy.port(), "GET /health HTTP/1.1\r\nHost: localhost\r\n" + padding, new byte[0]);
            assertThat(response.status()).isEqualTo(200);
        }
        try (ServerHarness tight = ServerHarness.start(Mastra.builder(), s -> s.maxHeaderBytes(1024))) {
            RawHttp.Response response = RawHttp.exchange(
                    tight.port(),
                    "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "p".repeat(1_100),
                    new byte[0]);
            assertThat(response.status()).isEqualTo(431);
        }
    }
}
