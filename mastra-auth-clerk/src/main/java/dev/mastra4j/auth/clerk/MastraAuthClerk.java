package dev.mastra4j.auth.clerk;

import dev.mastra4j.auth.AuthRequest;
import dev.mastra4j.auth.AuthRule;
import dev.mastra4j.auth.AuthenticationException;
import dev.mastra4j.auth.MastraAuthProvider;
import dev.mastra4j.auth.RoutePattern;
import dev.mastra4j.auth.TokenResolver;
import dev.mastra4j.auth.jwt.ClaimValidator;
import dev.mastra4j.auth.jwt.HeaderValidator;
import dev.mastra4j.auth.jwt.JwtClaims;
import dev.mastra4j.auth.jwt.JwtKeySource;
import dev.mastra4j.auth.jwt.JwtVerifier;
import dev.mastra4j.auth.jwt.Reasons;
import dev.mastra4j.auth.jwt.VerifiedTokenCache;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clerk session tokens for a Mastra server, verified locally and strictly (see CLERK-TOKENS.md): the check order
 * and reasons of Clerk's SDK, plus issuer, authorized-party and duplicate-key checks it lacks. Keys come from
 * {@code jwtKey} (no network), else {@code jwksUri}, else the Backend API JWKS with the secret key; each instance
 * has its own key cache, and verified tokens are cached until they expire.
 *
 * <pre>{@code
 * MastraAuthClerk clerk = MastraAuthClerk.fromEnv();   // CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY, ...
 * }</pre>
 *
 * <p>Machine tokens ({@code mt_}, {@code ak_}, {@code oat_}) are refused with {@code token-type-mismatch}.
 */
public final class MastraAuthClerk implements MastraAuthProvider<ClerkUser>, AutoCloseable {

    /** The {@code cat} header of Clerk's machine-to-machine JWTs; such a token is never a session. */
    static final String M2M_CATEGORY = "cl_B7d4PD333AAA";
    private static final Logger LOG = LoggerFactory.getLogger(MastraAuthClerk.class);

    private final ClerkSettings settings;
    private final JwtVerifier verifier;
    private final VerifiedTokenCache<ClerkUser> cache;
    private final TokenResolver tokenResolver;
    private final BiPredicate<ClerkUser, AuthRequest> authorizeUser;
    private final OrganizationMembershipCheck membershipCheck;
    private final Function<ClerkUser, String> resourceIdMapper;
    private final List<RoutePattern> publicRoutes;
    private final List<RoutePattern> protectedRoutes;
    private final List<AuthRule<? super ClerkUser>> rules;

    private MastraAuthClerk(Builder b, ClerkSettings settings) {
        this.settings = settings;
        this.verifier = JwtVerifier.builder()
                .keySource(keySource(settings, b))
                .clock(b.clock)
                .headerValidator(HeaderValidator.rejectValue("cat", M2M_CATEGORY))
                .claimValidator(ClaimValidator.subject())
                .claimValidator(ClaimValidator.audience(b.audiences))
                .claimValidator(ClaimValidator.authorizedParties(settings.authorizedParties()))
                .claimValidator(ClaimValidator.expiry(b.clockSkew))
                .claimValidator(ClaimValidator.notBefore(b.clockSkew))
                .claimValidator(ClaimValidator.issuedAt(b.clockSkew))
                .claimValidator(ClaimValidator.issuer(settings.issuer()))
                .claimValidator(MastraAuthClerk::sessionMustBeComplete)
                .build();
        this.cache = new VerifiedTokenCache<>(b.cacheSize);
        this.tokenResolver = new ClerkTokenResolver(settings.publishableKeyText());
        this.authorizeUser = b.authorizeUser;
        this.membershipCheck = b.membershipCheck;
        this.resourceIdMapper = b.resourceIdMapper;
        this.publicRoutes = List.copyOf(b.publicRoutes);
        this.protectedRoutes = List.copyOf(b.protectedRoutes);
        this.rules = List.copyOf(b.rules);
    }

    /** A builder; anything not set on it is read from the environment, then from {@code .env}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Everything from the environment and {@code .env}. */
    public static MastraAuthClerk fromEnv() {
        return builder().build();
    }

    private static JwtKeySource keySource(ClerkSettings settings, Builder b) {
        if (settings.jwtKey() != null) {
            return JwtKeySource.pem(settings.jwtKey());
        }
        if (settings.jwksUri() != null) {
            return JwtKeySource.jwks(settings.jwksUri()).refetchInterval(b.jwksRefetchInterval).clock(b.clock).build();
        }
        return JwtKeySource.jwks(URI.create(settings.apiUrl() + "/v1/jwks"))
                .bearerToken(settings.secretKey()).refetchInterval(b.jwksRefetchInterval).clock(b.clock).build();
    }

