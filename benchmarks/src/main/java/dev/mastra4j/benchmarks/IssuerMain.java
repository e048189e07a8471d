package dev.mastra4j.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * One {@link LocalClerkIssuer} that both servers in a side-by-side run verify against, so neither gets an easier JWKS.
 *
 * <p>Arguments: {@code --extra-keys N} publishes N unrelated keys next to the signing key (a JWKS of N + 1 keys).
 * Prints {@code PUBLISHABLE_KEY}, {@code SECRET_KEY}, {@code JWKS_URI}, {@code TOKEN} (valid 2 h),
 * {@code CONTROL_URL} and finally {@code READY}, one per line as {@code NAME value}.
 *
 * <p>The control port (loopback, separate from the JWKS port) answers {@code GET /count} with the number of JWKS
 * requests received so far and {@code POST /reset} by zeroing it. It deliberately cannot mint tokens.
 */
public final class IssuerMain {

    private IssuerMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Args.parse(args);
        int extraKeys = Integer.parseInt(options.getOrDefault("extra-keys", "0"));

        LocalClerkIssuer issuer = LocalClerkIssuer.start();
        if (extraKeys > 0) {
            issuer.publishExtraKeys(extraKeys);
        }
        String token = issuer.tokenBuilder().expiresIn(Duration.ofHours(2)).build();

        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        control.createContext("/count", exchange -> reply(exchange, "GET", () -> issuer.jwksFetchCount()));
        control.createContext("/reset", exchange -> reply(exchange, "POST", () -> {
            issuer.resetCounts();
            return 0;
        }));
        control.start();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            control.stop(0);
            issuer.close();
            stopped.countDown();
        }));

        System.out.println("PUBLISHABLE_KEY " + issuer.publishableKey());
        System.out.println("SECRET_KEY " + issuer.secretKey());
        System.out.println("JWKS_URI " + issuer.jwksUri());
        System.out.println("TOKEN " + token);
        System.out.println("CONTROL_URL http://127.0.0.1:" + control.getAddress().getPort());
        System.out.println("JWKS_KEYS " + issuer.publicJwks().getKeys().size());
        System.out.println("READY");
        System.out.flush();
        stopped.await();
    }

    private interface Count {
        int get();
    }

    private static void reply(HttpExchange exchange, String method, Count count) throws IOException {
        try (exchange) {
            if (!method.equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", method);
                send(exchange, 405, "{\"error\":\"Method not allowed\"}");
                return;
            }
            send(exchange, 200, String.valueOf(count.get()));
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
