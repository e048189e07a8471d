package dev.mastra4j.auth.clerk;

import dev.mastra4j.auth.AuthConfig;
import dev.mastra4j.auth.AuthDecision;
import dev.mastra4j.auth.AuthPipeline;
import dev.mastra4j.auth.AuthRequest;
import dev.mastra4j.auth.TestRequest;
import dev.mastra4j.testing.LocalClerkBackendApi;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * Shared set-up for tests of MastraAuthClerk wired to the Backend API: a LocalClerkIssuer for session tokens and
 * keys, a LocalClerkBackendApi sharing its secret key, and helpers for requests and the real auth pipeline.
 */
final class WiredFixture {

    static final String M2M_CATEGORY = "cl_B7d4PD333AAA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WiredFixture() {}

    /** A provider on the issuer's keys (no JWKS fetch) whose Backend API is the stub; nothing reaches the network. */
    static MastraAuthClerk.Builder clerk(LocalClerkIssuer issuer, LocalClerkBackendApi backend) {
        return MastraAuthClerk.builder()
                .env(Map.of())
                .dotenvDirectory(Path.of("target", "no-dotenv"))
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .jwtKey(issuer.jwtKeyPem())
                .apiUrl(backend.apiUrl().toString());
    }

    /** {@code prefix} and 32 random hex characters, like Clerk's opaque credentials. */
    static String randomToken(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    static TestRequest bearer(String token) {
        return TestRequest.get("/api/agents").header("Authorization", "Bearer " + token);
    }

    static TestRequest cookie(String token) {
        return TestRequest.get("/api/agents").cookie("__session", token);
    }

    /** What the server's pipeline decides, with Mastra's default public and protected routes. */
    static AuthDecision decide(MastraAuthClerk clerk, AuthRequest request) {
        return AuthPipeline.create(AuthConfig.builder().provider(clerk).build()).evaluate(request);
    }

    /** A loopback URL on which nothing listens: the port was free a moment ago. */
    static String refusedUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
