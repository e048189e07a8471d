package dev.mastra4j.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for a Clerk development instance, for tests and offline development: it holds RSA keys,
 * mints session tokens in-process and serves the public keys over HTTP on loopback.
 *
 * <ul>
 *   <li>{@code GET /.well-known/jwks.json} — the Frontend API JWKS ({@link #jwksUri()}).</li>
 *   <li>{@code GET /v1/jwks} — the Backend API JWKS under {@link #apiUrl()}, only with
 *       {@code Authorization: Bearer <secretKey>}; otherwise {@code 401} JSON.</li>
 * </ul>
 *
 * <p>Tokens are minted only through this object ({@link #token()}, {@link #tokenBuilder()}, {@link #badToken}).
 * There is deliberately no HTTP endpoint that mints tokens: anything that can reach the port must not be able
 * to obtain a valid credential, even in dev mode. The server binds to 127.0.0.1 only. (Browser tests of a page's
 * Clerk mode use {@link ClerkJsStandIn}: a separate, opt-in server with its own port that does mint tokens, for the
 * users a test adds.)
 *
 * <p>Keys are fresh RSA-2048 keys on every start, with Clerk-like kids ({@code ins_...}). The publishable key
 * encodes a {@code *.clerk.accounts.dev} host, and {@link #issuer()} is {@code https://<that host>}, so a Clerk
 * verifier configured with {@link #publishableKey()} and {@link #jwksUri()} accepts {@link #token()}.
 *
 * <p>Longer than most classes because its one job, a Clerk instance's key material as a verifier sees it, has many
 * switches: key rotation and extra keys, outages, latency and each way a JWKS endpoint can misbehave
 * ({@link JwksResponse}), all acting on the same published key set. Tokens themselves are built by
 * {@link TokenBuilder} and broken by {@link BadToken}.
 */
public final class LocalClerkIssuer implements AutoCloseable {

    /** The {@code azp} of minted tokens unless changed: the usual local front-end origin. */
    public static final String DEFAULT_AZP = "http://localhost:3000";
    /** The subject of {@link #token()}. */
    public static final String DEFAULT_USER = "user_test";

    static final String JWKS_PATH = "/.well-known/jwks.json";
    static final String BACKEND_JWKS_PATH = "/v1/jwks";
    private static final Logger LOG = LoggerFactory.getLogger(LocalClerkIssuer.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHANUMERIC =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int HUGE_BODY_BYTES = 10 * 1024 * 1024;

    private final int keySize;
    private final String frontendHost;
    private final String secretKey;
    private final LoopbackStub server;
    private final AtomicInteger jwksFetches = new AtomicInteger();

    private final Object keyLock = new Object();
    private volatile RSAKey current;
    private volatile List<RSAKey> published;
    private volatile List<RSAKey> extra = List.of();
    private volatile boolean paused;
    private volatile Duration latency = Duration.ZERO;
    private volatile JwksResponse response = JwksResponse.NORMAL;
    private RSAKey untrusted;
    private ECKey ecKey;

    private LocalClerkIssuer(Builder builder) {
        this.keySize = builder.keySize;
        this.frontendHost = builder.frontendHost != null ? builder.frontendHost : randomHost();
        this.secretKey = builder.secretKey != null ? builder.secretKey : randomId("sk_test_", 40);
        this.current = builder.signingKey != null ? builder.signingKey : generateRsaKey();
        this.published = List.of(current);
        this.server = LoopbackStub.start(builder.port).route("/", this::handle);
        LOG.debug("Local Clerk issuer for {} listening on {}", issuer(), apiUrl());
    }

    /** Starts an issuer with a random host, fresh keys and a random port. */
    public static LocalClerkIssuer start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- identity -------------------------------------------------------------------------------------------

    /** {@code pk_test_} + base64({@code <host>$}), as the Clerk dashboard shows it. */
    public String publishableKey() {
        return "pk_test_" + Base64.getEncoder().encodeToString((frontendHost + "$").getBytes(StandardCharsets.UTF_8));
    }

    /** The Frontend API host encoded in the publishable key, for example {@code local-ab12cd34ef.clerk.accounts.dev}. */
    public String frontendApiHost() {
        return frontendHost;
    }

    /** {@code https://<frontendApiHost>}: the {@code iss} of minted tokens and what a Clerk verifier expects. */
    public String issuer() {
        return "https://" + frontendHost;
    }

    /** A random {@code sk_test_...} secret that the Backend API JWKS endpoint requires. */
    public String secretKey() {
        return secretKey;
    }

    /** {@code http://127.0.0.1:<port>/.well-known/jwks.json}. */
    public URI jwksUri() {
        return URI.create(apiUrl() + JWKS_PATH);
    }

    /** {@code http://127.0.0.1:<port>}: a Backend API base serving {@code GET /v1/jwks}. */
    public URI apiUrl() {
        return server.uri();
    }

    public int port() {
        return server.port();
    }

    /** The current public key as PEM ({@code -----BEGIN PUBLIC KEY-----}), Clerk's {@code CLERK_JWT_KEY}. */
    public String jwtKeyPem() {
        return publicKeyPem(current);
    }

    /** The current signing key's kid. */
    public String currentKid() {
        return current.getKeyID();
    }

    /** The public keys the JWKS endpoints serve in {@link JwksResponse#NORMAL} mode. */
    public JWKSet publicJwks() {
        List<JWK> keys = new ArrayList<>();
        published.forEach(k -> keys.add(k.toPublicJWK()));
        extra.forEach(k -> keys.add(k.toPublicJWK()));
        return new JWKSet(keys);
    }

    // ---- minting --------------------------------------------------------------------------------------------

    /** A valid v2 session token for {@value #DEFAULT_USER}. */
    public String token() {
        return tokenBuilder().build();
    }

    /** A valid v2 session token for {@code userId}. */
    public String token(String userId) {
        return tokenBuilder().subject(userId).build();
    }

    public TokenBuilder tokenBuilder() {
        return new TokenBuilder(this);
    }

    /** A token with the defect {@code kind} names; see {@link BadToken#expectedReason()}. */
    public String badToken(BadToken kind) {
        return kind.mint(this);
    }

    // ---- operations -----------------------------------------------------------------------------------------

    /** Makes a new current key. The old keys stay published, as Clerk does during a rotation. */
    public void rotateKeys() {
        RSAKey fresh = generateRsaKey();
        synchronized (keyLock) {
            List<RSAKey> keys = new ArrayList<>(published.size() + 1);
            keys.add(fresh);
            keys.addAll(published);
            published = List.copyOf(keys);
            current = fresh;
        }
    }

    /** Publishes only the current key (drops rotated-out keys and any extra keys). */
    public void retireOldKeys() {
        synchronized (keyLock) {
            published = List.of(current);
            extra = List.of();
        }
    }

    /** Publishes {@code n} additional unrelated keys (replacing earlier extras), to make the JWKS realistically large. */
    public void publishExtraKeys(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
        List<RSAKey> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(generateRsaKey());
        }
        synchronized (keyLock) {
            extra = List.copyOf(keys);
        }
    }

    /** Simulates an outage: both JWKS endpoints answer {@code 503} until {@link #resume()}. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    /** Delays every JWKS answer by {@code delay}. */
    public void latency(Duration delay) {
        this.latency = Objects.requireNonNull(delay, "delay");
    }

    /** Makes the JWKS endpoints misbehave in the given way; {@link JwksResponse#NORMAL} restores them. */
    public void serve(JwksResponse response) {
        this.response = Objects.requireNonNull(response, "response");
    }

    /** Requests received by either JWKS endpoint (including refused and failed ones) since start or {@link #resetCounts()}. */
    public int jwksFetchCount() {
        return jwksFetches.get();
    }

    public void resetCounts() {
        jwksFetches.set(0);
    }

    @Override
    public void close() {
        // Also interrupts handlers still sleeping in latency(...) rather than waiting them out.
        server.close();
    }

    // ---- package internals used by TokenBuilder and BadToken --------------------------------------------------

    RSAKey currentKey() {
        return current;
    }

    RSAKey untrustedKey() {
        synchronized (keyLock) {
            if (untrusted == null) {
                untrusted = generateRsaKey(current.getKeyID());
            }
            return untrusted;
        }
    }

    ECKey ecKey() {
        synchronized (keyLock) {
            if (ecKey == null) {
                try {
                    ecKey = new ECKeyGenerator(Curve.P_256)
                            .keyUse(KeyUse.SIGNATURE)
                            .keyID(randomId("ins_", 27))
                            .generate();
                } catch (JOSEException e) {
                    throw new IllegalStateException("Cannot generate an EC key", e);
                }
            }
            return ecKey;
        }
    }

    static String publicKeyPem(RSAKey key) {
        try {
            byte[] der = key.toRSAPublicKey().getEncoded();
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(der);
            return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot export the public key", e);
        }
    }

    static String randomId(String prefix, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)];
        }
        return prefix + new String(chars);
    }

    // ---- HTTP -----------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            String path = exchange.getRequestURI().getPath();
            boolean frontend = JWKS_PATH.equals(path);
            boolean backend = BACKEND_JWKS_PATH.equals(path);
            if (!frontend && !backend) {
                LoopbackStub.send(exchange, 404, "application/json", "{\"error\":\"Not found\"}");
                return;
            }
            jwksFetches.incrementAndGet();
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                LoopbackStub.send(exchange, 405, "application/json", "{\"error\":\"Method not allowed\"}");
                return;
            }
            if (backend && !authorizedForBackend(exchange)) {
                LoopbackStub.send(
                        exchange,
                        401,
                        "application/json",
                        "{\"errors\":[{\"message\":\"Unauthorized\",\"code\":\"authentication_invalid\"}]}");
                return;
            }
            Duration delay = latency;
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (paused) {
                LoopbackStub.send(exchange, 503, "application/json", "{\"error\":\"Service unavailable\"}");
                return;
            }
            switch (response) {
                case NORMAL ->
                    LoopbackStub.send(
                            exchange, 200, "application/json", publicJwks().toString(true));
                case GARBAGE_HTML ->
                    LoopbackStub.send(
                            exchange,
                            200,
                            "text/html",
                            "<html><body><h1>502 Bad Gateway</h1><p>upstream unavailable</p></body></html>");
                case HUGE_BODY -> sendHuge(exchange);
                case WRONG_KEY_TYPES -> LoopbackStub.send(exchange, 200, "application/json", wrongTypeJwks());
                case ENCRYPTION_KEYS -> LoopbackStub.send(exchange, 200, "application/json", encryptionJwks());
                case EMPTY -> LoopbackStub.send(exchange, 200, "application/json", "{\"keys\":[]}");
            }
        } catch (IOException e) {
            // The client went away (for example it stopped reading a huge body); nothing to answer.
            LOG.trace("JWKS client disconnected: {}", e.getClass().getSimpleName());
        }
    }

    private boolean authorizedForBackend(HttpExchange exchange) {
        List<String> values = exchange.getRequestHeaders().get("Authorization");
        if (values == null || values.size() != 1) {
            return false;
        }
        byte[] expected = ("Bearer " + secretKey).getBytes(StandardCharsets.UTF_8);
        return java.security.MessageDigest.isEqual(expected, values.get(0).getBytes(StandardCharsets.UTF_8));
    }

    private String wrongTypeJwks() {
        List<JWK> keys = new ArrayList<>();
        for (RSAKey key : published) {
            try {
                keys.add(new ECKeyGenerator(Curve.P_256)
                        .keyUse(KeyUse.SIGNATURE)
                        .keyID(key.getKeyID())
                        .generate()
                        .toPublicJWK());
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        return new JWKSet(keys).toString(true);
    }

    private String encryptionJwks() {
        List<JWK> keys = new ArrayList<>();
        for (RSAKey key : published) {
            keys.add(new RSAKey.Builder(key.toPublicJWK())
                    .keyUse(KeyUse.ENCRYPTION)
                    .algorithm(null)
                    .build());
        }
        return new JWKSet(keys).toString(true);
    }

    private static void sendHuge(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        String head = "{\"keys\":[],\"padding\":\"";
        String tail = "\"}";
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        exchange.sendResponseHeaders(200, HUGE_BODY_BYTES);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            long remaining = (long) HUGE_BODY_BYTES - head.length() - tail.length();
            while (remaining > 0) {
                int n = (int) Math.min(chunk.length, remaining);
                out.write(chunk, 0, n);
                remaining -= n;
            }
            out.write(tail.getBytes(StandardCharsets.US_ASCII));
        }
    }

    // ---- keys -----------------------------------------------------------------------------------------------

    private RSAKey generateRsaKey() {
        return generateRsaKey(randomId("ins_", 27));
    }

    private RSAKey generateRsaKey(String kid) {
        try {
            return new RSAKeyGenerator(keySize)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID(kid)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }

    private static String randomHost() {
        // 10 random characters make "<host>$" a multiple of 3 bytes long, so the publishable key needs no base64
        // padding.
        String lower = randomId("", 10).toLowerCase(java.util.Locale.ROOT);
        return "local-" + lower + ".clerk.accounts.dev";
    }

    /** Options for {@link LocalClerkIssuer}. */
    public static final class Builder {
        private String frontendHost;
        private int keySize = 2048;
        private int port;
        private String secretKey;
        private RSAKey signingKey;

        private Builder() {}

        /**
         * The RSA key pair to sign with, instead of a fresh one (for example one kept between runs of a development
         * server, so that start-up skips key generation). It must hold the private key, have a key id and at least
         * 2048 bits.
         */
        public Builder signingKey(RSAKey key) {
            if (key == null || !key.isPrivate() || key.getKeyID() == null || key.size() < 2048) {
                throw new IllegalArgumentException(
                        "The signing key must be a private RSA key of 2048 bits or more " + "with a key id");
            }
            this.signingKey = key;
            return this;
        }

        /** A fixed Frontend API host (must contain a dot), for a stable publishable key and issuer. */
        public Builder frontendHost(String host) {
            if (host == null || !host.contains(".") || host.contains("$")) {
                throw new IllegalArgumentException("The frontend host must contain a '.' and no '$'");
            }
            this.frontendHost = host;
            return this;
        }

        /** RSA key size in bits, at least 2048 (default 2048). */
        public Builder keySize(int bits) {
            if (bits < 2048) {
                throw new IllegalArgumentException("RSA keys must be at least 2048 bits");
            }
            this.keySize = bits;
            return this;
        }

        /** Loopback port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range");
            }
            this.port = port;
            return this;
        }

        /** A fixed secret key; it must look like Clerk's ({@code sk_test_} or {@code sk_live_}). */
        public Builder secretKey(String secretKey) {
            if (secretKey == null || !(secretKey.startsWith("sk_test_") || secretKey.startsWith("sk_live_"))) {
                throw new IllegalArgumentException("A secret key starts with sk_test_ or sk_live_");
            }
            this.secretKey = secretKey;
            return this;
        }

        public LocalClerkIssuer start() {
            return new LocalClerkIssuer(this);
        }
    }
}
