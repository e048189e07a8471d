package dev.mastra4j.auth.clerk.backend;

import com.clerk.backend_api.Clerk;
import com.clerk.backend_api.models.components.OrganizationMembership;
import com.clerk.backend_api.models.components.OrganizationMemberships;
import com.clerk.backend_api.models.components.User;
import com.clerk.backend_api.models.errors.ClerkError;
import com.clerk.backend_api.models.operations.ResponseBody1;
import com.clerk.backend_api.models.operations.ResponseBody2;
import com.clerk.backend_api.models.operations.VerifyApiKeyRequestBody;
import com.clerk.backend_api.models.operations.VerifyApiKeyResponseBody;
import com.clerk.backend_api.models.operations.VerifyM2MTokenRequestBody;
import com.clerk.backend_api.models.operations.VerifyM2MTokenResponseBody;
import com.clerk.backend_api.models.operations.VerifyOAuthAccessTokenRequestBody;
import com.clerk.backend_api.models.operations.VerifyOAuthAccessTokenResponseBody;
import com.clerk.backend_api.utils.Options;
import com.clerk.backend_api.utils.RetryConfig;
import com.fasterxml.jackson.core.JacksonException;
import dev.mastra4j.auth.AuthReason;
import dev.mastra4j.auth.AuthenticationException;
import dev.mastra4j.auth.LogSafe;
import dev.mastra4j.auth.clerk.backend.ClerkBackendException.Failure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our thin wrapper around the official Clerk Backend API SDK ({@code com.clerk:backend-api}): user lookups,
 * organization memberships and machine-token verification, with the failure handling an authentication path needs.
 *
 * <ul>
 *   <li>Every call sends {@code Authorization: Bearer <secret key>} (the SDK's bearer security) to
 *       {@code {apiUrl}/v1}.</li>
 *   <li>Connect timeout 2 s, read deadline 5 s for the whole response (both configurable).</li>
 *   <li>GETs are retried with exponential backoff and jitter on 5xx and failed connections (3 attempts by
 *       default); a timeout is not retried, since it already used the request's time budget, and neither is a 429.
 *       POSTs (the verify endpoints) are never retried. The SDK's own retry loop is switched off: by default it
 *       retries for up to an hour.</li>
 *   <li>A 429 pauses every call until its {@code Retry-After} has passed (at most 60 s; 2 s without the header):
 *       calls in the meantime fail at once with {@link ClerkBackendException.Failure#PAUSED}, nothing is sent.</li>
 *   <li>A circuit breaker opens after 5 failures in a row (5xx, timeout, failed connection, unreadable answer) and
 *       then refuses calls at once ({@link ClerkBackendException.Failure#CIRCUIT_OPEN}) for 30 s, until one probe
 *       call succeeds (both configurable).</li>
 *   <li>Errors never contain the secret key, a token or a response body.</li>
 * </ul>
 *
 * <p>Thread-safe; one instance per secret key and API URL. {@link #close()} releases the HTTP client.
 *
 * <p>The retry policy is {@link GetRetries}, the mapping of the SDK's answers to our records {@link SdkModels}, the
 * pause {@link RetryAfterPause} and the breaker {@link CircuitBreaker}. This class stays longer than most because it
 * is the one place that calls the SDK (each call with its own failure handling), so that only it, {@link SdkModels}
 * and {@link TimeoutHttpClient} name the SDK's types and nothing else loads them; and its builder documents every
 * option.
 */
public final class ClerkBackendApi implements AutoCloseable {

    /** Clerk's production Backend API. */
    public static final URI DEFAULT_API_URL = URI.create("https://api.clerk.com");

    static final int MEMBERSHIP_PAGE_SIZE = 100;
    /** A misbehaving server must not keep us paging forever: 100 pages of 100 is far beyond any real user. */
    static final int MAX_MEMBERSHIP_PAGES = 100;

    private static final Logger LOG = LoggerFactory.getLogger(ClerkBackendApi.class);
    private static final String M2M_TOKEN = "M2M token";
    private static final String API_KEY = "API key";
    private static final String OAUTH_TOKEN = "OAuth access token";
    private static final Pattern CLERK_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Optional<Options> SDK_NO_RETRIES =
            Optional.of(Options.builder().retryConfig(RetryConfig.noRetries()).build());

    private final URI apiUrl;
    private final TimeoutHttpClient http;
    private final Clerk sdk;
    private final GetRetries getRetries;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private final RetryAfterPause pause;
    private final WarningThrottle outageWarnings = new WarningThrottle(LOG, 30);

    private ClerkBackendApi(Builder builder) {
        this.apiUrl = builder.apiUrl;
        this.http = new TimeoutHttpClient(builder.connectTimeout, builder.readTimeout);
        this.sdk = Clerk.builder()
                .serverURL(serverUrl(apiUrl))
                .bearerAuth(builder.secretKey)
                .client(http)
                .retryConfig(RetryConfig.noRetries())
                .build();
        this.getRetries = new GetRetries(builder.maxGetAttempts, builder.initialBackoff);
        this.clock = builder.clock;
        this.breaker = new CircuitBreaker(builder.breakerFailures, builder.breakerOpenDuration, clock);
        this.pause = new RetryAfterPause(clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The Backend API base, for example {@code https://api.clerk.com} (the SDK adds {@code /v1}). */
    public URI apiUrl() {
        return apiUrl;
    }

    /**
     * The underlying official SDK client, already configured with the secret key, URL and timeouts, for calls this
     * wrapper does not cover (for example from a custom {@code authorizeUser}). Its calls do not retry, and they
     * bypass this wrapper's circuit breaker and {@code Retry-After} pause.
     */
    public Clerk sdk() {
        return sdk;
    }

    // ---- users ----------------------------------------------------------------------------------------------

    /**
     * {@code GET /v1/users/{userId}}. Empty when the user does not exist (404) or the id cannot be a Clerk id.
     *
     * @throws ClerkBackendException on any other failure
     */
    public Optional<ClerkUserProfile> getUser(String userId) {
        if (!isClerkId(userId)) {
            return Optional.empty();
        }
        try {
            User user = withGetRetries(
                            "user lookup",
                            () -> sdk.users().get(userId, SDK_NO_RETRIES).user())
                    .orElseThrow(() -> invalidResponse("user lookup"));
            return Optional.of(SdkModels.profile(user));
        } catch (ClerkBackendException e) {
            if (e.failure() == Failure.HTTP_STATUS && e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Every organization membership of {@code userId}, following {@code GET /v1/users/{id}/organization_memberships}
     * page by page ({@code limit}/{@code offset}, until {@code total_count} is reached or a page comes back empty).
     * Empty when the user does not exist.
     *
     * @throws ClerkBackendException on any other failure
     */
    public List<OrganizationMembershipInfo> organizationMemberships(String userId) {
        if (!isClerkId(userId)) {
            return List.of();
        }
        List<OrganizationMembershipInfo> all = new ArrayList<>();
        long offset = 0;
        for (int page = 0; page < MAX_MEMBERSHIP_PAGES; page++) {
            long pageOffset = offset;
            OrganizationMemberships result;
            try {
                result = withGetRetries(
                                "organization membership lookup",
                                () -> sdk.users()
                                        .getOrganizationMemberships(
                                                userId,
                                                Optional.of((long) MEMBERSHIP_PAGE_SIZE),
                                                Optional.of(pageOffset),
                                                SDK_NO_RETRIES)
                                        .organizationMemberships())
                        .orElseThrow(() -> invalidResponse("organization membership lookup"));
            } catch (ClerkBackendException e) {
                if (page == 0 && e.failure() == Failure.HTTP_STATUS && e.status() == 404) {
                    return List.of();
                }
                throw e;
            }
            List<OrganizationMembership> data = result.data();
            for (OrganizationMembership membership : data) {
                all.add(SdkModels.membership(membership));
            }
            offset += data.size();
            if (data.isEmpty() || offset >= result.totalCount()) {
                return List.copyOf(all);
            }
        }
        throw new ClerkBackendException(
                "Organization membership lookup did not finish within " + MAX_MEMBERSHIP_PAGES + " pages",
                Failure.INVALID_RESPONSE,
                0);
    }

    // ---- machine tokens -------------------------------------------------------------------------------------

    /**
     * {@code POST /v1/m2m_tokens/verify} with {@code {"token": ...}}.
     *
     * @throws AuthenticationException {@code token-invalid} (401) when Clerk does not know the token (404) or
     *         reports it revoked, {@code token-expired} (401) when it has expired, and
     *         {@code machine-token-verification-unavailable} (503) when Clerk cannot be asked (timeout, 5xx,
     *         refused connection, rejected secret key, unreadable answer)
     */
    public VerifiedMachineToken verifyM2mToken(String token) {
        requireToken(token);
        VerifyM2MTokenResponseBody body = verifyCall(
                M2M_TOKEN,
                () -> sdk.m2m()
                        .verifyToken(
                                VerifyM2MTokenRequestBody.builder().token(token).build(), SDK_NO_RETRIES)
                        .object());
        checkLifecycle(M2M_TOKEN, body.revoked(), body.expired(), body.expiration());
        return SdkModels.m2mToken(body);
    }

    /**
     * {@code POST /v1/api_keys/verify} with {@code {"secret": ...}}. Failures as for {@link #verifyM2mToken}.
     */
    public VerifiedMachineToken verifyApiKey(String secret) {
        requireToken(secret);
        VerifyApiKeyResponseBody body = verifyCall(
                API_KEY,
                () -> sdk.apiKeys()
                        .verifyApiKey(
                                VerifyApiKeyRequestBody.builder().secret(secret).build(), SDK_NO_RETRIES)
                        .object());
        checkLifecycle(API_KEY, body.revoked(), body.expired(), body.expiration());
        return SdkModels.apiKey(body);
    }

    /**
     * {@code POST /v1/oauth_applications/access_tokens/verify} with {@code {"access_token": ...}}. An answer of
     * {@code {"active": false}} means invalid. Other failures as for {@link #verifyM2mToken}.
     */
    public VerifiedMachineToken verifyOAuthToken(String accessToken) {
        requireToken(accessToken);
        VerifyOAuthAccessTokenResponseBody body = verifyCall(
                OAUTH_TOKEN,
                () -> sdk.oauthAccessTokens()
                        .verify(
                                VerifyOAuthAccessTokenRequestBody.builder()
                                        .accessToken(accessToken)
                                        .build(),
                                SDK_NO_RETRIES)
                        .oneOf());
        if (body.value() instanceof ResponseBody1 token) {
            checkLifecycle(OAUTH_TOKEN, token.revoked(), token.expired(), token.expiration());
            return SdkModels.oauthToken(token);
        }
        if (body.value() instanceof ResponseBody2 introspection && !introspection.active()) {
            throw new AuthenticationException(AuthReason.TOKEN_INVALID, "OAuth access token is not active");
        }
        // An "active" answer without the token's details names nobody: refuse rather than guess.
        throw new AuthenticationException(AuthReason.TOKEN_INVALID, "OAuth access token verification named no subject");
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        // Never the secret key.
        return "ClerkBackendApi[" + apiUrl + "]";
    }

    // ---- internals ------------------------------------------------------------------------------------------

    private <T> T verifyCall(String what, Supplier<Optional<T>> call) {
        try {
            return call(what + " verification", call).orElseThrow(() -> invalidResponse(what + " verification"));
        } catch (ClerkBackendException e) {
            if (e.failure() == Failure.HTTP_STATUS && (e.status() == 404 || e.status() == 400 || e.status() == 422)) {
                throw new AuthenticationException(AuthReason.TOKEN_INVALID, what + " is not valid");
            }
            if (e.failure() == Failure.HTTP_STATUS && (e.status() == 401 || e.status() == 403)) {
                outageWarnings.warn(
                        "Clerk Backend API refused the configured secret key ({} during {} "
                                + "verification); check CLERK_SECRET_KEY",
                        e.status(),
                        what);
            } else {
                outageWarnings.warn("{} verification unavailable: {}", what, LogSafe.text(e.getMessage()));
            }
            // The cause tells callers whether anything was sent; it holds no token and no secret.
            throw new AuthenticationException(
                    AuthReason.MACHINE_TOKEN_VERIFICATION_UNAVAILABLE,
                    what + " verification is unavailable right now",
                    503,
                    e);
        }
    }

    private void checkLifecycle(String what, boolean revoked, boolean expired, Optional<Double> expiration) {
        if (revoked) {
            throw new AuthenticationException(AuthReason.TOKEN_INVALID, what + " has been revoked");
        }
        Instant expiresAt = SdkModels.instant(expiration);
        if (expired || (expiresAt != null && !expiresAt.isAfter(clock.instant()))) {
            throw new AuthenticationException(AuthReason.TOKEN_EXPIRED, what + " has expired");
        }
    }

    private <T> T withGetRetries(String operation, Supplier<T> call) {
        return getRetries.run(operation, () -> call(operation, call));
    }

    /**
     * Runs one SDK call unless a {@code Retry-After} pause or the open circuit breaker holds it back, reports the
     * outcome to the breaker, and turns whatever the SDK throws into a {@link ClerkBackendException} that is safe to
     * show.
     */
    private <T> T call(String operation, Supplier<T> call) {
        if (pause.active()) {
            throw new ClerkBackendException(
                    operation + " held back: the Clerk Backend API asked us to wait (429)", Failure.PAUSED, 0);
        }
        if (!breaker.tryAcquire()) {
            throw new ClerkBackendException(
                    operation + " held back: the circuit breaker is open after repeated "
                            + "failures of the Clerk Backend API",
                    Failure.CIRCUIT_OPEN,
                    0);
        }
        ClerkBackendException failure;
        try {
            T result = call.get();
            breaker.onSuccess();
            return result;
        } catch (ClerkError e) {
            int status = e.code();
            failure = status >= 200 && status < 300
                    ? invalidResponse(operation)
                    : new ClerkBackendException(operation + " failed: HTTP " + status, Failure.HTTP_STATUS, status);
            if (status == 429) {
                Duration paused = pause.pauseFor(retryAfter(e));
                outageWarnings.warn(
                        "Clerk Backend API rate limit reached (429 during {}); no calls for {} ms",
                        operation,
                        paused.toMillis());
            }
        } catch (Exception e) {
            // Exception, not RuntimeException: the SDK may throw checked exceptions without declaring them.
            failure = translate(operation, e);
        }
        if (countsAsOutage(failure)) {
            breaker.onFailure();
        } else {
            breaker.onSuccess();
        }
        throw failure;
    }

    /** An answer that says nothing about the request: the breaker counts it; any other HTTP answer shows Clerk is up. */
    private static boolean countsAsOutage(ClerkBackendException e) {
        return e.failure() != Failure.HTTP_STATUS || e.status() >= 500;
    }

    private static String retryAfter(ClerkError error) {
        HttpResponse<?> response = error.rawResponse();
        return response == null
                ? null
                : response.headers().firstValue("Retry-After").orElse(null);
    }

    private static ClerkBackendException translate(String operation, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return new ClerkBackendException(operation + " was interrupted", Failure.IO, 0);
            }
            if (t instanceof HttpConnectTimeoutException
                    || t instanceof ConnectException
                    || t instanceof UnresolvedAddressException) {
                return new ClerkBackendException(
                        operation + " failed: cannot connect to the Clerk Backend API", Failure.CONNECTION, 0);
            }
            if (t instanceof HttpTimeoutException) {
                return new ClerkBackendException(
                        operation + " failed: the Clerk Backend API did not answer in time", Failure.TIMEOUT, 0);
            }
            if (t instanceof JacksonException) {
                return invalidResponse(operation);
            }
            if (t instanceof IOException) {
                return new ClerkBackendException(
                        operation + " failed: " + t.getClass().getSimpleName(), Failure.IO, 0);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return new ClerkBackendException(
                operation + " failed: unexpected " + error.getClass().getSimpleName(), Failure.INVALID_RESPONSE, 0);
    }

    private static ClerkBackendException invalidResponse(String operation) {
        return new ClerkBackendException(
                operation + " failed: the Clerk Backend API answer is not the documented JSON",
                Failure.INVALID_RESPONSE,
                0);
    }

    private static boolean isClerkId(String id) {
        return id != null && CLERK_ID.matcher(id).matches();
    }

    private static void requireToken(String token) {
        if (token == null || token.isBlank() || token.length() > 8 * 1024) {
            throw new AuthenticationException(AuthReason.TOKEN_INVALID, "Token is empty or too long");
        }
    }

    static String serverUrl(URI apiUrl) {
        String base = apiUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base.endsWith("/v1") ? base : base + "/v1";
    }

    /** Options for {@link ClerkBackendApi}. */
    public static final class Builder {
        private URI apiUrl = DEFAULT_API_URL;
        private String secretKey;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(5);
        private int maxGetAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Clock clock = Clock.systemUTC();
        private int breakerFailures = CircuitBreaker.DEFAULT_FAILURE_THRESHOLD;
        private Duration breakerOpenDuration = CircuitBreaker.DEFAULT_OPEN_DURATION;

        private Builder() {}

        /**
         * The Backend API base ({@code CLERK_API_URL}), default {@code https://api.clerk.com}. Must be https, except
         * on a loopback host (127.0.0.1, ::1, localhost), where http is allowed for local stubs.
         */
        public Builder apiUrl(URI apiUrl) {
            this.apiUrl = checkApiUrl(Objects.requireNonNull(apiUrl, "apiUrl"));
            return this;
        }

        public Builder apiUrl(String apiUrl) {
            return apiUrl(URI.create(Objects.requireNonNull(apiUrl, "apiUrl").trim()));
        }

        /** The instance secret key ({@code sk_test_…} or {@code sk_live_…}); required. */
        public Builder secretKey(String secretKey) {
            if (secretKey == null || secretKey.isBlank()) {
                throw new IllegalArgumentException("The Clerk secret key must not be blank");
            }
            if (!secretKey.startsWith("sk_test_") && !secretKey.startsWith("sk_live_")) {
                // Say what it looks like, never what it is.
                throw new IllegalArgumentException("The Clerk secret key must start with sk_test_ or sk_live_"
                        + (secretKey.startsWith("pk_") ? " (a publishable key was given)" : ""));
            }
            this.secretKey = secretKey;
            return this;
        }

        /** Default 2 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** Deadline for a complete response after the request is sent; default 5 s. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        /**
         * Retries of idempotent GETs: at most {@code maxAttempts} tries in all (default 3; 1 = no retry), waiting
         * {@code initialBackoff} (default 200 ms), then twice that, and so on, each ±25 %.
         */
        public Builder getRetries(int maxAttempts, Duration initialBackoff) {
            if (maxAttempts < 1 || maxAttempts > 10) {
                throw new IllegalArgumentException("maxAttempts must be 1..10");
            }
            if (initialBackoff.isNegative()) {
                throw new IllegalArgumentException("initialBackoff must not be negative");
            }
            this.maxGetAttempts = maxAttempts;
            this.initialBackoff = initialBackoff;
            return this;
        }

        /**
         * The circuit breaker: it opens after {@code consecutiveFailures} failures in a row (default 5) and then
         * refuses calls at once for {@code openDuration} (default 30 s), after which one probe call decides.
         */
        public Builder circuitBreaker(int consecutiveFailures, Duration openDuration) {
            if (consecutiveFailures < 1) {
                throw new IllegalArgumentException("consecutiveFailures must be positive");
            }
            this.breakerFailures = consecutiveFailures;
            this.breakerOpenDuration = positive(openDuration, "openDuration");
            return this;
        }

        /**
         * For expiry checks of verified machine tokens, the {@code Retry-After} pause and the circuit breaker;
         * default the system UTC clock.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ClerkBackendApi build() {
            if (secretKey == null) {
                throw new IllegalStateException("The Clerk Backend API needs a secret key (CLERK_SECRET_KEY)");
            }
            return new ClerkBackendApi(this);
        }

        private static URI checkApiUrl(URI uri) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            if (host == null
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("The Clerk API URL must be a plain http(s) URL with a host: " + uri);
            }
            boolean loopback = host.equals("127.0.0.1")
                    || host.equals("[::1]")
                    || host.equals("::1")
                    || host.equalsIgnoreCase("localhost");
            if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
                throw new IllegalArgumentException(
                        "The Clerk API URL must use https (http is allowed only for a loopback host): " + uri);
            }
            return uri;
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return value;
        }
    }
}
