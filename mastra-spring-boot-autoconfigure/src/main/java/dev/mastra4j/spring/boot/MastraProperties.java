package dev.mastra4j.spring.boot;

import dev.mastra4j.core.ServerOptions;
import dev.mastra4j.core.observe.ObservabilityOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code mastra.*} properties. Server settings map onto {@link dev.mastra4j.core.ServerOptions}, the Clerk ones
 * onto {@link dev.mastra4j.auth.clerk.MastraAuthClerk}'s builder (each unset property falls back to the
 * {@code CLERK_*} environment variable of the same meaning, then {@code .env}, as the builder does).
 */
@ConfigurationProperties("mastra")
public class MastraProperties {

    private final Server server = new Server();
    private final Storage storage = new Storage();
    private final Auth auth = new Auth();
    /**
     * How long a run suspended for a tool approval waits for a decision (default one day); after that, approving or
     * declining it answers 410. {@code Mastra.builder().approvalTimeout(...)}.
     */
    private Duration approvalTimeout = Duration.ofDays(1);

    public Duration getApprovalTimeout() {
        return approvalTimeout;
    }

    public void setApprovalTimeout(Duration approvalTimeout) {
        this.approvalTimeout = approvalTimeout;
    }

    public Server getServer() {
        return server;
    }

    public Storage getStorage() {
        return storage;
    }

    public Auth getAuth() {
        return auth;
    }

    /** {@code mastra.server.*}: where and how the Mastra API is served. */
    public static class Server {
        /** Whether the Mastra API is served at all (on the application's port, or standalone). */
        private boolean enabled = true;
        /**
         * Serve the API with mastra4j's own Helidon server on {@link #port} instead of on the application's port
         * (default false).
         */
        private boolean standalone;
        /** The standalone server's host (default: {@code HOST}, else localhost). */
        private String host;
        /** The standalone server's port (default: {@code PORT}, else 4111; 0 = any free port). */
        private Integer port;
        /**
         * A prefix in front of Mastra's paths on the application's port, for example {@code /mastra} serves
         * {@code /mastra/api/agents} (default none: {@code /api/**} and {@code /health}).
         */
        private String basePath = "";
        /**
         * On the application's port: whether every path under {@code /api} is Mastra's (true, the default: unknown
         * ones get Mastra's 401/404 answers), or only the paths Mastra routes, leaving the rest to the application.
         */
        private boolean ownsApiPaths = true;
        /** The largest request body accepted (default 1MB); larger ones get 413. */
        private DataSize maxBodySize = DataSize.ofMegabytes(1);
        /** How long a stop waits for requests in flight (default 10s). */
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        /** Open streams per user (default 16); more get 429. */
        private int maxStreamsPerUser = 16;
        /** How long one stream write may stall before the stream is ended (default 30s). */
        private Duration streamWriteTimeout = Duration.ofSeconds(30);
        /** Whether {@code GET /api/auth/me} is served (default true, as Mastra). */
        private boolean authMeRoute = true;
        /** Whether {@code ?apiKey=} is accepted as a credential (default false). */
        private boolean allowApiKeyQuery;
        /**
         * Studio, the chat playground at {@code GET /} with its files under {@code /studio/} (default false). With
         * Clerk auth and a publishable key it signs in with Clerk ({@code CLERK_JS_URL} replaces ClerkJS's address),
         * otherwise it asks for a token.
         */
        private boolean studio;
        /** Limit for one agent run started by a request (default none). */
        private Duration requestTimeout;
        /** Output of one stream held while the client does not read (default 64KB, at least 1KB). */
        private DataSize maxStreamBufferSize = DataSize.ofBytes(ServerOptions.DEFAULT_MAX_STREAM_BUFFER_BYTES);
        /** Whether prompt and answer text go on model-call spans (default false: text may hold personal data). */
        private boolean captureMessageContent;
        /**
         * Extra public routes, each {@code /path}, {@code /prefix/*} or {@code /path/:param}, optionally after the
         * methods it is public for ({@code GET /api/agents}, {@code GET,POST /api/custom/*}).
         */
        private List<String> publicRoutes = new ArrayList<>();
        /** Extra protected routes, in the form of {@link #publicRoutes}. */
        private List<String> protectedRoutes = new ArrayList<>();
        /** Standalone server only: most client connections open at once (default: from the open-file limit). */
        private Integer maxConnections;
        /** Standalone server only: time for a request line and headers to arrive (default 5s). */
        private Duration headerTimeout = ServerOptions.DEFAULT_HEADER_TIMEOUT;
        /** Standalone server only: how long a kept-alive connection may stay idle (default 60s). */
        private Duration idleTimeout = ServerOptions.DEFAULT_IDLE_TIMEOUT;
        /**
         * Standalone server only: larger request headers get 431 (default 16KB). On the application's port,
         * {@code server.max-http-request-header-size} applies (the starter makes its default 16KB too).
         */
        private DataSize maxHeaderSize = DataSize.ofBytes(ServerOptions.DEFAULT_MAX_HEADER_BYTES);

