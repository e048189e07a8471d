package dev.mastra4j.auth.clerk;

import dev.mastra4j.auth.AuthRequest;
import dev.mastra4j.auth.AuthRule;
import dev.mastra4j.auth.AuthReason;
import dev.mastra4j.auth.AuthenticationException;
import dev.mastra4j.auth.LogSafe;
import dev.mastra4j.auth.MastraAuthProvider;
import dev.mastra4j.auth.ResolvedToken;
import dev.mastra4j.auth.RoutePattern;
import dev.mastra4j.auth.TokenResolver;
import dev.mastra4j.auth.UserProfileProvider;
import dev.mastra4j.auth.clerk.backend.BackendOrganizationCheck;
import dev.mastra4j.auth.clerk.backend.ClerkBackendApi;
import dev.mastra4j.auth.clerk.backend.ClerkBackendException;
import dev.mastra4j.auth.clerk.backend.ClerkUserProfile;
import dev.mastra4j.auth.clerk.backend.MachineTokenVerifier;
import dev.mastra4j.auth.clerk.backend.UserProfileCache;
import dev.mastra4j.auth.jwt.ClaimValidator;
import dev.mastra4j.auth.jwt.HeaderValidator;
import dev.mastra4j.auth.jwt.JwksKeySource;
import dev.mastra4j.auth.jwt.JwtClaims;
import dev.mastra4j.auth.jwt.JwtKeySource;
import dev.mastra4j.auth.jwt.JwtVerifier;
import dev.mastra4j.auth.jwt.VerifiedTokenCache;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clerk authentication for a Mastra server. Session tokens are verified locally and strictly (see CLERK-TOKENS.md):
 * the check order and reasons of Clerk's SDK, plus issuer, authorized-party and duplicate-key checks it lacks. Keys
 * come from {@code jwtKey} (no network), else {@code jwksUri}, else the Backend API JWKS with the secret key; each
 * instance has its own key cache, and verified tokens are cached until they expire.
 *
 * <pre>{@code
 * MastraAuthClerk clerk = MastraAuthClerk.fromEnv();   // CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY, ...
 * }</pre>
 *
 * <p>The secret key also reaches Clerk's Backend API ({@code apiUrl}, 2 s connect and 5 s read timeout; the client
 * is created on first use, see {@link #backendApi()}) for:
 * <ul>
 *   <li>user profiles: {@link #getUser}, {@link #getCurrentUser} (also behind {@link #currentUserProfile}, for
 *       {@code GET /api/auth/me}), cached 60 s per user;</li>
 *   <li>the organization restriction ({@code organizationId}/{@code organizationSlug}) when the token's own
 *       organization claims do not match: the user's memberships, cached 60 s; any failure denies (403);</li>
 *   <li>machine tokens, opt-in with {@link Builder#acceptsToken(String...)}: opaque M2M tokens ({@code mt_}), API
 *       keys ({@code ak_}) and OAuth access tokens ({@code oat_}) are verified by the Backend API (positive answers
 *       cached 10 s, Clerk's "invalid" 30 s, unknown tokens rate-limited per client address), JWT-form M2M and
 *       OAuth tokens locally with the session keys. Machine tokens count only in the {@code Authorization} header.
 *       A Backend API outage gives 503 {@code machine-token-verification-unavailable} for them and never touches
 *       session tokens.</li>
 * </ul>
 *
 * <p>These features use Clerk's Backend API SDK, {@code com.clerk:backend-api}, an optional dependency of this
 * module (it brings BouncyCastle and jjwt along): declare it (version from mastra-bom) to use them. Session
 * tokens are verified without it, and no SDK class is loaded until a Backend API feature is used. Without it,
 * {@link Builder#build()} refuses a configuration that needs it (an accepted machine-token type, the organization
 * restriction, {@link Builder#authorizeUser(ClerkAuthorizer)}) with a {@link ClerkConfigurationException} naming the
 * dependency; {@link #getUser} and {@link #backendApi()} throw an {@link IllegalStateException} naming it; and
 * {@link #getCurrentUser} (so {@code GET /api/auth/me}) answers from the session token's claims, as it does when the
 * Backend API fails.
 *
 * <p>The client honours Clerk's {@code Retry-After} (no call until it has passed, no inline retry of a 429) and has a
 * circuit breaker (open after 5 failures in a row, 30 s), so a failing or rate-limiting Clerk costs a request a
 * map lookup, not a timeout.
 *
 * <p>The principal is a {@link ClerkPrincipal}: a {@link ClerkUser} for a session, a {@link MachineIdentity} for a
 * machine token.
 */
public final class MastraAuthClerk implements MastraAuthProvider<ClerkPrincipal>, UserProfileProvider, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MastraAuthClerk.class);
    private static final Duration BACKEND_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration BACKEND_READ_TIMEOUT = Duration.ofSeconds(5);
    private static final long PROFILE_WARNING_INTERVAL_NANOS = Duration.ofSeconds(30).toNanos();

    /** The Backend API parts, created together on first use so that a server using only sessions never builds them. */
    private record Backend(ClerkBackendApi api, MachineTokenVerifier machines, BackendOrganizationCheck organizations,
                           UserProfileCache profiles) {
    }

    private final ClerkSettings settings;
    private final JwtVerifier verifier;
    private final VerifiedTokenCache<ClerkUser> cache;
    private final TokenResolver tokenResolver;
    private final Set<TokenType> accepted;
    /** Whether JWTs must be looked into to tell a machine JWT from a session token (only when one is accepted). */
    private final boolean acceptsMachineJwts;
    private final Duration machineTokenCacheTtl;
    private final Duration invalidMachineTokenCacheTtl;
    private final int machineTokenRateBurst;
    private final double machineTokenRatePerSecond;
    private final Duration profileCacheTtl;
    private final int breakerFailures;
    private final Duration breakerOpenDuration;
    private final Duration clockSkew;
    private final Clock clock;
    private final BiPredicate<ClerkUser, AuthRequest> userPredicate;
    private final ClerkAuthorizer authorizer;
    private final Function<ClerkUser, String> resourceIdMapper;
    private final List<RoutePattern> publicRoutes;
    private final List<RoutePattern> protectedRoutes;
    private final List<AuthRule<? super ClerkPrincipal>> rules;
    private final Object backendLock = new Object();
    private volatile Backend backend;
    private volatile boolean closed;
    private final AtomicLong lastProfileWarning = new AtomicLong(System.nanoTime() - Long.MAX_VALUE / 2);

    private MastraAuthClerk(Builder b, ClerkSettings settings) {
        this.settings = settings;
        this.verifier = JwtVerifier.builder()
                .keySource(keySource(settings, b))
                .clock(b.clock)
                // As Clerk's SDKs: no category (tokens minted before categories), the session one, or the neutral one.
                // JWT-template ("cl_B7d4PD222AAA"), M2M and any other category are not session tokens.
                .headerValidator(HeaderValidator.absentOrOneOf("cat",
                        Set.of(TokenType.SESSION_JWT_CATEGORY, TokenType.IGNORED_JWT_CATEGORY)))
                .claimValidator(ClaimValidator.subject())
                .claimValidator(MastraAuthClerk::subjectMustBeAPerson)
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
        this.accepted = Collections.unmodifiableSet(EnumSet.copyOf(b.accepted));
        this.acceptsMachineJwts = accepted.contains(TokenType.M2M_TOKEN) || accepted.contains(TokenType.OAUTH_TOKEN);
        this.machineTokenCacheTtl = b.machineTokenCacheTtl;
        this.invalidMachineTokenCacheTtl = b.invalidMachineTokenCacheTtl;
        this.machineTokenRateBurst = b.machineTokenRateBurst;
        this.machineTokenRatePerSecond = b.machineTokenRatePerSecond;
        this.profileCacheTtl = b.profileCacheTtl;
        this.breakerFailures = b.breakerFailures;
        this.breakerOpenDuration = b.breakerOpenDuration;
        this.clockSkew = b.clockSkew;
        this.clock = b.clock;
        this.userPredicate = b.userPredicate;
        this.authorizer = b.authorizer;
        this.resourceIdMapper = b.resourceIdMapper;
        this.publicRoutes = List.copyOf(b.publicRoutes);
        this.protectedRoutes = List.copyOf(b.protectedRoutes);
        this.rules = b.rules.stream().<AuthRule<? super ClerkPrincipal>>map(MastraAuthClerk::forPrincipals).toList();
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
            throw new AuthenticationException(AuthReason.SESSION_PENDING, "The session has not finished signing in");
        }
    }

    /** A correctly signed M2M JWT without Clerk's {@code cat} header is still a machine, never a session. */
    private static void subjectMustBeAPerson(JwtClaims claims, Instant now) {
        if (claims.subject() != null && claims.subject().startsWith("mch_")) {
            throw new AuthenticationException(AuthReason.TOKEN_TYPE_MISMATCH, "A machine token is not a session token");
        }
    }

    /**
     * Session tokens are verified locally and never involve the Backend API. Machine tokens are verified only when
     * their type is accepted and they came in the {@code Authorization} header: the token must equal that header's
     * bearer value, so one taken from a cookie (or a query parameter) is refused. JWT-form machine tokens of a type
     * the server does not accept go through the session checks, which refuse them ({@code token-invalid} for
     * Clerk's M2M {@code cat} or an {@code at+jwt} type, {@code token-type-mismatch} for a machine subject).
     *
     * @throws AuthenticationException {@code token-type-mismatch} for a type the server does not accept or a machine
     *         token outside the {@code Authorization} header; the session reasons of CLERK-TOKENS.md; for machine
     *         tokens {@code token-invalid}/{@code token-expired} (401) or {@code machine-token-verification-unavailable}
     *         (503)
     */
    @Override
    public ClerkPrincipal authenticateToken(String token, AuthRequest request) {
        if (token == null || token.isEmpty()) {
            throw new AuthenticationException(AuthReason.TOKEN_INVALID, "Token is empty");
        }
        TokenType type = acceptsMachineJwts ? TokenType.of(token) : TokenType.byPrefix(token);
        boolean machine = type != TokenType.SESSION_TOKEN && (type.isOpaque(token) || accepted.contains(type));
        if (!machine) {
            if (!accepted.contains(TokenType.SESSION_TOKEN)) {
                throw new AuthenticationException(AuthReason.TOKEN_TYPE_MISMATCH, "This server does not accept session tokens");
            }
            return cache.get(token, verifier, jwt -> ClerkUser.fromClaims(jwt.claims().asMap()));
        }
        if (!accepted.contains(type)) {
            throw new AuthenticationException(AuthReason.TOKEN_TYPE_MISMATCH,
                    "This server does not accept " + type.wireName() + " credentials");
        }
        if (!inAuthorizationHeader(token, request)) {
            throw new AuthenticationException(AuthReason.TOKEN_TYPE_MISMATCH,
                    "Machine tokens are accepted only in the Authorization header");
        }
        return backend().machines().verify(token, request.remoteAddress().orElse(null));
    }

    private static boolean inAuthorizationHeader(String token, AuthRequest request) {
        if (request == null) {
            return false;
        }
        try {
            return TokenResolver.bearer().resolve(request).map(found -> found.value().equals(token)).orElse(false);
        } catch (AuthenticationException e) {
            return false;
        }
    }

    @Override
    public void warmUp() {
        verifier.warmUp();
    }

    /**
     * A custom {@code authorizeUser} when one is set: the {@link ClerkAuthorizer} form sees every principal; the
     * {@code BiPredicate<ClerkUser, AuthRequest>} form sees session users only and denies machine identities.
     * Otherwise the default: every session user with a {@code sub} and every accepted machine identity; with an
     * organization restriction, see {@link Builder#organizationId}.
     */
    @Override
    public boolean authorizeUser(ClerkPrincipal principal, AuthRequest request) {
        if (principal == null) {
            return false;
        }
        if (authorizer != null) {
            try {
                return authorizer.authorize(principal, request, backendApi());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("authorizeUser failed with " + e.getClass().getName(), e);
            }
        }
        if (userPredicate != null) {
            return principal instanceof ClerkUser user && userPredicate.test(user, request);
        }
        return defaultAuthorization(principal);
    }

    private boolean defaultAuthorization(ClerkPrincipal principal) {
        String orgId = settings.organizationId();
        String orgSlug = settings.organizationSlug();
        boolean restricted = orgId != null || orgSlug != null;
        return switch (principal) {
            case ClerkUser user -> {
                if (user.userId() == null || user.userId().isEmpty()) {
                    yield false;
                }
                if (!restricted || (orgId != null ? orgId.equals(user.orgId()) : orgSlug.equals(user.orgSlug()))) {
                    yield true;
                }
                yield isMember(user.userId(), orgId, orgSlug);
            }
            case MachineIdentity machine -> {
                if (!restricted) {
                    yield true;
                }
                // The restriction is about people: a credential acting for a user needs that user to be a member, an
                // organization's API key must be that organization, and a bare machine names neither.
                String subject = machine.subject();
                if (subject.startsWith("org_")) {
                    yield subject.equals(orgId);
                }
                yield subject.startsWith("user_") && isMember(subject, orgId, orgSlug);
            }
        };
    }

    private boolean isMember(String userId, String orgId, String orgSlug) {
        try {
            return backend().organizations().isMember(userId, orgId, orgSlug);
        } catch (RuntimeException e) {
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

    /** The configured rules; their conditions see session users only (see {@link Builder#rules}). */
    @Override
    public List<AuthRule<? super ClerkPrincipal>> rules() {
        return rules;
    }

    /**
     * For a session user, the configured mapper (by default the user id, {@code sub}), so one user's memory threads
     * are out of another's reach; for a machine identity, its subject.
     */
    @Override
    public String mapUserToResourceId(ClerkPrincipal principal) {
        return switch (principal) {
            case ClerkUser user -> resourceIdMapper.apply(user);
            case MachineIdentity machine -> machine.subject();
        };
    }

    // ---- users ----------------------------------------------------------------------------------------------

    /**
     * The profile of {@code userId} from the Backend API ({@code GET /v1/users/{id}}); empty when there is no such
     * user. Answers are cached per user for {@link Builder#profileCacheTtl} (default 60 s).
     *
     * @throws ClerkBackendException when the Backend API cannot answer (its message never holds the secret key)
     * @throws IllegalStateException without {@code com.clerk:backend-api} on the class path, naming it
     */
    public Optional<ClerkUserProfile> getUser(String userId) {
        return backend().profiles().get(userId);
    }

    /**
     * The profile of whoever made {@code request}. The credential is found and verified exactly as for a protected
     * route (same accepted types, same reasons); authorization is not applied. For a session user the profile comes
     * from the Backend API, or, when that fails or does not know the user, from the token's claims. For a machine
     * identity it holds only the subject: a machine credential is not shown a person's details. Without
     * {@code com.clerk:backend-api} on the class path a session user's profile always comes from the token's claims.
     *
     * @throws AuthenticationException {@code token-missing} (401) without a credential, else as
     *         {@link #authenticateToken}
     */
    public ClerkUserProfile getCurrentUser(AuthRequest request) {
        Objects.requireNonNull(request, "request");
        ResolvedToken token = tokenResolver.resolve(request).orElseThrow(
                () -> new AuthenticationException(AuthReason.TOKEN_MISSING, "No Clerk credential on the request"));
        return switch (authenticateToken(token.value(), request)) {
            case ClerkUser user -> profileOf(user);
            case MachineIdentity machine -> new ClerkUserProfile(machine.subject(), null, null, null, Map.of());
        };
    }

    /** {@link #getCurrentUser}, for the server's {@code GET /api/auth/me}. */
    @Override
    public Object currentUserProfile(AuthRequest request) {
        return getCurrentUser(request);
    }

    private ClerkUserProfile profileOf(ClerkUser user) {
        if (!BackendSdk.present()) {
            return ClerkUserProfile.fromClaims(user.claims());
        }
        try {
            Optional<ClerkUserProfile> found = getUser(user.userId());
            if (found.isPresent()) {
                return found.get();
            }
            LOG.debug("The Backend API does not know user {}; answering from the token's claims",
                    LogSafe.text(user.userId()));
        } catch (RuntimeException e) {
            String what = LogSafe.text(e instanceof ClerkBackendException ? e.getMessage() : e.getClass().getSimpleName());
            long now = System.nanoTime();
            long last = lastProfileWarning.get();
            if (now - last >= PROFILE_WARNING_INTERVAL_NANOS && lastProfileWarning.compareAndSet(last, now)) {
                LOG.warn("User profile lookup failed ({}); answering from the token's claims", what);
            } else {
                LOG.debug("User profile lookup failed ({}); answering from the token's claims", what);
            }
        }
        return ClerkUserProfile.fromClaims(user.claims());
    }

    // ---- accessors ------------------------------------------------------------------------------------------

    /**
     * The Backend API client for this instance's secret key and {@code apiUrl}, created on first use and closed with
     * this provider. For calls of your own, for example from a {@link ClerkAuthorizer}.
     *
     * @throws IllegalStateException after {@link #close()}, or without {@code com.clerk:backend-api} on the class path
     *         (naming it)
     */
    public ClerkBackendApi backendApi() {
        return backend().api();
    }

    /** The credential types this server accepts (by default only {@link TokenType#SESSION_TOKEN}). */
    public Set<TokenType> acceptedTokenTypes() {
        return accepted;
    }

    /** The expected {@code iss}. */
    public String issuer() {
        return settings.issuer();
    }

    public PublishableKey publishableKey() {
        return settings.publishableKey();
    }

    /** Stops the key source's background refresh and releases the Backend API client. */
    @Override
    public void close() {
        Backend created;
        synchronized (backendLock) {
            closed = true;
            created = backend;
        }
        verifier.close();
        if (created != null) {
            created.api().close();
        }
    }

    @Override
    public String toString() {
        return "MastraAuthClerk[issuer=" + settings.issuer() + ", instance=" + settings.publishableKey().instanceType()
                + ", keySource=" + verifier.keySource() + ", accepts=" + accepted + ", secretKey="
                + ClerkSettings.prefix(settings.secretKey()) + "]";
    }

    private Backend backend() {
        Backend created = backend;
        if (created != null && !closed) {
            return created;
        }
        if (!BackendSdk.present()) {
            throw new IllegalStateException(BackendSdk.missing("The Clerk Backend API client"));
        }
        synchronized (backendLock) {
            if (closed) {
                throw new IllegalStateException("This MastraAuthClerk is closed");
            }
            if (backend == null) {
                backend = createBackend();
            }
            return backend;
        }
    }

    private Backend createBackend() {
        ClerkBackendApi api = ClerkBackendApi.builder()
                .apiUrl(settings.apiUrl())
                .secretKey(settings.secretKey())
                .connectTimeout(BACKEND_CONNECT_TIMEOUT)
                .readTimeout(BACKEND_READ_TIMEOUT)
                .circuitBreaker(breakerFailures, breakerOpenDuration)
                .clock(clock)
                .build();
        // Same keys as sessions, so no second JWKS cache; no audience or azp check: an M2M JWT's aud lists the
        // machines it may call and an OAuth token's azp is its client.
        JwtVerifier machineJwts = JwtVerifier.builder()
                .keySource(verifier.keySource())
                .clock(clock)
                .types("JWT", "at+jwt", "application/at+jwt")
                .claimValidator(ClaimValidator.subject())
                .claimValidator(ClaimValidator.expiry(clockSkew))
                .claimValidator(ClaimValidator.notBefore(clockSkew))
                .claimValidator(ClaimValidator.issuedAt(clockSkew))
                .claimValidator(ClaimValidator.issuer(settings.issuer()))
                .build();
        MachineTokenVerifier machines = MachineTokenVerifier.builder(api)
                .accepts(accepted)
                .cacheTtl(machineTokenCacheTtl)
                .invalidTokenCacheTtl(invalidMachineTokenCacheTtl)
                .rateLimit(machineTokenRateBurst, machineTokenRatePerSecond)
                .clock(clock)
                .jwtVerifier(machineJwts)
                .build();
        BackendOrganizationCheck organizations = BackendOrganizationCheck.builder(api).clock(clock).build();
        UserProfileCache profiles = UserProfileCache.builder(api).ttl(profileCacheTtl).clock(clock).build();
        return new Backend(api, machines, organizations, profiles);
    }

    /** A rule written for session users: its condition never sees a machine identity, and so never grants one. */
    private static AuthRule<ClerkPrincipal> forPrincipals(AuthRule<? super ClerkUser> rule) {
        Predicate<? super ClerkUser> condition = rule.condition();
        if (condition == null) {
            return new AuthRule<>(rule.pattern(), rule.allow(), null);
        }
        return new AuthRule<>(rule.pattern(), rule.allow(),
                principal -> principal instanceof ClerkUser user && condition.test(user));
    }

    /** Options; see CLERK-TOKENS.md for each one's environment variable. */
    public static final class Builder {
        private final Map<String, String> explicit = new HashMap<>();
        private List<String> authorizedParties;
        private final List<String> audiences = new ArrayList<>();
        private Duration clockSkew = Duration.ofSeconds(5);
        private Duration jwksRefetchInterval = JwksKeySource.DEFAULT_REFETCH_INTERVAL;
        private int cacheSize = VerifiedTokenCache.DEFAULT_MAX_ENTRIES;
        private Clock clock = Clock.systemUTC();
        private Map<String, String> env;
        private Path dotenvDirectory = Path.of("");
        private BiPredicate<ClerkUser, AuthRequest> userPredicate;
        private ClerkAuthorizer authorizer;
        private final Set<TokenType> accepted = EnumSet.of(TokenType.SESSION_TOKEN);
        private Duration machineTokenCacheTtl = Duration.ofSeconds(10);
        private Duration invalidMachineTokenCacheTtl = Duration.ofSeconds(30);
        private int machineTokenRateBurst = 20;
        private double machineTokenRatePerSecond = 10;
        private Duration profileCacheTtl = Duration.ofSeconds(60);
        private int breakerFailures = 5;
        private Duration breakerOpenDuration = Duration.ofSeconds(30);
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

        /**
         * Only members of this organization ({@code CLERK_ORGANIZATION_ID}). A session user passes when the token's
         * active organization is this one, else when the Backend API lists a membership (cached 60 s; any error or
         * timeout denies, 403). A machine identity acting for a user ({@code user_…}: a user's API key, an OAuth
         * token) needs that user's membership; an organization's API key ({@code org_…}) must be this organization;
         * an M2M token names no person and is denied — admit machines with a {@link ClerkAuthorizer}. Needs
         * {@code com.clerk:backend-api} on the class path (see {@link #build()}).
         */
        public Builder organizationId(String id) {
            return set(ClerkSettings.ORGANIZATION_ID, id);
        }

        /**
         * Only members of the organization with this slug ({@code CLERK_ORGANIZATION_SLUG}); as
         * {@link #organizationId}, except that an organization's own API key never passes (it names the id only).
         */
        public Builder organizationSlug(String slug) {
            return set(ClerkSettings.ORGANIZATION_SLUG, slug);
        }

        /**
         * Replaces the default authorization entirely (including the organization restriction), for session users:
         * machine identities are denied. Use {@link #authorizeUser(ClerkAuthorizer)} to decide for them too.
         */
        public Builder authorizeUser(BiPredicate<ClerkUser, AuthRequest> authorizeUser) {
            this.userPredicate = Objects.requireNonNull(authorizeUser, "authorizeUser");
            this.authorizer = null;
            return this;
        }

        /**
         * Replaces the default authorization entirely (including the organization restriction) with a decision
         * that sees every principal and can call the Backend API:
         * {@code authorizeUser((principal, request, clerk) -> ...)}. Needs {@code com.clerk:backend-api} on the class
         * path (see {@link #build()}); {@link #authorizeUser(BiPredicate)} does not.
         */
        public Builder authorizeUser(ClerkAuthorizer authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
            this.userPredicate = null;
            return this;
        }

        /**
         * The accepted credential types by Clerk's names, replacing the default ({@code session_token} only):
         * {@code session_token}, {@code m2m_token}, {@code api_key}, {@code oauth_token}, or {@code any}. Keep
         * {@code session_token} in the list to go on accepting signed-in users. Machine-token types need
         * {@code com.clerk:backend-api} on the class path (see {@link #build()}).
         */
        public Builder acceptsToken(String... wireNames) {
            Set<TokenType> types = EnumSet.noneOf(TokenType.class);
            for (String name : Objects.requireNonNull(wireNames, "wireNames")) {
                if (name != null && name.strip().equalsIgnoreCase("any")) {
                    types.addAll(EnumSet.allOf(TokenType.class));
                    continue;
                }
                types.add(TokenType.fromWireName(name).orElseThrow(() -> new IllegalArgumentException(
                        "Unknown token type " + name + "; use session_token, m2m_token, api_key, oauth_token or any")));
            }
            return acceptsToken(types.toArray(TokenType[]::new));
        }

        /** The accepted credential types, replacing the default ({@link TokenType#SESSION_TOKEN} only). */
        public Builder acceptsToken(TokenType... types) {
            if (types == null || types.length == 0) {
                throw new IllegalArgumentException("At least one token type must be accepted");
            }
            accepted.clear();
            for (TokenType type : types) {
                accepted.add(Objects.requireNonNull(type, "type"));
            }
            return this;
        }

        /**
         * How long a Backend API verification of an opaque machine token is reused (default 10 s, never past the
         * token's expiry; zero asks Clerk every time). Revocations take effect within this window.
         */
        public Builder machineTokenCacheTtl(Duration ttl) {
            if (ttl == null || ttl.isNegative()) {
                throw new IllegalArgumentException("machineTokenCacheTtl must not be negative");
            }
            this.machineTokenCacheTtl = ttl;
            return this;
        }

        /**
         * How long an opaque machine token that Clerk called invalid, revoked or expired is refused without asking
         * again (default 30 s, as Clerk's JavaScript SDK does for OAuth tokens; zero asks every time).
         */
        public Builder invalidMachineTokenCacheTtl(Duration ttl) {
            if (ttl == null || ttl.isNegative()) {
                throw new IllegalArgumentException("invalidMachineTokenCacheTtl must not be negative");
            }
            this.invalidMachineTokenCacheTtl = ttl;
            return this;
        }

        /**
         * Backend API verifications of opaque machine tokens that one client address (the connection's peer) may
         * start: {@code burst} at once, then {@code perSecond} a second (default 20 and 10, as Clerk's JavaScript
         * SDK). A token that turns out valid gives its permit back, so only tokens Clerk rejects or cannot check
         * use up the budget; over it, 429 {@code machine-token-rate-limited}. Cached answers cost nothing.
         */
        public Builder machineTokenRateLimit(int burst, double perSecond) {
            if (burst < 1 || !(perSecond > 0) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("burst must be at least 1 and perSecond positive");
            }
            this.machineTokenRateBurst = burst;
            this.machineTokenRatePerSecond = perSecond;
            return this;
        }

        /**
         * How long a user profile from the Backend API ({@link #getUser}, {@code GET /api/auth/me}) is reused
         * (default 60 s, the lifetime of a Clerk session token; zero asks every time).
         */
        public Builder profileCacheTtl(Duration ttl) {
            if (ttl == null || ttl.isNegative()) {
                throw new IllegalArgumentException("profileCacheTtl must not be negative");
            }
            this.profileCacheTtl = ttl;
            return this;
        }

        /**
         * The Backend API client's circuit breaker: open after {@code consecutiveFailures} failures in a row (5xx,
         * timeout, failed connection; default 5), then every call is refused at once for {@code openDuration}
         * (default 30 s) until one probe call succeeds. While it is open, machine tokens not in the cache get 503,
         * {@code /api/auth/me} answers from the token's claims and the organization check denies.
         */
        public Builder backendCircuitBreaker(int consecutiveFailures, Duration openDuration) {
            if (consecutiveFailures < 1 || openDuration == null || openDuration.isNegative() || openDuration.isZero()) {
                throw new IllegalArgumentException("consecutiveFailures and openDuration must be positive");
            }
            this.breakerFailures = consecutiveFailures;
            this.breakerOpenDuration = openDuration;
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

        /**
         * Rules tried after {@code authorizeUser}. They are written for session users: a rule's condition only ever
         * sees a {@link ClerkUser}, so a conditional rule never grants a machine identity (an unconditional one
         * applies to everyone). Authorize machines in {@link #authorizeUser(ClerkAuthorizer)}.
         */
        public Builder rules(List<? extends AuthRule<? super ClerkUser>> rules) {
            this.rules.addAll(rules);
            return this;
        }

        /**
         * For session users; default: the user id. Return null to leave the client's memory resource alone. A
         * machine identity's resource id is always its subject.
         */
        public Builder mapUserToResourceId(Function<ClerkUser, String> mapper) {
            this.resourceIdMapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /**
         * Minimum time between the starts of two JWKS fetches (default 2 s): it bounds the fetch rate under a flood
         * of unknown kids, and a token with an unknown kid waits at most this long plus one fetch for its refetch.
         */
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

        /**
         * @throws ClerkConfigurationException naming what is missing or malformed, or, without
         *         {@code com.clerk:backend-api} on the class path, naming that dependency when the configuration needs
         *         the Backend API: a machine-token type in {@link #acceptsToken}, the organization restriction
         *         (unless a custom {@code authorizeUser} replaces it), or {@link #authorizeUser(ClerkAuthorizer)}
         */
        public MastraAuthClerk build() {
            ConfigLookup config = new ConfigLookup(explicit, env != null ? env : System.getenv(), dotenvDirectory);
            ClerkSettings settings = ClerkSettings.resolve(config, authorizedParties);
            if (!BackendSdk.present()) {
                requireNoBackendFeature(settings);
                LOG.info("Clerk's Backend API SDK ({}) is not on the class path: session tokens only, and user "
                        + "profiles (GET /api/auth/me) come from the token's claims", BackendSdk.COORDINATES);
            }
            return new MastraAuthClerk(this, settings);
        }

        private void requireNoBackendFeature(ClerkSettings settings) {
            Set<TokenType> machines = EnumSet.complementOf(EnumSet.of(TokenType.SESSION_TOKEN));
            machines.retainAll(accepted);
            if (!machines.isEmpty()) {
                throw new ClerkConfigurationException(BackendSdk.missing("Accepting " + machines.stream()
                        .map(TokenType::wireName).collect(Collectors.joining(", "))
                        + " (machine tokens are verified by the Clerk Backend API)"));
            }
            boolean restricted = settings.organizationId() != null || settings.organizationSlug() != null;
            if (restricted && authorizer == null && userPredicate == null) {
                String option = settings.organizationId() != null ? "organizationId (" + ClerkSettings.ORGANIZATION_ID
                        + ")" : "organizationSlug (" + ClerkSettings.ORGANIZATION_SLUG + ")";
                throw new ClerkConfigurationException(BackendSdk.missing("The organization restriction "
                        + option + " (it looks up memberships with the Clerk Backend API)"));
            }
            if (authorizer != null) {
                throw new ClerkConfigurationException(BackendSdk.missing("authorizeUser(ClerkAuthorizer) (it hands the "
                        + "authorizer the Clerk Backend API client; authorizeUser(BiPredicate) does not)"));
            }
        }

        private Builder set(String name, String value) {
            explicit.put(name, Objects.requireNonNull(value, name));
            return this;
        }
    }
}