    private static void sessionMustBeComplete(JwtClaims claims, Instant now) {
        if ("pending".equals(claims.string("sts"))) {
            throw new AuthenticationException("session-pending", "The session has not finished signing in");
        }
    }

    @Override
    public ClerkUser authenticateToken(String token, AuthRequest request) {
        if (token == null || token.isEmpty()) {
            throw new AuthenticationException(Reasons.TOKEN_INVALID, "Token is empty");
        }
        return switch (TokenType.of(token)) {
            case SESSION_TOKEN -> cache.get(token, verifier, jwt -> ClerkUser.fromClaims(jwt.claims().asMap()));
            case M2M_TOKEN, API_KEY, OAUTH_TOKEN -> throw new AuthenticationException(Reasons.TOKEN_TYPE_MISMATCH,
                    "This server accepts Clerk session tokens only, not machine tokens");
        };
    }

    /**
     * The custom {@code authorizeUser} when one is set. Otherwise every user with a {@code sub}; with an
     * organization configured, the token's active organization must match, else the membership check decides
     * (fail closed: the default check denies, and any error denies).
     */
    @Override
    public boolean authorizeUser(ClerkUser user, AuthRequest request) {
        if (authorizeUser != null) {
            return authorizeUser.test(user, request);
        }
        if (user == null || user.userId() == null || user.userId().isEmpty()) {
            return false;
        }
        String orgId = settings.organizationId();
        String orgSlug = settings.organizationSlug();
        if (orgId == null && orgSlug == null) {
            return true;
        }
        if (orgId != null ? orgId.equals(user.orgId()) : orgSlug.equals(user.orgSlug())) {
            return true;
        }
        try {
            return membershipCheck.isMember(user, orgId, orgSlug);
        } catch (Exception e) {
            LOG.warn("Organization membership check failed ({}); denying access", e.getClass().getSimpleName());
            return false;
        }
    }

    @Override
    public TokenResolver tokenResolver() {
        return tokenResolver;
    }

    @Override
    public List<RoutePattern> publicRoutes() {
        return publicRoutes;
    }

    @Override
    public List<RoutePattern> protectedRoutes() {
        return protectedRoutes;
    }

    @Override
    public List<AuthRule<? super ClerkUser>> rules() {
        return rules;
    }

    /** By default the user id ({@code sub}), so one user's memory threads are out of another's reach. */
    @Override
    public String mapUserToResourceId(ClerkUser user) {
        return resourceIdMapper.apply(user);
    }

    /** The expected {@code iss}. */
    public String issuer() {
        return settings.issuer();
    }

    public PublishableKey publishableKey() {
        return settings.publishableKey();
    }

    /** Stops the key source's background refresh. */
    @Override
    public void close() {
        verifier.close();
    }

    @Override
    public String toString() {
        return "MastraAuthClerk[issuer=" + settings.issuer() + ", instance=" + settings.publishableKey().instanceType()
                + ", keySource=" + verifier.keySource() + ", secretKey=" + ClerkSettings.prefix(settings.secretKey()) + "]";
    }

    /** Options; see CLERK-TOKENS.md for each one's environment variable. */
    public static final class Builder {
        private final Map<String, String> explicit = new HashMap<>();
        private List<String> authorizedParties;
        private final List<String> audiences = new ArrayList<>();
        private Duration clockSkew = Duration.ofSeconds(5);
        private Duration jwksRefetchInterval = Duration.ofSeconds(30);
        private int cacheSize = VerifiedTokenCache.DEFAULT_MAX_ENTRIES;
        private Clock clock = Clock.systemUTC();
        private Map<String, String> env;
        private Path dotenvDirectory = Path.of("");
        private BiPredicate<ClerkUser, AuthRequest> authorizeUser;
        private OrganizationMembershipCheck membershipCheck = OrganizationMembershipCheck.denyAll();
        private Function<ClerkUser, String> resourceIdMapper = ClerkUser::userId;
        private final List<RoutePattern> publicRoutes = new ArrayList<>();
        private final List<RoutePattern> protectedRoutes = new ArrayList<>();
        private final List<AuthRule<? super ClerkUser>> rules = new ArrayList<>();

        private Builder() {
        }

        /** {@code pk_test_...} or {@code pk_live_...} ({@code CLERK_PUBLISHABLE_KEY}). */
        public Builder publishableKey(String key) {
            return set(ClerkSettings.PUBLISHABLE_KEY, key);
        }

