package dev.mastra4j.auth.jwt;

import dev.mastra4j.auth.AuthObserver;
import dev.mastra4j.auth.AuthProviderOptions;
import dev.mastra4j.auth.AuthRequest;
import dev.mastra4j.auth.JwtUser;
import dev.mastra4j.auth.MastraAuthProvider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * Mastra's generic JWT provider: tokens signed with a shared HMAC secret ({@code JWT_AUTH_SECRET}, HS256/384/512),
 * or RS256/384/512 tokens checked against a JWKS or a PEM public key with an expected issuer.
 *
 * <p>Stricter than Mastra's TypeScript provider in two ways: {@code exp} is required (a token that never expires
 * cannot be revoked), and with a JWKS or public key the issuer is required. The audience is checked when
 * configured and the token carries {@code aud}. Verified tokens are cached until they expire.
 */
public final class MastraJwtAuth implements MastraAuthProvider<JwtUser>, AutoCloseable {

    /** The environment variable holding the shared secret. */
    public static final String SECRET_ENV = "JWT_AUTH_SECRET";

    private final JwtVerifier verifier;
    private final VerifiedTokenCache<JwtUser> cache;
    private final BiPredicate<JwtUser, AuthRequest> authorizeUser;
    private final AuthProviderOptions<JwtUser> options;

