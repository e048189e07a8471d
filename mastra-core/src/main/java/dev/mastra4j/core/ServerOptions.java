package dev.mastra4j.core;

import dev.mastra4j.auth.AuthConfig;
import dev.mastra4j.auth.AuthRule;
import dev.mastra4j.auth.MastraAuthProvider;
import dev.mastra4j.auth.RoutePattern;
import dev.mastra4j.core.observe.ObservabilityOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How {@link Mastra#start()} serves the API.
 *
 * @param host             interface to bind (env {@code HOST}, default {@code localhost})
 * @param port             port to bind (env {@code PORT}, default 4111; 0 = any free port)
 * @param maxBodyBytes     larger request bodies get 413 (default 1 MiB)
 * @param cors             CORS settings; null = CORS off
 * @param authProvider     null = every route open, as in Mastra
 * @param publicRoutes     extra public patterns
 * @param protectedRoutes  extra protected patterns
 * @param rules            authorization rules, tried in order
 * @param allowApiKeyQuery accept {@code ?apiKey=}; off by default since URLs end up in logs
 * @param shutdownTimeout  how long {@link Mastra#close()} waits for in-flight requests (default 10 s)
 * @param requestTimeout   limit for one agent run started by a request; null = none
 * @param authMeRoute      serve {@code GET /api/auth/me} as Mastra does (default true): the caller's profile from a
 *                         provider that implements {@link dev.mastra4j.auth.UserProfileProvider}, else {@code null};
 *                         false answers 404 there and leaves the user out of {@code GET /api/auth/capabilities}
 * @param maxStreamsPerUser    streams one authenticated user may have open at once (default 16; 0 = no limit); past
 *                             it a stream request gets 429 with {@code Retry-After}. Users are told apart by their
 *                             resource id, else their token's subject, else the user object the provider returned.
 *                             Requests without an authenticated user (auth off, or the route made public) are not
 *                             limited: with no identity, a count per client address would put every client behind
 *                             one proxy into one bucket
 * @param maxStreamBufferBytes bytes of one stream's output the server holds while the client's socket cannot take
 *                             them (default 64 KiB, at least 1 KiB); a larger frame is sent in parts, and the run
 *                             waits for the client meanwhile
 * @param streamWriteTimeout   how long one write to a stream may wait for a client that does not read (default 30 s);
 *                             then the connection is closed and the model call cancelled
 * @param maxConnections   most client connections open at once; more wait in the kernel's accept queue (default:
 *                         the process's open-file limit minus a reserve, see {@link #maxConnectionsFor(long)})
 * @param headerTimeout    a new connection must deliver its request line and headers within this time, and a
 *                         request on a kept-alive connection its headers within this time of its request line;
 *                         otherwise the connection is closed (default 5 s)
 * @param idleTimeout      a kept-alive connection with no new request line for this long is closed (default 60 s)
 * @param maxHeaderBytes   request headers (names, values and line ends, without the request line) larger than this
 *                         get 431 (default 16 KiB, as in Node.js)
 * @param apiRoutes        custom routes ({@link ApiRoute}, Mastra's {@code server.apiRoutes}), in order; none by
 *                         default
 * @param studio           Studio, the chat playground at {@code GET /} with its files under {@code /studio/} (public
 *                         routes; every API call it makes is authenticated as usual); null = off (the default)
 * @param observability    metrics, traces and the Prometheus scrape endpoint ({@link ObservabilityOptions}; set with
 *                         {@link Builder#meterRegistry}, {@link Builder#openTelemetry}, {@link Builder#prometheus})
 *
 * <p>Longer than most classes because it holds every server option, each with its default, its validation and its
 * builder setter in one place (as Mastra's {@code server} config is one object); the server's parts read these
 * values, none of them is computed here beyond defaults and the auth configuration they add up to.
 */
public record ServerOptions(
        String host,
        int port,
        long maxBodyBytes,
        CorsOptions cors,
        MastraAuthProvider<?> authProvider,
        List<RoutePattern> publicRoutes,
        List<RoutePattern> protectedRoutes,
        List<AuthRule<?>> rules,
        boolean allowApiKeyQuery,
        Duration shutdownTimeout,
        Duration requestTimeout,
        boolean authMeRoute,
        int maxStreamsPerUser,
        int maxStreamBufferBytes,
        Duration streamWriteTimeout,
        int maxConnections,
        Duration headerTimeout,
        Duration idleTimeout,
        int maxHeaderBytes,
        List<ApiRoute> apiRoutes,
        StudioOptions studio,
        ObservabilityOptions observability) {

    public static final int DEFAULT_PORT = 4111;
    public static final String DEFAULT_HOST = "localhost";
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_STREAMS_PER_USER = 16;
    public static final int DEFAULT_MAX_STREAM_BUFFER_BYTES = 64 * 1024;
    public static final int MIN_STREAM_BUFFER_BYTES = 1024;
    public static final Duration DEFAULT_STREAM_WRITE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    /** The connection cap when the open-file limit cannot be read (not a Unix-like system). */
    public static final int FALLBACK_MAX_CONNECTIONS = 10_000;
    /** The fewest descriptors kept free for the process's own files and outgoing connections. */
    static final long MIN_FILE_RESERVE = 256;

    public ServerOptions {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        publicRoutes = List.copyOf(publicRoutes);
        protectedRoutes = List.copyOf(protectedRoutes);
        rules = List.copyOf(rules);
        shutdownTimeout = shutdownTimeout == null ? DEFAULT_SHUTDOWN_TIMEOUT : shutdownTimeout;
        if (maxStreamsPerUser < 0) {
            throw new IllegalArgumentException(
                    "maxStreamsPerUser must be 0 (no limit) or more, was " + maxStreamsPerUser);
        }
        if (maxStreamBufferBytes < MIN_STREAM_BUFFER_BYTES) {
            throw new IllegalArgumentException("maxStreamBufferBytes must be at least " + MIN_STREAM_BUFFER_BYTES
                    + ", was " + maxStreamBufferBytes);
        }
        streamWriteTimeout = streamWriteTimeout == null ? DEFAULT_STREAM_WRITE_TIMEOUT : streamWriteTimeout;
        if (streamWriteTimeout.isNegative() || streamWriteTimeout.isZero()) {
            throw new IllegalArgumentException("streamWriteTimeout must be positive");
        }
        if (maxConnections <= 0) {
            throw new IllegalArgumentException("maxConnections must be positive, was " + maxConnections);
        }
        headerTimeout = positive(headerTimeout, DEFAULT_HEADER_TIMEOUT, "headerTimeout");
        idleTimeout = positive(idleTimeout, DEFAULT_IDLE_TIMEOUT, "idleTimeout");
        if (maxHeaderBytes <= 0) {
            throw new IllegalArgumentException("maxHeaderBytes must be positive, was " + maxHeaderBytes);
        }
        apiRoutes = apiRoutes == null ? List.of() : List.copyOf(apiRoutes);
        checkApiRoutes(apiRoutes);
        observability = observability == null ? ObservabilityOptions.DEFAULTS : observability;
    }

    /**
     * The default connection cap for a process that may open {@code openFileLimit} descriptors ({@code ulimit -n}):
     * a quarter of them, and at least 256 (but never more than half), stay free for the JVM's own files, a database,
     * outgoing HTTP calls and logs. With 1,024 that leaves 768 connections; with 65,536, 49,152. Accepting stops at
     * the cap, so a flood of idle connections cannot take the last descriptor, which would make the listener fail.
     */
    public static int maxConnectionsFor(long openFileLimit) {
        if (openFileLimit <= 1) {
            return 1;
        }
        long reserve = Math.max(openFileLimit / 4, Math.min(MIN_FILE_RESERVE, openFileLimit / 2));
        return (int) Math.min(Integer.MAX_VALUE, openFileLimit - reserve);
    }

    /** {@link #maxConnectionsFor(long)} for this process, or {@link #FALLBACK_MAX_CONNECTIONS} when unknown. */
    public static int defaultMaxConnections() {
        OptionalLong limit = OpenFileLimit.current();
        return limit.isPresent() ? maxConnectionsFor(limit.getAsLong()) : FALLBACK_MAX_CONNECTIONS;
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /**
     * Two custom routes that some request could match both: the same path shape and method is refused, and so is an
     * overlap where one is public and the other protected (the auth patterns could not tell them apart). Otherwise
     * the first registered wins, as in Mastra (Hono).
     */
    private static void checkApiRoutes(List<ApiRoute> routes) {
        for (int i = 0; i < routes.size(); i++) {
            for (int j = 0; j < i; j++) {
                ApiRoute earlier = routes.get(j);
                ApiRoute later = routes.get(i);
                if (!earlier.overlaps(later)) {
                    continue;
                }
                if (shape(earlier).equals(shape(later))) {
                    throw new IllegalArgumentException("Custom API route registered twice: " + later.method() + " "
                            + later.path() + " (already " + earlier.method() + " " + earlier.path() + ")");
                }
                if (earlier.requiresAuth() != later.requiresAuth()) {
                    throw new IllegalArgumentException("Custom API routes " + earlier.method() + " " + earlier.path()
                            + " and " + later.method() + " " + later.path() + " can match the same request, but only "
                            + "one of them requires auth");
                }
            }
        }
    }

    /** The path with every parameter as {@code :}: two routes of the same shape match exactly the same paths. */
    private static String shape(ApiRoute route) {
        return String.join(
                "/",
                route.segments().stream().map(s -> s.startsWith(":") ? ":" : s).toList());
    }

    /** Options with the defaults, reading {@code HOST} and {@code PORT} from the process environment. */
    public static Builder builder() {
        return new Builder(System.getenv());
    }

    /** Options with the defaults, reading {@code HOST} and {@code PORT} from {@code env} (for tests). */
    public static Builder builder(Map<String, String> env) {
        return new Builder(env);
    }

    /** The auth settings, present when a provider is set. */
    public Optional<AuthConfig> authConfig() {
        if (authProvider == null) {
            return Optional.empty();
        }
        // Custom routes: a public one is public for its own methods only; a protected one is protected for every
        // method, so that another method on its path is a 401 before the 405, as under /api.
        List<RoutePattern> publicPatterns = new ArrayList<>(publicRoutes);
        List<RoutePattern> protectedPatterns = new ArrayList<>(protectedRoutes);
        if (observability.prometheusPath() != null && observability.prometheusProtected()) {
            protectedPatterns.add(RoutePattern.of(observability.prometheusPath()));
        }
        for (ApiRoute route : apiRoutes) {
            if (route.requiresAuth()) {
                protectedPatterns.add(RoutePattern.of(route.path()));
            } else {
                publicPatterns.add(RoutePattern.of(route.path(), route.methods().toArray(String[]::new)));
            }
        }
        if (studio != null) {
            // The page and its files hold no secrets; what they call under /api is authenticated as usual.
            publicPatterns.add(RoutePattern.of("/", "GET", "HEAD"));
            publicPatterns.add(RoutePattern.of("/studio/*", "GET", "HEAD"));
        }
        return Optional.of(AuthConfig.builder()
                .provider(authProvider)
                .publicRoutes(publicPatterns)
                .protectedRoutes(protectedPatterns)
                .rules(rules)
                .allowApiKeyQuery(allowApiKeyQuery)
                .build());
    }

    public static final class Builder {
        private String host;
        private int port;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private CorsOptions cors;
        private MastraAuthProvider<?> authProvider;
        private final List<RoutePattern> publicRoutes = new ArrayList<>();
        private final List<RoutePattern> protectedRoutes = new ArrayList<>();
        private final List<AuthRule<?>> rules = new ArrayList<>();
        private boolean allowApiKeyQuery;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private Duration requestTimeout;
        private boolean authMeRoute = true;
        private int maxStreamsPerUser = DEFAULT_MAX_STREAMS_PER_USER;
        private int maxStreamBufferBytes = DEFAULT_MAX_STREAM_BUFFER_BYTES;
        private Duration streamWriteTimeout = DEFAULT_STREAM_WRITE_TIMEOUT;
        private int maxConnections;
        private Duration headerTimeout = DEFAULT_HEADER_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private final List<ApiRoute> apiRoutes = new ArrayList<>();
        private StudioOptions studio;
        private MeterRegistry meterRegistry;
        private OpenTelemetry openTelemetry;
        private boolean captureMessageContent;
        private String prometheusPath;
        private boolean prometheusProtected;

        private Builder(Map<String, String> env) {
            Map<String, String> e = env == null ? Map.of() : env;
            String envHost = e.get("HOST");
            host = envHost == null || envHost.isBlank() ? DEFAULT_HOST : envHost.trim();
            String envPort = e.get("PORT");
            port = DEFAULT_PORT;
            if (envPort != null && !envPort.isBlank()) {
                try {
                    port = Integer.parseInt(envPort.trim());
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("PORT must be a number, was '" + envPort + "'");
                }
            }
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder maxBodyBytes(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder cors(CorsOptions cors) {
            this.cors = cors;
            return this;
        }

        /**
         * Turns auth on with {@code provider} (default: none, every route open). The server owns it from then on:
         * {@code Mastra.close()} closes it once the server has stopped.
         */
        public Builder auth(MastraAuthProvider<?> provider) {
            this.authProvider = provider;
            return this;
        }

        public Builder publicRoutes(RoutePattern... patterns) {
            publicRoutes.addAll(List.of(patterns));
            return this;
        }

        public Builder protectedRoutes(RoutePattern... patterns) {
            protectedRoutes.addAll(List.of(patterns));
            return this;
        }

        public Builder rules(AuthRule<?>... rules) {
            this.rules.addAll(List.of(rules));
            return this;
        }

        public Builder allowApiKeyQuery(boolean allow) {
            this.allowApiKeyQuery = allow;
            return this;
        }

        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = timeout;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * Serve {@code GET /api/auth/me} (default true, as Mastra): the signed-in caller's profile, {@code null} when
         * signed out. False: 404, and {@code GET /api/auth/capabilities} never includes the user.
         */
        public Builder authMeRoute(boolean enabled) {
            this.authMeRoute = enabled;
            return this;
        }

        /** Streams one authenticated user may have open at once (default 16; 0 = no limit); then 429. */
        public Builder maxStreamsPerUser(int streams) {
            this.maxStreamsPerUser = streams;
            return this;
        }

        /** Bytes of one stream's output held while its client does not read (default 64 KiB, at least 1 KiB). */
        public Builder maxStreamBufferBytes(int bytes) {
            this.maxStreamBufferBytes = bytes;
            return this;
        }

        /** How long one stream write may wait for its client (default 30 s); then the stream ends. */
        public Builder streamWriteTimeout(Duration timeout) {
            this.streamWriteTimeout = timeout;
            return this;
        }

        /**
         * Most client connections open at once; 0 (the default) means {@link ServerOptions#defaultMaxConnections()},
         * read from the open-file limit when the options are built. Set by hand, keep it below {@code ulimit -n} with
         * room for everything else the process opens.
         */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /** Time for a request line and headers (default 5 s); see {@link ServerOptions#headerTimeout()}. */
        public Builder headerTimeout(Duration timeout) {
            this.headerTimeout = timeout;
            return this;
        }

        /** How long a kept-alive connection may wait for its next request (default 60 s). */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        /** Largest request header block; larger gets 431 (default 16 KiB). */
        public Builder maxHeaderBytes(int maxHeaderBytes) {
            this.maxHeaderBytes = maxHeaderBytes;
            return this;
        }

        /**
         * Adds a protected custom route: Mastra's {@code registerApiRoute(path, {method, handler})}.
         *
         * @see ApiRoute for the path and method rules
         */
        public Builder apiRoute(String path, String method, ApiRouteHandler handler) {
            return apiRoute(ApiRoute.of(path, method, handler));
        }

        /** Adds a custom route, public or protected ({@link ApiRoute#publicRoute}, {@link ApiRoute#of}). */
        public Builder apiRoute(ApiRoute route) {
            apiRoutes.add(Objects.requireNonNull(route, "route"));
            return this;
        }

        /** Turns Studio on ({@link StudioOptions#DEFAULT}) or off (the default). */
        public Builder studio(boolean enabled) {
            this.studio = enabled ? StudioOptions.DEFAULT : null;
            return this;
        }

        /** Turns Studio on with {@code options} (Clerk mode, see {@link StudioOptions}); null turns it off. */
        public Builder studio(StudioOptions options) {
            this.studio = options;
            return this;
        }

        /**
         * Where the server's meters go: request timers, auth failures, JWKS fetches, agent runs, tool calls, GenAI
         * model-call duration and token usage, open streams (names in docs/OPERATIONS.md). Default: Micrometer's
         * global registry ({@code Metrics.globalRegistry}), which records nothing until a registry is added to it.
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = registry;
            return this;
        }

        /**
         * Where spans go: one per request (continuing the caller's W3C {@code traceparent}), agent run, model call
         * and tool call, with GenAI semantic-convention attributes. Default: {@link OpenTelemetry#noop()}, no spans.
         */
        public Builder openTelemetry(OpenTelemetry openTelemetry) {
            this.openTelemetry = openTelemetry;
            return this;
        }

        /** Put prompt and answer text on model-call spans (default false: text may hold personal data). */
        public Builder captureMessageContent(boolean capture) {
            this.captureMessageContent = capture;
            return this;
        }

        /**
         * Serve a Prometheus scrape endpoint at {@value ObservabilityOptions#DEFAULT_PROMETHEUS_PATH} on the Helidon
         * host (default off). Needs {@code io.micrometer:micrometer-registry-prometheus} on the class path.
         */
        public Builder prometheus(boolean enabled) {
            this.prometheusPath = enabled ? ObservabilityOptions.DEFAULT_PROMETHEUS_PATH : null;
            return this;
        }

        /** As {@link #prometheus(boolean) prometheus(true)}, at {@code path} (outside {@code /api}); null = off. */
        public Builder prometheusPath(String path) {
            this.prometheusPath = path;
            return this;
        }

        /**
         * Whether the scrape endpoint needs the same credentials as {@code /api/*} (default false: protect it by
         * network, as Prometheus targets usually are). Has an effect only with an auth provider.
         */
        public Builder prometheusProtected(boolean protect) {
            this.prometheusProtected = protect;
            return this;
        }

        public ServerOptions build() {
            return new ServerOptions(
                    host,
                    port,
                    maxBodyBytes,
                    cors,
                    authProvider,
                    publicRoutes,
                    protectedRoutes,
                    rules,
                    allowApiKeyQuery,
                    shutdownTimeout,
                    requestTimeout,
                    authMeRoute,
                    maxStreamsPerUser,
                    maxStreamBufferBytes,
                    streamWriteTimeout,
                    maxConnections == 0 ? defaultMaxConnections() : maxConnections,
                    headerTimeout,
                    idleTimeout,
                    maxHeaderBytes,
                    apiRoutes,
                    studio,
                    new ObservabilityOptions(
                            meterRegistry, openTelemetry, captureMessageContent, prometheusPath, prometheusProtected));
        }
    }
}