        private final Cors cors = new Cors();
        private final Prometheus prometheus = new Prometheus();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isStandalone() {
            return standalone;
        }

        public void setStandalone(boolean standalone) {
            this.standalone = standalone;
        }

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public Integer getPort() {
            return port;
        }

        public void setPort(Integer port) {
            this.port = port;
        }

        public String getBasePath() {
            return basePath;
        }

        public void setBasePath(String basePath) {
            this.basePath = basePath;
        }

        public boolean isOwnsApiPaths() {
            return ownsApiPaths;
        }

        public void setOwnsApiPaths(boolean ownsApiPaths) {
            this.ownsApiPaths = ownsApiPaths;
        }

        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }

        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        public int getMaxStreamsPerUser() {
            return maxStreamsPerUser;
        }

        public void setMaxStreamsPerUser(int maxStreamsPerUser) {
            this.maxStreamsPerUser = maxStreamsPerUser;
        }

        public Duration getStreamWriteTimeout() {
            return streamWriteTimeout;
        }

        public void setStreamWriteTimeout(Duration streamWriteTimeout) {
            this.streamWriteTimeout = streamWriteTimeout;
        }

        public boolean isAuthMeRoute() {
            return authMeRoute;
        }

        public void setAuthMeRoute(boolean authMeRoute) {
            this.authMeRoute = authMeRoute;
        }

        public boolean isAllowApiKeyQuery() {
            return allowApiKeyQuery;
        }

        public void setAllowApiKeyQuery(boolean allowApiKeyQuery) {
            this.allowApiKeyQuery = allowApiKeyQuery;
        }

        public boolean isStudio() {
            return studio;
        }

        public void setStudio(boolean studio) {
            this.studio = studio;
        }

        public Duration getRequestTimeout() {
            return requestTimeout;
        }

