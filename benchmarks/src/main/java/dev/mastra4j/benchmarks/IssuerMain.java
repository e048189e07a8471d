package dev.mastra4j.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import dev.mastra4j.testing.LocalClerkIssuer;
import dev.mastra4j.testing.LoopbackStub;
import java.io.IOException;
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

    private IssuerMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Args.parse(args);
        int extraKeys = Integer.parseInt(options.getOrDefault("extra-keys", "0"));

        LocalClerkIssuer issuer = LocalClerkIssuer.start();
        if (extraKeys > 0) {
            issuer.publishExtraKeys(extraKeys);
        }
        String token = issuer.tokenBuilder().expiresIn(Duration.ofHours(2)).build();

        LoopbackStub control = LoopbackStub.start()
                .route("/count", exchange -> reply(exchange, "GET", () -> issuer.jwksFetchCount()))
                .route(
                        "/reset",
                        exchange -> reply(exchange, "POST", () -> {
                            issuer.resetCounts();
                            return 0;
                        }));

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            control.close();
            issuer.close();
            stopped.countDown();
        }));

        System.out.println("PUBLISHABLE_KEY " + issuer.publishableKey());
        System.out.println("SECRET_KEY " + issuer.secretKey());
        System.out.println("JWKS_URI " + issuer.jwksUri());
        System.out.println("TOKEN " + token);
        System.out.println("CONTROL_URL " + control.uri());
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
                LoopbackStub.send(exchange, 405, null, "{\"error\":\"Method not allowed\"}\n");
                return;
            }
            LoopbackStub.send(exchange, 200, null, count.get() + "\n");
        }
    }
}
