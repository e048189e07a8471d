package dev.mastra4j.spring.boot;

import dev.mastra4j.auth.MastraAuthProvider;
import dev.mastra4j.auth.RoutePattern;
import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.CorsOptions;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.ServerOptions;
import dev.mastra4j.core.StudioOptions;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.storage.MemoryStorage;
import dev.mastra4j.core.tool.Tool;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * The {@link Mastra} bean: every {@link Agent} and {@link Tool} bean, the {@link MemoryStorage} bean (or
 * {@code mastra.storage.url}), the {@link MastraAuthProvider} bean (or Clerk from {@code mastra.auth.clerk.*} and
 * {@code CLERK_*}), server options from {@code mastra.server.*} and then each {@link MastraServerCustomizer}. An
 * application that defines its own {@code Mastra} bean replaces it whole.
 */
@AutoConfiguration
@EnableConfigurationProperties(MastraProperties.class)
public class MastraAutoConfiguration {

    /** Clerk auth, when any Clerk key property or {@code CLERK_*} variable is set; the explicit properties win. */
    @Bean
    @ConditionalOnMissingBean(MastraAuthProvider.class)
    @Conditional(ClerkEnvironment.Configured.class)
    public MastraAuthClerk mastraAuthClerk(MastraProperties properties, Environment environment) {
        MastraProperties.Clerk clerk = properties.getAuth().getClerk();
        MastraAuthClerk.Builder builder = MastraAuthClerk.builder().env(ClerkEnvironment.variables(environment));
        if (clerk.getPublishableKey() != null) {
            builder.publishableKey(clerk.getPublishableKey());
        }
        if (clerk.getSecretKey() != null) {
            builder.secretKey(clerk.getSecretKey());
        }
        if (clerk.getJwksUri() != null) {
            builder.jwksUri(clerk.getJwksUri());
        }
        if (clerk.getJwtKey() != null) {
            builder.jwtKey(clerk.getJwtKey());
        }
        if (!clerk.getAuthorizedParties().isEmpty()) {
            builder.authorizedParties(clerk.getAuthorizedParties().toArray(String[]::new));
        }
        if (clerk.getApiUrl() != null) {
            builder.apiUrl(clerk.getApiUrl());
        }
        if (clerk.getOrganizationId() != null) {
            builder.organizationId(clerk.getOrganizationId());
        }
        return builder.build();
    }

    /** The store of {@code mastra.storage.url}. */
    @Bean
    @ConditionalOnMissingBean(MemoryStorage.class)
    @ConditionalOnProperty("mastra.storage.url")
    public MemoryStorage mastraStorage(MastraProperties properties) {
        return MastraStorageUrls.open(properties.getStorage().getUrl());
    }

    @Bean
    @ConditionalOnMissingBean(Mastra.class)
    public Mastra mastra(
            MastraProperties properties,
            Environment environment,
            ObjectProvider<Agent> agents,
            ObjectProvider<Tool> tools,
            ObjectProvider<MemoryStorage> storage,
            ObjectProvider<MastraAuthProvider<?>> auth,
            ObjectProvider<MastraServerCustomizer> customizers,
            ObjectProvider<MeterRegistry> meters,
            ObjectProvider<OpenTelemetry> openTelemetry) {
        Mastra.Builder mastra = Mastra.builder().approvalTimeout(properties.getApprovalTimeout());
        agents.orderedStream().forEach(mastra::agent);
        tools.orderedStream().forEach(mastra::tool);
        storage.ifAvailable(mastra::storage);
        ServerOptions.Builder server = serverOptions(properties.getServer(), environment);
        MastraAuthProvider<?> provider = auth.getIfAvailable();
        if (provider != null) {
            server.auth(provider);
        }
        if (properties.getServer().isStudio()) {
            server.studio(studioOptions(provider, properties.getAuth().getClerk(), environment));
        }
        meters.ifAvailable(server::meterRegistry);
        openTelemetry.ifAvailable(server::openTelemetry);
        customizers.orderedStream().forEach(customizer -> customizer.customize(server));
        return mastra.server(server).build();
    }

