package dev.mastra4j.auth.clerk.backend;

import dev.mastra4j.testing.LocalClerkBackendApi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/** Shared set-up: a stub Backend API with a random secret, and clients with test-sized timeouts and backoff. */
final class BackendFixture {

    /** Short enough for fast timeout tests, long enough for a loaded two-core build machine. */
    static final Duration TEST_READ_TIMEOUT = Duration.ofSeconds(2);
    /** Comfortably beyond {@link #TEST_READ_TIMEOUT}; the stub interrupts delayed handlers when it closes. */
    static final Duration BEYOND_TIMEOUT = Duration.ofSeconds(30);

    private BackendFixture() {}

    static String randomSecretKey() {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return "sk_test_" + HexFormat.of().formatHex(bytes);
    }

    static ClerkBackendApi.Builder client(LocalClerkBackendApi stub, String secretKey) {
        return ClerkBackendApi.builder()
                .apiUrl(stub.apiUrl())
                .secretKey(secretKey)
                .readTimeout(TEST_READ_TIMEOUT)
                .getRetries(3, Duration.ofMillis(5));
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
