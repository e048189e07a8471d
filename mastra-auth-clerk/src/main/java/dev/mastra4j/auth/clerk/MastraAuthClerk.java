package dev.mastra4j.auth.clerk;

import dev.mastra4j.auth.AuthObserver;
import dev.mastra4j.auth.AuthProviderOptions;
import dev.mastra4j.auth.AuthReason;
import dev.mastra4j.auth.AuthRequest;
import dev.mastra4j.auth.AuthRule;
import dev.mastra4j.auth.AuthenticationException;
import dev.mastra4j.auth.MastraAuthProvider;
import dev.mastra4j.auth.ResolvedToken;
import dev.mastra4j.auth.UserProfileProvider;
import dev.mastra4j.auth.clerk.backend.ClerkBackendApi;
import dev.mastra4j.auth.clerk.backend.ClerkBackendException;
import dev.mastra4j.auth.clerk.backend.ClerkUserProfile;
import dev.mastra4j.auth.jwt.JwksKeySource;
import dev.mastra4j.auth.jwt.JwtVerifier;
import dev.mastra4j.auth.jwt.VerifiedTokenCache;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clerk authentication for a Mastra server. Session tokens are verified locally and strictly (docs/AUTH.md lists every check and reason):
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
 *
 * <p>This class is a facade: {@link ClerkVerifiers} builds the verifiers, {@link TokenRouter} sends each token to its
 * verifier, {@link ClerkAuthorization} decides access, {@link UserProfiles} answers profile lookups and
 * {@link BackendClients} creates the Backend API client on first use. The file is longer than most because
 * {@link Builder} documents every option (and its environment variable and default) on its setter.
 */