        /** {@code sk_test_...} or {@code sk_live_...} ({@code CLERK_SECRET_KEY}). */
        public Builder secretKey(String key) {
            return set(ClerkSettings.SECRET_KEY, key);
        }

        /** The Frontend API JWKS, {@code https://<fapi>/.well-known/jwks.json} ({@code CLERK_JWKS_URI}). */
        public Builder jwksUri(String uri) {
            return set(ClerkSettings.JWKS_URI, uri);
        }

        /** The PEM public key; verification then needs no network ({@code CLERK_JWT_KEY}). */
        public Builder jwtKey(String pem) {
            return set(ClerkSettings.JWT_KEY, pem);
        }

        /** Allowed {@code azp} origins ({@code CLERK_AUTHORIZED_PARTIES}, comma-separated). */
        public Builder authorizedParties(String... origins) {
            this.authorizedParties = List.of(origins);
            return this;
        }

        /** Backend API base, default {@code https://api.clerk.com} ({@code CLERK_API_URL}). */
        public Builder apiUrl(String url) {
            return set(ClerkSettings.API_URL, url);
        }

        /** Overrides the issuer derived from the publishable key ({@code CLERK_ISSUER}). */
        public Builder issuer(String issuer) {
            return set(ClerkSettings.ISSUER, issuer);
        }

        /** Tolerance for {@code exp}, {@code nbf} and {@code iat} (default 5 s). */
        public Builder clockSkew(Duration skew) {
            Objects.requireNonNull(skew, "skew");
            if (skew.isNegative()) {
                throw new IllegalArgumentException("clockSkew must not be negative");
            }
            this.clockSkew = skew;
            return this;
        }

        /** Accepted audiences, checked when the token has {@code aud}. */
        public Builder audience(String... audiences) {
            this.audiences.addAll(List.of(audiences));
            return this;
        }

        /** Only members of this organization ({@code CLERK_ORGANIZATION_ID}). */
        public Builder organizationId(String id) {
            return set(ClerkSettings.ORGANIZATION_ID, id);
        }

        /** Only members of this organization ({@code CLERK_ORGANIZATION_SLUG}). */
        public Builder organizationSlug(String slug) {
            return set(ClerkSettings.ORGANIZATION_SLUG, slug);
        }

        /** Asked when the token's organization does not match; the default denies. */
        public Builder organizationMembershipCheck(OrganizationMembershipCheck check) {
            this.membershipCheck = Objects.requireNonNull(check, "check");
            return this;
        }

        /** Replaces the default authorization entirely (including the organization restriction). */
        public Builder authorizeUser(BiPredicate<ClerkUser, AuthRequest> authorizeUser) {
            this.authorizeUser = Objects.requireNonNull(authorizeUser, "authorizeUser");
            return this;
        }

        public Builder publicRoutes(List<RoutePattern> patterns) {
            publicRoutes.addAll(patterns);
            return this;
        }

        public Builder protectedRoutes(List<RoutePattern> patterns) {
            protectedRoutes.addAll(patterns);
            return this;
        }

        public Builder rules(List<? extends AuthRule<? super ClerkUser>> rules) {
            this.rules.addAll(rules);
            return this;
        }

        /** Default: the user id. Return null to leave the client's memory resource alone. */
        public Builder mapUserToResourceId(Function<ClerkUser, String> mapper) {
            this.resourceIdMapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /** Minimum time between JWKS refetches caused by unknown kids (default 30 s). */
        public Builder jwksRefetchInterval(Duration interval) {
            this.jwksRefetchInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** Verified-token cache entries (default 10,000; 0 turns the cache off). */
        public Builder verifiedTokenCacheSize(int entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("entries must not be negative");
            }
            this.cacheSize = entries;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The environment to read (default: the process environment). */
        public Builder env(Map<String, String> env) {
            this.env = Map.copyOf(env);
            return this;
        }

        /** Where to look for {@code .env} (default: the working directory). */
        public Builder dotenvDirectory(Path directory) {
            this.dotenvDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** @throws ClerkConfigurationException naming what is missing or malformed */
        public MastraAuthClerk build() {
            ConfigLookup config = new ConfigLookup(explicit, env != null ? env : System.getenv(), dotenvDirectory);
            return new MastraAuthClerk(this, ClerkSettings.resolve(config, authorizedParties));
        }

        private Builder set(String name, String value) {
            explicit.put(name, Objects.requireNonNull(value, name));
            return this;
        }
    }
}
