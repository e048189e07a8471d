package dev.mastra4j.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mastra4j.testing.ClerkApiShapes.StubMembership;
import dev.mastra4j.testing.ClerkApiShapes.StubToken;
import dev.mastra4j.testing.ClerkApiShapes.StubUser;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback stand-in for Clerk's Backend API ({@code https://api.clerk.com/v1}), for tests of code that looks up
 * users and memberships or verifies machine tokens. It is a real HTTP server on {@code 127.0.0.1} (random port,
 * JDK {@link HttpServer}, one virtual thread per request) and answers with Clerk's documented JSON shapes, which
 * the official {@code com.clerk:backend-api} SDK parses.
 *
 * <table>
 *   <caption>Endpoints (all under {@link #apiUrl()})</caption>
 *   <tr><td>{@code GET /v1/users/{id}}</td><td>a user added with {@link #addUser}, else 404</td></tr>
 *   <tr><td>{@code GET /v1/users/{id}/organization_memberships}</td><td>paged with {@code limit} (1..500,
 *       default 10) and {@code offset}; {@code {"data": [...], "total_count": n}}</td></tr>
 *   <tr><td>{@code GET /v1/jwks}</td><td>the JWKS JSON from the supplier given at start, else 404</td></tr>
 *   <tr><td>{@code POST /v1/m2m_tokens/verify}</td><td>{@code {"token": ...}}</td></tr>
 *   <tr><td>{@code POST /v1/api_keys/verify}</td><td>{@code {"secret": ...}}</td></tr>
 *   <tr><td>{@code POST /v1/oauth_applications/access_tokens/verify}</td><td>{@code {"access_token": ...}}</td></tr>
 * </table>
 *
 * <p>Every endpoint requires {@code Authorization: Bearer <secretKey>}; otherwise it answers 401 with Clerk's error
 * envelope. An unknown token answers 404, as Clerk does. Faults are injected per path prefix ({@link #fail},
 * {@link #rateLimit}, {@link #delay}, {@link #malformed}); every request is recorded before any check
 * ({@link #requests()}).
 *
 * <p>A path prefix is matched against the request's path followed, when there is a query, by {@code ?} and the raw
 * query, so {@code /v1/users/} matches every user request and
 * {@code /v1/users/u/organization_memberships?limit=100&offset=100} matches only that page. When several fault
 * prefixes match, the longest wins.
 *
 * <p>Longer than most classes because it is a fake of a whole HTTP API: the data a test sets up, the faults it
 * switches on and the dispatcher that answers from both share one state, and every
 * endpoint it imitates, with Clerk's answer shapes ({@link ClerkApiShapes}) and its paging, adds to it. Splitting the
 * data from the dispatcher would only move that shared state behind another object.
 */
public final class LocalClerkBackendApi implements AutoCloseable {

    static final String USERS = "/v1/users/";
    static final String JWKS = "/v1/jwks";
    static final String M2M_VERIFY = "/v1/m2m_tokens/verify";
    static final String API_KEY_VERIFY = "/v1/api_keys/verify";
    static final String OAUTH_VERIFY = "/v1/oauth_applications/access_tokens/verify";
    private static final String MEMBERSHIPS_SUFFIX = "/organization_memberships";
    private static final int MAX_LIMIT = 500;
    private static final int DEFAULT_LIMIT = 10;
    private static final Logger LOG = LoggerFactory.getLogger(LocalClerkBackendApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secretKey;
    private final LoopbackStub server;
    private volatile Supplier<String> jwks;
    private final AtomicLong ids = new AtomicLong();

    private final Map<String, StubUser> users = new ConcurrentHashMap<>();
    private final Map<String, List<StubMembership>> memberships = new ConcurrentHashMap<>();
    private final Map<String, StubToken> m2mTokens = new ConcurrentHashMap<>();
    private final Map<String, StubToken> apiKeys = new ConcurrentHashMap<>();
    private final Map<String, StubToken> oauthTokens = new ConcurrentHashMap<>();

    /**
     * A failure rule: the status, how many more requests it applies to (negative: all of them), and the
     * {@code Retry-After} value to send with it ({@code null}: none).
     */
    private record Failure(int status, AtomicInteger remaining, String retryAfter) {}

    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final List<String> malformed = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();

    private LocalClerkBackendApi(String secretKey, Supplier<String> jwks) {
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
        if (secretKey.isBlank()) {
            throw new IllegalArgumentException("secretKey must not be blank");
        }
        this.jwks = jwks;
        this.server = LoopbackStub.start().route("/", this::handle);
        LOG.debug("Local Clerk Backend API listening on {}", apiUrl());
    }

    /** Starts a stub that accepts {@code Authorization: Bearer <secretKey>} and serves no JWKS. */
    public static LocalClerkBackendApi start(String secretKey) {
        return start(secretKey, null);
    }

    /** Starts a stub whose {@code GET /v1/jwks} answers with {@code jwksJson.get()} (asked on every request). */
    public static LocalClerkBackendApi start(String secretKey, Supplier<String> jwksJson) {
        return new LocalClerkBackendApi(secretKey, jwksJson);
    }

    /** A stub sharing {@code issuer}'s secret key whose {@code /v1/jwks} serves the issuer's current public keys. */
    public static LocalClerkBackendApi forIssuer(LocalClerkIssuer issuer) {
        return start(issuer.secretKey(), () -> issuer.publicJwks().toString());
    }

    /** {@code http://127.0.0.1:<port>}: the value for {@code CLERK_API_URL} (the SDK path {@code /v1} is added by clients). */
    public URI apiUrl() {
        return server.uri();
    }

    public int port() {
        return server.port();
    }

    /** Replaces the JWKS supplier ({@code null}: {@code /v1/jwks} answers 404). */
    public void jwks(Supplier<String> jwksJson) {
        this.jwks = jwksJson;
    }

    // ---- data -----------------------------------------------------------------------------------------------

    /**
     * Adds (or replaces) a user. {@code email} becomes the primary address (a secondary one is listed before it);
     * any argument but {@code id} may be {@code null}.
     */
    public LocalClerkBackendApi addUser(
            String id,
            String email,
            String firstName,
            String lastName,
            String imageUrl,
            Map<String, Object> publicMetadata) {
        requireId(id, "id");
        users.put(
                id,
                new StubUser(
                        id,
                        email,
                        firstName,
                        lastName,
                        imageUrl,
                        publicMetadata == null ? Map.of() : new LinkedHashMap<>(publicMetadata),
                        now()));
        return this;
    }

    /** Adds a membership of {@code userId} in an organization; {@code role} like {@code org:admin}. Order is kept. */
    public LocalClerkBackendApi addMembership(String userId, String orgId, String orgSlug, String role) {
        requireId(userId, "userId");
        requireId(orgId, "orgId");
        requireId(orgSlug, "orgSlug");
        requireId(role, "role");
        memberships
                .computeIfAbsent(userId, k -> new CopyOnWriteArrayList<>())
                .add(new StubMembership("orgmem_" + ids.incrementAndGet(), userId, orgId, orgSlug, role, now()));
        return this;
    }

    /** An M2M token ({@code mt_...}) issued to machine {@code machineId} ({@code mch_...}); valid for an hour. */
    public LocalClerkBackendApi addM2mToken(
            String token, String machineId, List<String> scopes, Map<String, Object> claims) {
        requireId(token, "token");
        requireId(machineId, "machineId");
        m2mTokens.put(
                token,
                new StubToken(
                        "mt_id_" + ids.incrementAndGet(),
                        machineId,
                        null,
                        copy(scopes),
                        claims == null ? null : new LinkedHashMap<>(claims),
                        false,
                        false,
                        now() + 3_600_000L,
                        now()));
        return this;
    }

    /** An API key secret ({@code ak_...}) whose subject is a user ({@code user_...}) or organization ({@code org_...}). */
    public LocalClerkBackendApi addApiKey(
            String secret, String subject, List<String> scopes, Map<String, Object> claims) {
        requireId(secret, "secret");
        requireId(subject, "subject");
        apiKeys.put(
                secret,
                new StubToken(
                        "ak_id_" + ids.incrementAndGet(),
                        subject,
                        null,
                        copy(scopes),
                        claims == null ? null : new LinkedHashMap<>(claims),
                        false,
                        false,
                        null,
                        now()));
        return this;
    }

    /** An OAuth access token ({@code oat_...}) granted by {@code userId} to OAuth client {@code clientId}. */
    public LocalClerkBackendApi addOAuthToken(String token, String userId, String clientId, List<String> scopes) {
        requireId(token, "token");
        requireId(userId, "userId");
        requireId(clientId, "clientId");
        oauthTokens.put(
                token,
                new StubToken(
                        "oat_id_" + ids.incrementAndGet(),
                        userId,
                        clientId,
                        copy(scopes),
                        null,
                        false,
                        false,
                        now() + 3_600_000L,
                        now()));
        return this;
    }

    /** Marks a known machine token, API key or OAuth token revoked: verify still answers 200 with {@code revoked: true}. */
    public void revoke(String token) {
        m2mTokens.computeIfPresent(token, (k, t) -> t.revoke());
        apiKeys.computeIfPresent(token, (k, t) -> t.revoke());
        oauthTokens.computeIfPresent(token, (k, t) -> t.revoke());
    }

    /** Marks a known machine token expired: verify answers 200 with {@code expired: true} and a past expiration. */
    public void expire(String token) {
        long now = now();
        m2mTokens.computeIfPresent(token, (k, t) -> t.expire(now));
        apiKeys.computeIfPresent(token, (k, t) -> t.expire(now));
        oauthTokens.computeIfPresent(token, (k, t) -> t.expire(now));
    }

    // ---- faults ---------------------------------------------------------------------------------------------

    /** Requests whose path starts with {@code pathPrefix} answer {@code status} with Clerk's error envelope. */
    public void fail(String pathPrefix, int status) {
        fail(pathPrefix, status, -1);
    }

    /**
     * The next {@code times} requests whose path starts with {@code pathPrefix} answer {@code status}; later ones are
     * answered normally (a transient outage, for retry tests). A negative {@code times} means all of them.
     */
    public void fail(String pathPrefix, int status, int times) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("A failure status is 4xx or 5xx");
        }
        failures.put(
                Objects.requireNonNull(pathPrefix, "pathPrefix"), new Failure(status, new AtomicInteger(times), null));
    }

    /**
     * The next {@code times} requests whose path starts with {@code pathPrefix} answer 429 with Clerk's
     * {@code too_many_requests} envelope and {@code Retry-After: retryAfter} (no such header when {@code null}), as
     * Clerk does when an instance's rate limit is reached. A negative {@code times} means all of them.
     */
    public void rateLimit(String pathPrefix, int times, String retryAfter) {
        if (retryAfter != null && (retryAfter.isBlank() || retryAfter.chars().anyMatch(c -> c < 0x20 || c > 0x7e))) {
            throw new IllegalArgumentException("retryAfter must be printable ASCII");
        }
        failures.put(
                Objects.requireNonNull(pathPrefix, "pathPrefix"),
                new Failure(429, new AtomicInteger(times), retryAfter));
    }

    /** Requests whose path starts with {@code pathPrefix} wait {@code delay} before anything is answered. */
    public void delay(String pathPrefix, Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        delays.put(Objects.requireNonNull(pathPrefix, "pathPrefix"), delay);
    }

    /** Requests whose path starts with {@code pathPrefix} get {@code 200 application/json} with a truncated body. */
    public void malformed(String pathPrefix) {
        malformed.add(Objects.requireNonNull(pathPrefix, "pathPrefix"));
    }

    public void clearFaults() {
        failures.clear();
        delays.clear();
        malformed.clear();
    }

    // ---- recording ------------------------------------------------------------------------------------------

    /** Every request received since start or {@link #reset()}, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(recorded);
    }

    /** How many recorded requests match {@code pathPrefix} (see {@link #fail} for how prefixes match). */
    public int count(String pathPrefix) {
        int n = 0;
        for (RecordedRequest request : recorded) {
            if (request.target().startsWith(pathPrefix)) {
                n++;
            }
        }
        return n;
    }

    /** Forgets the recorded requests (data and faults stay). */
    public void reset() {
        recorded.clear();
    }

    @Override
    public void close() {
        // Also interrupts handlers sleeping in a delay instead of waiting them out.
        server.close();
    }

    @Override
    public String toString() {
        // Never the secret key.
        return "LocalClerkBackendApi[" + apiUrl() + "]";
    }

    // ---- HTTP -----------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            recorded.add(new RecordedRequest(method, path, query == null ? "" : query, headers(exchange), body));

            String target = query == null ? path : path + "?" + query;
            Duration delay = matching(delays, target);
            if (delay != null && !delay.isZero()) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            Failure rule = matching(failures, target);
            int failure = rule == null ? 0 : consume(rule);
            if (failure != 0) {
                if (rule.retryAfter() != null) {
                    exchange.getResponseHeaders().set("Retry-After", rule.retryAfter());
                }
                String code = failure >= 500
                        ? "internal_clerk_error"
                        : failure == 429 ? "too_many_requests" : "request_failed";
                sendJson(
                        exchange,
                        failure,
                        ClerkApiShapes.error(
                                code, "Injected failure", "The local Backend API was told to fail this path"));
                return;
            }
            if (!authorized(exchange)) {
                sendJson(
                        exchange,
                        401,
                        ClerkApiShapes.error(
                                "authentication_invalid",
                                "Invalid authentication",
                                "The request is missing a valid Authorization: Bearer <secret key> header"));
                return;
            }
            for (String prefix : malformed) {
                if (target.startsWith(prefix)) {
                    LoopbackStub.sendJson(exchange, 200, "{\"id\": \"user_trunc");
                    return;
                }
            }
            route(exchange, method, path, query, body);
        } catch (IOException e) {
            // The client went away (for example it timed out); nothing to answer.
            LOG.trace("Backend API client disconnected: {}", e.getClass().getSimpleName());
        }
    }

    private void route(HttpExchange exchange, String method, String path, String query, String body)
            throws IOException {
        if (path.equals(JWKS)) {
            if (!requireMethod(exchange, method, "GET")) {
                return;
            }
            Supplier<String> source = jwks;
            if (source == null) {
                notFound(exchange, "No JWKS is configured on this stub");
            } else {
                LoopbackStub.sendJson(exchange, 200, source.get());
            }
        } else if (path.equals(M2M_VERIFY)) {
            verify(exchange, method, body, "token", m2mTokens, ClerkApiShapes::m2mToken);
        } else if (path.equals(API_KEY_VERIFY)) {
            verify(exchange, method, body, "secret", apiKeys, ClerkApiShapes::apiKey);
        } else if (path.equals(OAUTH_VERIFY)) {
            verify(exchange, method, body, "access_token", oauthTokens, ClerkApiShapes::oauthToken);
        } else if (path.startsWith(USERS) && path.endsWith(MEMBERSHIPS_SUFFIX)) {
            if (requireMethod(exchange, method, "GET")) {
                String userId = path.substring(USERS.length(), path.length() - MEMBERSHIPS_SUFFIX.length());
                memberships(exchange, userId, query);
            }
        } else if (path.startsWith(USERS) && path.indexOf('/', USERS.length()) < 0 && path.length() > USERS.length()) {
            if (requireMethod(exchange, method, "GET")) {
                StubUser user = users.get(path.substring(USERS.length()));
                if (user == null) {
                    notFound(exchange, "User not found");
                } else {
                    sendJson(exchange, 200, ClerkApiShapes.user(user));
                }
            }
        } else {
            notFound(exchange, "No such endpoint on the local Backend API");
        }
    }

    private void memberships(HttpExchange exchange, String userId, String query) throws IOException {
        if (!users.containsKey(userId) && !memberships.containsKey(userId)) {
            notFound(exchange, "User not found");
            return;
        }
        Map<String, String> params = parseQuery(query);
        int limit;
        int offset;
        try {
            limit = params.containsKey("limit") ? Integer.parseInt(params.get("limit")) : DEFAULT_LIMIT;
            offset = params.containsKey("offset") ? Integer.parseInt(params.get("offset")) : 0;
        } catch (NumberFormatException e) {
            unprocessable(exchange, "limit and offset must be integers");
            return;
        }
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            unprocessable(exchange, "limit must be 1.." + MAX_LIMIT + " and offset must not be negative");
            return;
        }
        List<StubMembership> all = memberships.getOrDefault(userId, List.of());
        StubUser user = users.get(userId);
        List<Map<String, Object>> page = new ArrayList<>();
        for (int i = offset; i < Math.min(all.size(), offset + limit); i++) {
            page.add(ClerkApiShapes.membership(all.get(i), user));
        }
        sendJson(exchange, 200, ClerkApiShapes.memberships(page, all.size()));
    }

    private void verify(
            HttpExchange exchange,
            String method,
            String body,
            String field,
            Map<String, StubToken> store,
            Function<StubToken, Map<String, Object>> shape)
            throws IOException {
        if (!requireMethod(exchange, method, "POST")) {
            return;
        }
        String credential;
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode value = json == null ? null : json.get(field);
            credential = value != null && value.isTextual() ? value.asText() : null;
        } catch (JsonProcessingException e) {
            credential = null;
        }
        if (credential == null || credential.isEmpty()) {
            sendJson(
                    exchange,
                    400,
                    ClerkApiShapes.error(
                            "form_param_missing",
                            field + " must be included",
                            "The request body must be a JSON object with a string field '" + field + "'"));
            return;
        }
        StubToken token = store.get(credential);
        if (token == null) {
            notFound(exchange, "Token not found");
        } else {
            sendJson(exchange, 200, shape.apply(token));
        }
    }

    private boolean authorized(HttpExchange exchange) {
        List<String> values = exchange.getRequestHeaders().get("Authorization");
        if (values == null || values.size() != 1) {
            return false;
        }
        byte[] expected = ("Bearer " + secretKey).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, values.get(0).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean requireMethod(HttpExchange exchange, String method, String allowed) throws IOException {
        if (allowed.equals(method)) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", allowed);
        sendJson(
                exchange,
                405,
                ClerkApiShapes.error("method_not_allowed", "Method not allowed", method + " is not allowed here"));
        return false;
    }

    private static void notFound(HttpExchange exchange, String longMessage) throws IOException {
        sendJson(exchange, 404, ClerkApiShapes.error("resource_not_found", "not found", longMessage));
    }

    private static void unprocessable(HttpExchange exchange, String longMessage) throws IOException {
        sendJson(exchange, 422, ClerkApiShapes.error("form_param_value_invalid", "is invalid", longMessage));
    }

    private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        LoopbackStub.sendJson(exchange, status, JSON.writeValueAsString(body));
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return headers;
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    /** The status to fail with, or 0 when a counted rule is used up. */
    private static int consume(Failure rule) {
        int left = rule.remaining().getAndUpdate(n -> n > 0 ? n - 1 : n);
        return left == 0 ? 0 : rule.status();
    }

    private static <V> V matching(Map<String, V> byPrefix, String path) {
        String best = null;
        for (String prefix : byPrefix.keySet()) {
            if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : byPrefix.get(best);
    }

    private static List<String> copy(List<String> scopes) {
        return scopes == null ? List.of() : List.copyOf(scopes);
    }

    private static void requireId(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
