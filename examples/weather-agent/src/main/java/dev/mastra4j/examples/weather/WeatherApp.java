package dev.mastra4j.examples.weather;

import dev.mastra4j.auth.MastraAuthProvider;
import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.ServerOptions;
import dev.mastra4j.core.StudioOptions;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.storage.MemoryStorage;
import dev.mastra4j.testing.LocalClerkBackendApi;
import dev.mastra4j.testing.LocalClerkIssuer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weather example as a library: builds the {@link Mastra} server from an environment map, so tests can start it
 * exactly as {@code java -jar} does, on a free port, with loopback stand-ins for Open-Meteo and Clerk.
 */
public final class WeatherApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WeatherApp.class);
    /** Dev tokens outlive Clerk's 60 s so the printed curl command keeps working while you try things. */
    static final Duration DEV_TOKEN_LIFETIME = Duration.ofHours(1);

    private final Mastra mastra;
    private final MemoryStorage storage;
    private final LocalClerkIssuer devIssuer;
    private final LocalClerkBackendApi devBackend;
    private final String devToken;
    private final OpenTelemetrySdk tracing;

    private WeatherApp(
            Mastra mastra,
            MemoryStorage storage,
            LocalClerkIssuer devIssuer,
            LocalClerkBackendApi devBackend,
            String devToken,
            OpenTelemetrySdk tracing) {
        this.tracing = tracing;
        this.mastra = mastra;
        this.storage = storage;
        this.devIssuer = devIssuer;
        this.devBackend = devBackend;
        this.devToken = devToken;
    }

    /**
     * Builds and starts the server. Partial Clerk configuration fails here, naming the missing variables, and so
     * does development mode on a non-loopback {@code HOST} without {@code DEV_AUTH_ALLOW_NON_LOOPBACK=true}, and a
     * {@code MASTRA_STORAGE_URL} of no known kind.
     */
    public static WeatherApp start(Map<String, String> env) {
        StartupTrace.mark("logging");
        // The store (SQLite's native library, the schema) opens on another thread while this one builds the rest.
        CompletableFuture<MemoryStorage> openingStorage = CompletableFuture.supplyAsync(
                () -> WeatherStorage.open(env),
                task -> Thread.ofPlatform().name("storage-open").daemon().start(task));
        try {
            return start(env, openingStorage);
        } catch (RuntimeException | Error e) {
            var unused = openingStorage.thenAccept(MemoryStorage::close);
            throw e;
        }
    }

    private static WeatherApp start(Map<String, String> env, CompletableFuture<MemoryStorage> openingStorage) {
        LocalClerkIssuer issuer = null;
        LocalClerkBackendApi backend = null;
        MastraAuthProvider<?> auth;
        String devToken = null;
        ServerOptions.Builder server = ServerOptions.builder(env).studio(true);
        OpenTelemetrySdk tracing = WeatherObservability.apply(server, env);
        String host = server.build().host();
        Agent agent;
        if (AuthMode.from(env) == AuthMode.CLERK) {
            auth = MastraAuthClerk.builder().env(env).build();
            server.studio(studioFor(env));
            StartupTrace.mark("auth");
            agent = WeatherAgent.create(env);
            StartupTrace.mark("agent");
        } else {
            AuthMode.checkDevelopmentHost(host, env);
            if (!AuthMode.isLoopback(host)) {
                warnNonLoopbackDevelopmentMode(host);
            }
            // The issuer starts on another thread while this one builds the agent; its RSA key pair is kept between
            // runs (DevSigningKey), so only the first run generates one.
            CompletableFuture<LocalClerkIssuer> startingIssuer = CompletableFuture.supplyAsync(
                    () -> LocalClerkIssuer.builder()
                            .signingKey(DevSigningKey.loadOrCreate(Path.of("")))
                            .start(),
                    task -> Thread.ofPlatform()
                            .name("dev-issuer-start")
                            .daemon()
                            .start(task));
            try {
                agent = WeatherAgent.create(env);
                StartupTrace.mark("agent");
            } catch (RuntimeException e) {
                var unused = startingIssuer.thenAccept(LocalClerkIssuer::close); // closes it once it has started
                throw e;
            }
            issuer = joinUnwrapped(startingIssuer);
            // The Backend API too stays on loopback (GET /api/auth/me and /api/auth/capabilities look users up).
            backend = LocalClerkBackendApi.forIssuer(issuer);
            backend.addUser("user_dev", "dev@example.com", "Dev", "User", null, Map.of());
            auth = MastraAuthClerk.builder()
                    .env(Map.of())
                    .publishableKey(issuer.publishableKey())
                    .secretKey(issuer.secretKey())
                    .jwksUri(issuer.jwksUri().toString())
                    .apiUrl(backend.apiUrl().toString())
                    .build();
            devToken = issuer.tokenBuilder()
                    .subject("user_dev")
                    .expiresIn(DEV_TOKEN_LIFETIME)
                    .build();
            StartupTrace.mark("auth");
        }
        try {
            MemoryStorage storage = joinUnwrapped(openingStorage);
            StartupTrace.mark("storage");
            Mastra mastra = Mastra.builder()
                    .storage(storage)
                    .agent(agent)
                    .agent(TeamWeatherAgent.create(env))
                    .server(server.auth(auth))
                    .build()
                    .start();
            StartupTrace.mark("listening");
            WeatherApp app = new WeatherApp(mastra, storage, issuer, backend, devToken, tracing);
            if (issuer != null) {
                app.logDevelopmentMode();
            } else {
                LOG.info("Studio: {} (sign in with Clerk)", app.baseUrl());
            }
            return app;
        } catch (RuntimeException e) {
            if (tracing != null) {
                tracing.close();
            }
            if (backend != null) {
                backend.close();
            }
            if (issuer != null) {
                issuer.close();
            }
            throw e;
        }
    }

    /**
     * Studio in Clerk mode: ClerkJS from the instance of {@code CLERK_PUBLISHABLE_KEY} ({@code CLERK_JS_URL}
     * replaces the script's address); without a publishable key the page asks for a token instead.
     */
    static StudioOptions studioFor(Map<String, String> env) {
        String publishableKey = env.get("CLERK_PUBLISHABLE_KEY");
        if (publishableKey == null || publishableKey.isBlank()) {
            return StudioOptions.DEFAULT;
        }
        return StudioOptions.clerk(publishableKey, env.get("CLERK_JS_URL"));
    }

    private static <T> T joinUnwrapped(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static void warnNonLoopbackDevelopmentMode(String host) {
        String line = "!".repeat(100);
        LOG.warn(line);
        LOG.warn(
                "DEVELOPMENT AUTH MODE ON A NON-LOOPBACK ADDRESS (HOST={}), because {}=true.",
                host,
                AuthMode.ALLOW_NON_LOOPBACK);
        LOG.warn(
                "The server is reachable from other machines and accepts the development token printed below: anyone "
                        + "who sees it has access for {} min. Use real Clerk keys (CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY) "
                        + "for anything shared.",
                DEV_TOKEN_LIFETIME.toMinutes());
        LOG.warn(line);
    }

    private void logDevelopmentMode() {
        LOG.warn(
                "DEVELOPMENT AUTH MODE: no CLERK_* variables are set, so tokens come from an in-process LocalClerkIssuer "
                        + "bound to 127.0.0.1 (JWKS {}). Set CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY and CLERK_JWKS_URI for real Clerk.",
                devIssuer.jwksUri());
        // Printed, not logged: the dev token is meant to be pasted, and log pipelines must never carry tokens.
        System.out.println("Open Studio, the chat playground: " + studioLink());
        System.out.println("Try it (dev token valid " + DEV_TOKEN_LIFETIME.toMinutes() + " min):");
        System.out.println("curl -X POST " + baseUrl() + "api/agents/weatherAgent/generate -H \"Authorization: Bearer "
                + devToken + "\" -H \"Content-Type: application/json\" -d '{\"messages\": \"Weather in London\"}'");
    }

    /**
     * The Studio link of development mode: the dev token rides in the fragment, which browsers never send to a
     * server or proxy; the page moves it to {@code sessionStorage} and out of the address bar.
     */
    public String studioLink() {
        return devToken == null ? baseUrl() : baseUrl() + "#dev-token=" + devToken;
    }

    private String baseUrl() {
        String url = mastra.url().toString();
        return url.endsWith("/") ? url : url + "/";
    }

    public Mastra mastra() {
        return mastra;
    }

    /** The development-mode issuer, or null in Clerk mode. Tests mint tokens from it. */
    public LocalClerkIssuer devIssuer() {
        return devIssuer;
    }

    /** The memory store the server uses ({@code MASTRA_STORAGE_URL}). */
    public MemoryStorage storage() {
        return storage;
    }

    @Override
    public void close() {
        mastra.close();
        storage.close();
        if (devBackend != null) {
            devBackend.close();
        }
        if (devIssuer != null) {
            devIssuer.close();
        }
        if (tracing != null) {
            tracing.close(); // exports the spans still queued
        }
    }
}