    /** {@code mastra.server.*} → {@link ServerOptions}; host and port only matter to the standalone server. */
    static ServerOptions.Builder serverOptions(MastraProperties.Server properties, Environment environment) {
        Map<String, String> env = new java.util.HashMap<>();
        for (String name : new String[] {"HOST", "PORT"}) {
            String value = environment.getProperty(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        ServerOptions.Builder server = ServerOptions.builder(env)
                .maxBodyBytes(properties.getMaxBodySize().toBytes())
                .shutdownTimeout(properties.getShutdownTimeout())
                .maxStreamsPerUser(properties.getMaxStreamsPerUser())
                .streamWriteTimeout(properties.getStreamWriteTimeout())
                .authMeRoute(properties.isAuthMeRoute())
                .allowApiKeyQuery(properties.isAllowApiKeyQuery());
        if (properties.getHost() != null) {
            server.host(properties.getHost());
        }
        if (properties.getPort() != null) {
            server.port(properties.getPort());
        }
        if (properties.getRequestTimeout() != null) {
            server.requestTimeout(properties.getRequestTimeout());
        }
        server.maxStreamBufferBytes(
                        Math.toIntExact(properties.getMaxStreamBufferSize().toBytes()))
                .captureMessageContent(properties.isCaptureMessageContent())
                .publicRoutes(routes(properties.getPublicRoutes(), "mastra.server.public-routes"))
                .protectedRoutes(routes(properties.getProtectedRoutes(), "mastra.server.protected-routes"))
                .headerTimeout(properties.getHeaderTimeout())
                .idleTimeout(properties.getIdleTimeout())
                .maxHeaderBytes(Math.toIntExact(properties.getMaxHeaderSize().toBytes()));
        if (properties.getMaxConnections() != null) {
            server.maxConnections(properties.getMaxConnections());
        }
        MastraProperties.Prometheus prometheus = properties.getPrometheus();
        if (prometheus.isEnabled()) {
            server.prometheusPath(prometheus.getPath()).prometheusProtected(prometheus.isProtect());
        }
        MastraProperties.Cors cors = properties.getCors();
        if (!cors.getAllowedOrigins().isEmpty()) {
            server.cors(CorsOptions.builder()
                    .allowedOrigins(cors.getAllowedOrigins().toArray(String[]::new))
                    .allowedMethods(cors.getAllowedMethods().toArray(String[]::new))
                    .allowedHeaders(cors.getAllowedHeaders().toArray(String[]::new))
                    .allowCredentials(cors.isAllowCredentials())
                    .maxAge(cors.getMaxAge())
                    .build());
        }
        return server;
    }

    /**
     * Studio's sign-in: Clerk mode when the auth provider is Clerk's and a publishable key is set
     * ({@code mastra.auth.clerk.publishable-key}, else {@code CLERK_PUBLISHABLE_KEY}; {@code CLERK_JS_URL} replaces
     * ClerkJS's address), else the mode the provider implies (token, or none without one).
     */
    static StudioOptions studioOptions(
            MastraAuthProvider<?> provider, MastraProperties.Clerk clerk, Environment environment) {
        if (provider instanceof MastraAuthClerk) {
            String key = clerk.getPublishableKey() != null
                    ? clerk.getPublishableKey()
                    : environment.getProperty("CLERK_PUBLISHABLE_KEY");
            if (key != null && !key.isBlank()) {
                return StudioOptions.clerk(key, environment.getProperty("CLERK_JS_URL"));
            }
        }
        return StudioOptions.DEFAULT;
    }

    /**
     * {@code "/path"}, or {@code "GET,POST /path"} → a route pattern ({@link RoutePattern#of}).
     *
     * @throws IllegalArgumentException naming the property, for an entry that is not of that form
     */
    static RoutePattern[] routes(List<String> entries, String property) {
        List<RoutePattern> patterns = new ArrayList<>();
        for (String entry : entries) {
            String trimmed = entry == null ? "" : entry.strip();
            int space = trimmed.indexOf(' ');
            String path = space < 0 ? trimmed : trimmed.substring(space + 1).strip();
            String[] methods = space < 0
                    ? new String[0]
                    : trimmed.substring(0, space).toUpperCase(Locale.ROOT).split(",");
            if (!path.startsWith("/") || path.contains(" ")) {
                throw new IllegalArgumentException(
                        property + " entries are '/path' or 'METHOD[,METHOD] /path', not '" + trimmed + "'");
            }
            patterns.add(RoutePattern.of(path, methods));
        }
        return patterns.toArray(RoutePattern[]::new);
    }
}