    private MastraJwtAuth(Builder b, AuthProviderOptions<JwtUser> options, JwtVerifier verifier) {
        this.verifier = verifier;
        this.cache = new VerifiedTokenCache<>(b.cacheSize);
        this.authorizeUser = b.authorizeUser;
        this.options = options;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** HMAC mode with the secret from {@value #SECRET_ENV}. */
    public static MastraJwtAuth fromEnv() {
        return builder().build();
    }

    @Override
    public JwtUser authenticateToken(String token, AuthRequest request) {
        return cache.get(token, verifier, MastraJwtAuth::toUser);
    }

    private static JwtUser toUser(VerifiedJwt jwt) {
        return new JwtUser(jwt.claims().subject(), jwt.claims().asMap());
    }

    @Override
    public void warmUp() {
        verifier.warmUp();
    }

    @Override
    public boolean ready() {
        return verifier.keySource().keysLoaded();
    }

    @Override
    public void observe(AuthObserver observer) {
        verifier.keySource().observe(observer);
    }

    @Override
    public boolean authorizeUser(JwtUser user, AuthRequest request) {
        return authorizeUser == null ? user != null : authorizeUser.test(user, request);
    }

    @Override
    public AuthProviderOptions<JwtUser> options() {
        return options;
    }

    @Override
    public void close() {
        verifier.close();
    }

    @Override
    public String toString() {
        return "MastraJwtAuth[" + verifier.keySource() + "]";
    }

    /** Options; the routes, rules and resource-id mapping are the shared ones of {@link AuthProviderOptions.Builder}. */
    public static final class Builder extends AuthProviderOptions.Builder<JwtUser, Builder> {
        private byte[] secret;
        private URI jwksUri;
        private String publicKeyPem;
        private String issuer;
        private final List<String> audiences = new ArrayList<>();
        private Duration clockSkew = Duration.ofSeconds(5);
        private Duration jwksRefetchInterval = JwksKeySource.DEFAULT_REFETCH_INTERVAL;
        private int cacheSize = VerifiedTokenCache.DEFAULT_MAX_ENTRIES;
        private Clock clock = Clock.systemUTC();
        private Map<String, String> env = System.getenv();
        private BiPredicate<JwtUser, AuthRequest> authorizeUser;

        private Builder() {}

        /** The shared HMAC secret (UTF-8), at least 32 bytes. Overrides {@value #SECRET_ENV}. */
        public Builder secret(String secret) {
            return secret(Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8));
        }

        public Builder secret(byte[] secret) {
            this.secret = Objects.requireNonNull(secret, "secret").clone();
            return this;
        }

        /** RS256/384/512 tokens checked against this JWKS (https, or http on loopback); needs {@link #issuer}. */
        public Builder jwksUri(URI uri) {
            this.jwksUri = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /** RS256/384/512 tokens checked against this SPKI PEM public key; needs {@link #issuer}. */
        public Builder publicKeyPem(String pem) {
            this.publicKeyPem = Objects.requireNonNull(pem, "pem");
            return this;
        }

        /** The exact {@code iss} every token must carry. */
        public Builder issuer(String issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /** Accepted audiences; a token with {@code aud} must name one of them. */
        public Builder audience(String... audiences) {
            this.audiences.addAll(List.of(audiences));
            return this;
        }

        public Builder clockSkew(Duration skew) {
            this.clockSkew = Objects.requireNonNull(skew, "skew");
            if (skew.isNegative()) {
                throw new IllegalArgumentException("clockSkew must not be negative");
            }
            return this;
        }

        /** Minimum time between the starts of two JWKS fetches (default 2 s); see {@link JwksKeySource}. */
        public Builder jwksRefetchInterval(Duration interval) {
            this.jwksRefetchInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** Verified-token cache size (default 10,000; 0 turns caching off). */
        public Builder cacheSize(int entries) {
            this.cacheSize = entries;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The environment to read {@value #SECRET_ENV} from (default: the process environment). */
        public Builder env(Map<String, String> env) {
            this.env = Map.copyOf(env);
            return this;
        }

        /** Replaces the default authorization (every authenticated user). */
        public Builder authorizeUser(BiPredicate<JwtUser, AuthRequest> authorizeUser) {
            this.authorizeUser = Objects.requireNonNull(authorizeUser, "authorizeUser");
            return this;
        }

        /**
         * Builds the provider from the options set so far.
         *
         * @throws IllegalStateException when no key is configured, more than one is, the secret is shorter than
         *         32 bytes, or a public-key mode lacks an issuer
         */
        public MastraJwtAuth build() {
            int modes = (jwksUri != null ? 1 : 0) + (publicKeyPem != null ? 1 : 0) + (secret != null ? 1 : 0);
            if (modes > 1) {
                throw new IllegalStateException("Configure exactly one of secret, jwksUri or publicKeyPem");
            }
            JwtVerifier.Builder verifier = JwtVerifier.builder().clock(clock);
            if (modes == 0) {
                String fromEnv = env.get(SECRET_ENV);
                if (fromEnv == null || fromEnv.isEmpty()) {
                    throw new IllegalStateException("Missing JWT configuration: " + SECRET_ENV
                            + " (or MastraJwtAuth.builder().secret(...), .jwksUri(...) or .publicKeyPem(...))");
                }
                secret = fromEnv.getBytes(StandardCharsets.UTF_8);
            }
            if (secret != null) {
                if (secret.length < 32) {
                    throw new IllegalStateException(
                            "The JWT secret must be at least 32 bytes (it has " + secret.length + ")");
                }
                verifier.keySource(JwtKeySource.hmacSecret(secret)).algorithms(JwtVerifier.HMAC_ALGORITHMS);
            } else {
                if (issuer == null || issuer.isEmpty()) {
                    throw new IllegalStateException("An issuer is required with jwksUri or publicKeyPem");
                }
                try {
                    verifier.keySource(
                            jwksUri != null
                                    ? JwtKeySource.jwks(jwksUri)
                                            .refetchInterval(jwksRefetchInterval)
                                            .clock(clock)
                                            .build()
                                    : JwtKeySource.pem(publicKeyPem));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
            verifier.claimValidator(ClaimValidator.audience(audiences))
                    .claimValidator(ClaimValidator.expiry(clockSkew))
                    .claimValidator(ClaimValidator.notBefore(clockSkew))
                    .claimValidator(ClaimValidator.issuedAt(clockSkew));
            if (issuer != null) {
                verifier.claimValidator(ClaimValidator.issuer(issuer));
            }
            return new MastraJwtAuth(this, options(), verifier.build());
        }
    }
}