public final class MastraAuthClerk implements MastraAuthProvider<ClerkPrincipal>, UserProfileProvider, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MastraAuthClerk.class);

    private final ClerkSettings settings;
    private final Set<TokenType> accepted;
    private final JwtVerifier verifier;
    private final BackendClients backend;
    private final TokenRouter router;
    private final ClerkAuthorization authorization;
    private final UserProfiles profiles;
    private final AuthProviderOptions<ClerkPrincipal> options;

    private MastraAuthClerk(
            ClerkSettings settings,
            ClerkOptions options,
            AuthProviderOptions<ClerkUser> shared,
            BiPredicate<ClerkUser, AuthRequest> userPredicate,
            ClerkAuthorizer authorizer) {
        this.settings = settings;
        this.accepted = options.accepted();
        this.verifier = ClerkVerifiers.session(settings, options);
        this.backend = new BackendClients(settings, options, verifier.keySource());
        this.router = new TokenRouter(options, verifier, backend);
        this.authorization = new ClerkAuthorization(userPredicate, authorizer, settings, backend);
        this.profiles = new UserProfiles(backend);
        this.options = new AuthProviderOptions<>(
                shared.publicRoutes(),
                shared.protectedRoutes(),
                shared.rules().stream().map(MastraAuthClerk::forPrincipals).toList(),
                new ClerkTokenResolver(settings.publishableKeyText()),
                principal -> switch (principal) {
                    case ClerkUser user -> shared.mapUserToResourceId(user);
                    case MachineIdentity machine -> machine.subject();
                });
    }

    /** A builder; anything not set on it is read from the environment, then from {@code .env}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Everything from the environment and {@code .env}. */
    public static MastraAuthClerk fromEnv() {
        return builder().build();
    }

    /**
     * Session tokens are verified locally and never involve the Backend API. Machine tokens are verified only when
     * their type is accepted and they came in the {@code Authorization} header: the token must equal that header's
     * bearer value, so one taken from a cookie (or a query parameter) is refused. JWT-form machine tokens of a type
     * the server does not accept go through the session checks, which refuse them ({@code token-invalid} for
     * Clerk's M2M {@code cat} or an {@code at+jwt} type, {@code token-type-mismatch} for a machine subject).
     *
     * @throws AuthenticationException {@code token-type-mismatch} for a type the server does not accept or a machine
     *         token outside the {@code Authorization} header; the session reasons of {@link AuthReason} (listed with
     *         their checks in docs/AUTH.md); for machine tokens {@code token-invalid}/{@code token-expired} (401) or
     *         {@code machine-token-verification-unavailable} (503)
     */
    @Override
    public ClerkPrincipal authenticateToken(String token, AuthRequest request) {
        return router.authenticate(token, request);
    }

    @Override
    public void warmUp() {
        verifier.warmUp();
    }

    /** Ready once the session signing keys are loaded (always, with {@code jwtKey}). */
    @Override
    public boolean ready() {
        return verifier.keySource().keysLoaded();
    }

    @Override
    public void observe(AuthObserver observer) {
        verifier.keySource().observe(observer);
    }

    /**
     * A custom {@code authorizeUser} when one is set: the {@link ClerkAuthorizer} form sees every principal; the
     * {@code BiPredicate<ClerkUser, AuthRequest>} form sees session users only and denies machine identities.
     * Otherwise the default: every session user with a {@code sub} and every accepted machine identity; with an
     * organization restriction, see {@link Builder#organizationId}.
     */
    @Override
    public boolean authorizeUser(ClerkPrincipal principal, AuthRequest request) {
        return authorization.authorize(principal, request);
    }

    /**
     * The shared options, with Clerk's token resolver; rules whose conditions see session users only (see
     * {@link Builder}); and a resource id that is, for a session user, the configured mapper's (by default the user
     * id, {@code sub}, so one user's memory threads are out of another's reach) and, for a machine identity, its
     * subject.
     */
    @Override
    public AuthProviderOptions<ClerkPrincipal> options() {
        return options;
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
        return profiles.get(userId);
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
        ResolvedToken token = tokenResolver()
                .resolve(request)
                .orElseThrow(() ->
                        new AuthenticationException(AuthReason.TOKEN_MISSING, "No Clerk credential on the request"));
        return profiles.of(authenticateToken(token.value(), request));
    }

    /** {@link #getCurrentUser}, for the server's {@code GET /api/auth/me}. */
    @Override
    public Object currentUserProfile(AuthRequest request) {
        return getCurrentUser(request);
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
        return backend.get().api();
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
        backend.close();
        verifier.close();
    }

    @Override
    public String toString() {
        return "MastraAuthClerk[issuer=" + settings.issuer() + ", instance="
                + settings.publishableKey().instanceType()
                + ", keySource=" + verifier.keySource() + ", accepts=" + accepted + ", secretKey="
                + ClerkSettings.prefix(settings.secretKey()) + "]";
    }

    /** A rule written for session users: its condition never sees a machine identity, and so never grants one. */
    private static AuthRule<? super ClerkPrincipal> forPrincipals(AuthRule<? super ClerkUser> rule) {
        Predicate<? super ClerkUser> condition = rule.condition();
        if (condition == null) {
            return new AuthRule<ClerkPrincipal>(rule.pattern(), rule.allow(), null);
        }
        return new AuthRule<ClerkPrincipal>(
                rule.pattern(), rule.allow(), principal -> principal instanceof ClerkUser user && condition.test(user));
    }

    /**
     * Options: each setter names its environment variable and default. The shared {@code publicRoutes},
     * {@code protectedRoutes}, {@code rules} and {@code mapUserToResourceId} come from
     * {@link AuthProviderOptions.Builder}. Here rules are written for session users: a rule's condition only ever
     * sees a {@link ClerkUser}, so a conditional rule never grants a machine identity (an unconditional one applies
     * to everyone); authorize machines in {@link #authorizeUser(ClerkAuthorizer)}. {@code mapUserToResourceId} is for
     * session users too (default: the user id; return null to leave the client's memory resource alone); a machine
     * identity's resource id is always its subject.
     */
    public static final class Builder extends AuthProviderOptions.Builder<ClerkUser, Builder> {
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

        private Builder() {
            mapUserToResourceId(ClerkUser::userId);
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
                types.add(TokenType.fromWireName(name)
                        .orElseThrow(() -> new IllegalArgumentException("Unknown token type " + name
                                + "; use session_token, m2m_token, api_key, oauth_token or any")));
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
         * Builds the provider from the options set so far.
         *
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
                LOG.info(
                        "Clerk's Backend API SDK ({}) is not on the class path: session tokens only, and user "
                                + "profiles (GET /api/auth/me) come from the token's claims",
                        BackendSdk.COORDINATES);
            }
            ClerkOptions options = new ClerkOptions(
                    audiences,
                    clockSkew,
                    jwksRefetchInterval,
                    cacheSize,
                    clock,
                    accepted,
                    machineTokenCacheTtl,
                    invalidMachineTokenCacheTtl,
                    machineTokenRateBurst,
                    machineTokenRatePerSecond,
                    profileCacheTtl,
                    breakerFailures,
                    breakerOpenDuration);
            return new MastraAuthClerk(settings, options, options(), userPredicate, authorizer);
        }

        private void requireNoBackendFeature(ClerkSettings settings) {
            Set<TokenType> machines = EnumSet.complementOf(EnumSet.of(TokenType.SESSION_TOKEN));
            machines.retainAll(accepted);
            if (!machines.isEmpty()) {
                throw new ClerkConfigurationException(BackendSdk.missing("Accepting "
                        + machines.stream().map(TokenType::wireName).collect(Collectors.joining(", "))
                        + " (machine tokens are verified by the Clerk Backend API)"));
            }
            boolean restricted = settings.organizationId() != null || settings.organizationSlug() != null;
            if (restricted && authorizer == null && userPredicate == null) {
                String option = settings.organizationId() != null
                        ? "organizationId (" + ClerkSettings.ORGANIZATION_ID + ")"
                        : "organizationSlug (" + ClerkSettings.ORGANIZATION_SLUG + ")";
                throw new ClerkConfigurationException(BackendSdk.missing("The organization restriction " + option
                        + " (it looks up memberships with the Clerk Backend API)"));
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