        public void setRequestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
        }

        public DataSize getMaxStreamBufferSize() {
            return maxStreamBufferSize;
        }

        public void setMaxStreamBufferSize(DataSize maxStreamBufferSize) {
            this.maxStreamBufferSize = maxStreamBufferSize;
        }

        public boolean isCaptureMessageContent() {
            return captureMessageContent;
        }

        public void setCaptureMessageContent(boolean captureMessageContent) {
            this.captureMessageContent = captureMessageContent;
        }

        public List<String> getPublicRoutes() {
            return publicRoutes;
        }

        public void setPublicRoutes(List<String> publicRoutes) {
            this.publicRoutes = publicRoutes;
        }

        public List<String> getProtectedRoutes() {
            return protectedRoutes;
        }

        public void setProtectedRoutes(List<String> protectedRoutes) {
            this.protectedRoutes = protectedRoutes;
        }

        public Integer getMaxConnections() {
            return maxConnections;
        }

        public void setMaxConnections(Integer maxConnections) {
            this.maxConnections = maxConnections;
        }

        public Duration getHeaderTimeout() {
            return headerTimeout;
        }

        public void setHeaderTimeout(Duration headerTimeout) {
            this.headerTimeout = headerTimeout;
        }

        public Duration getIdleTimeout() {
            return idleTimeout;
        }

        public void setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        public DataSize getMaxHeaderSize() {
            return maxHeaderSize;
        }

        public void setMaxHeaderSize(DataSize maxHeaderSize) {
            this.maxHeaderSize = maxHeaderSize;
        }

        public Cors getCors() {
            return cors;
        }

        public Prometheus getPrometheus() {
            return prometheus;
        }
    }

    /**
     * {@code mastra.server.prometheus.*}: the standalone server's own Prometheus scrape endpoint (needs
     * micrometer-registry-prometheus). On the application's port use Actuator's {@code /actuator/prometheus}.
     */
    public static class Prometheus {
        /** Whether the standalone server serves the scrape endpoint (default false). */
        private boolean enabled;
        /** Where, outside {@code /api} (default {@code /metrics}). */
        private String path = ObservabilityOptions.DEFAULT_PROMETHEUS_PATH;
        /** Whether it needs the same credentials as {@code /api/*} (default false: protect it by network). */
        private boolean protect;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public boolean isProtect() {
            return protect;
        }

        public void setProtect(boolean protect) {
            this.protect = protect;
        }
    }

    /** {@code mastra.server.cors.*}: CORS for the Mastra API; off unless {@code allowed-origins} is set. */
    public static class Cors {
        /** Exact origins, or {@code *}; empty = CORS off. */
        private List<String> allowedOrigins = new ArrayList<>();
        /** Methods answered in preflight (default GET, POST, PUT, DELETE, OPTIONS). */
        private List<String> allowedMethods = new ArrayList<>();
        /** Extra request headers (Authorization and Content-Type are always allowed). */
        private List<String> allowedHeaders = new ArrayList<>();
        /** Whether credentials are allowed; needs an explicit origin list. */
        private boolean allowCredentials;
        /** How long a browser may cache a preflight answer (default: not sent). */
        private Duration maxAge;

        public List<String> getAllowedOrigins() {
            return allowedOrigins;
        }

        public void setAllowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
        }

        public List<String> getAllowedMethods() {
            return allowedMethods;
        }

        public void setAllowedMethods(List<String> allowedMethods) {
            this.allowedMethods = allowedMethods;
        }

        public List<String> getAllowedHeaders() {
            return allowedHeaders;
        }

        public void setAllowedHeaders(List<String> allowedHeaders) {
            this.allowedHeaders = allowedHeaders;
        }

        public boolean isAllowCredentials() {
            return allowCredentials;
        }

        public void setAllowCredentials(boolean allowCredentials) {
            this.allowCredentials = allowCredentials;
        }

        public Duration getMaxAge() {
            return maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }
    }

    /** {@code mastra.storage.*}: the Mastra instance's memory store. */
    public static class Storage {
        /**
         * {@code file:<path>} or {@code jdbc:sqlite:<path>} (needs mastra-libsql), {@code postgresql://...} or
         * {@code jdbc:postgresql:...} (needs mastra-pg), or {@code :memory:}; unset = no store (unless the
         * application defines a {@code MemoryStorage} bean).
         */
        private String url;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }
    }

    /** {@code mastra.auth.*}. */
    public static class Auth {
        private final Clerk clerk = new Clerk();

        public Clerk getClerk() {
            return clerk;
        }
    }

    /**
     * {@code mastra.auth.clerk.*}: MastraAuthClerk's builder. Clerk auth is on when any of these or of the
     * {@code CLERK_PUBLISHABLE_KEY}, {@code CLERK_SECRET_KEY}, {@code CLERK_JWKS_URI}, {@code CLERK_JWT_KEY}
     * variables is set.
     */
    public static class Clerk {
        /** Whether Clerk auth is configured from these properties and {@code CLERK_*} (default true). */
        private boolean enabled = true;

        /** {@code pk_test_...} or {@code pk_live_...} (default: {@code CLERK_PUBLISHABLE_KEY}). */
        private String publishableKey;
        /** {@code sk_test_...} or {@code sk_live_...} (default: {@code CLERK_SECRET_KEY}); a secret, never logged. */
        private String secretKey;
        /**
         * The Frontend API JWKS, {@code https://<fapi>/.well-known/jwks.json} (default: {@code CLERK_JWKS_URI}, else
         * the Backend API's JWKS, fetched with the secret key).
         */
        private String jwksUri;
        /** The PEM public key; verification then needs no network (default: {@code CLERK_JWT_KEY}). */
        private String jwtKey;
        /** Allowed {@code azp} origins of session tokens (default: {@code CLERK_AUTHORIZED_PARTIES}). */
        private List<String> authorizedParties = new ArrayList<>();
        /** The Backend API's base URL (default: {@code CLERK_API_URL}, else {@code https://api.clerk.com}). */
        private String apiUrl;
        /**
         * Admit only members of this organization, {@code org_...} (default: {@code CLERK_ORGANIZATION_ID}, else
         * anyone the token admits).
         */
        private String organizationId;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPublishableKey() {
            return publishableKey;
        }

        public void setPublishableKey(String publishableKey) {
            this.publishableKey = publishableKey;
        }

        public String getSecretKey() {
            return secretKey;
        }

        public void setSecretKey(String secretKey) {
            this.secretKey = secretKey;
        }

        public String getJwksUri() {
            return jwksUri;
        }

        public void setJwksUri(String jwksUri) {
            this.jwksUri = jwksUri;
        }

        public String getJwtKey() {
            return jwtKey;
        }

        public void setJwtKey(String jwtKey) {
            this.jwtKey = jwtKey;
        }

        public List<String> getAuthorizedParties() {
            return authorizedParties;
        }

        public void setAuthorizedParties(List<String> authorizedParties) {
            this.authorizedParties = authorizedParties;
        }

        public String getApiUrl() {
            return apiUrl;
        }

        public void setApiUrl(String apiUrl) {
            this.apiUrl = apiUrl;
        }

        public String getOrganizationId() {
            return organizationId;
        }

        public void setOrganizationId(String organizationId) {
            this.organizationId = organizationId;
        }

        @Override
        public String toString() {
            // Never the keys.
            return "Clerk[enabled=" + enabled + ", jwksUri=" + jwksUri + ", apiUrl=" + apiUrl + "]";
        }
    }
}
