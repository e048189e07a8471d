package dev.mastra4j.auth.clerk;

import dev.mastra4j.auth.clerk.backend.BackendOrganizationCheck;
import dev.mastra4j.auth.clerk.backend.ClerkBackendApi;
import dev.mastra4j.auth.clerk.backend.UserProfileCache;
import dev.mastra4j.auth.jwt.JwtKeySource;
import java.time.Duration;

/**
 * The Backend API parts of one {@link MastraAuthClerk}, created together on first use, so that a server using only
 * session tokens never builds them and never loads a class of Clerk's SDK. Thread-safe; {@link #close()} is final.
 */
final class BackendClients implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    /** The parts, built together from one client. */
    record Backend(
            ClerkBackendApi api,
            MachineTokenVerifier machines,
            BackendOrganizationCheck organizations,
            UserProfileCache profiles) {}

    private final ClerkSettings settings;
    private final ClerkOptions options;
    private final JwtKeySource sessionKeys;
    private final Object lock = new Object();
    private volatile Backend backend;
    private volatile boolean closed;

    BackendClients(ClerkSettings settings, ClerkOptions options, JwtKeySource sessionKeys) {
        this.settings = settings;
        this.options = options;
        this.sessionKeys = sessionKeys;
    }

    /**
     * @throws IllegalStateException after {@link #close()}, or without {@code com.clerk:backend-api} on the class
     *         path (naming it)
     */
    Backend get() {
        Backend created = backend;
        if (created != null && !closed) {
            return created;
        }
        if (!BackendSdk.present()) {
            throw new IllegalStateException(BackendSdk.missing("The Clerk Backend API client"));
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("This MastraAuthClerk is closed");
            }
            if (backend == null) {
                backend = create();
            }
            return backend;
        }
    }

    /** Releases the client if one was created; later calls to {@link #get()} fail. */
    @Override
    public void close() {
        Backend created;
        synchronized (lock) {
            closed = true;
            created = backend;
        }
        if (created != null) {
            created.api().close();
        }
    }

    private Backend create() {
        ClerkBackendApi api = ClerkBackendApi.builder()
                .apiUrl(settings.apiUrl())
                .secretKey(settings.secretKey())
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(READ_TIMEOUT)
                .circuitBreaker(options.breakerFailures(), options.breakerOpenDuration())
                .clock(options.clock())
                .build();
        MachineTokenVerifier machines = MachineTokenVerifier.builder(api)
                .accepts(options.accepted())
                .cacheTtl(options.machineTokenCacheTtl())
                .invalidTokenCacheTtl(options.invalidMachineTokenCacheTtl())
                .rateLimit(options.machineTokenRateBurst(), options.machineTokenRatePerSecond())
                .clock(options.clock())
                .jwtVerifier(ClerkVerifiers.machineJwts(sessionKeys, settings, options))
                .build();
        BackendOrganizationCheck organizations =
                BackendOrganizationCheck.builder(api).clock(options.clock()).build();
        UserProfileCache profiles = UserProfileCache.builder(api)
                .ttl(options.profileCacheTtl())
                .clock(options.clock())
                .build();
        return new Backend(api, machines, organizations, profiles);
    }
}
