package dev.mastra4j.auth.clerk;

import dev.mastra4j.auth.LogSafe;
import dev.mastra4j.auth.clerk.backend.ClerkBackendException;
import dev.mastra4j.auth.clerk.backend.ClerkUserProfile;
import dev.mastra4j.auth.clerk.backend.WarningThrottle;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * User profiles for {@link MastraAuthClerk}: from the Backend API (cached per user), and for the current user from
 * the token's claims when the Backend API fails, does not know the user, or its SDK is not on the class path. A
 * failing Backend API is warned about at most once per 30 s.
 */
final class UserProfiles {

    private static final Logger LOG = LoggerFactory.getLogger(MastraAuthClerk.class);

    private final BackendClients backend;
    private final WarningThrottle warnings = new WarningThrottle(LOG, 30);

    UserProfiles(BackendClients backend) {
        this.backend = backend;
    }

    /** See {@link MastraAuthClerk#getUser}. */
    Optional<ClerkUserProfile> get(String userId) {
        return backend.get().profiles().get(userId);
    }

    /** A session user's profile, else a machine's subject only: a machine credential is not shown a person's details. */
    ClerkUserProfile of(ClerkPrincipal principal) {
        return switch (principal) {
            case ClerkUser user -> ofUser(user);
            case MachineIdentity machine -> new ClerkUserProfile(machine.subject(), null, null, null, Map.of());
        };
    }

    private ClerkUserProfile ofUser(ClerkUser user) {
        if (!BackendSdk.present()) {
            return ClerkUserProfile.fromClaims(user.claims());
        }
        try {
            Optional<ClerkUserProfile> found = get(user.userId());
            if (found.isPresent()) {
                return found.get();
            }
            LOG.debug(
                    "The Backend API does not know user {}; answering from the token's claims",
                    LogSafe.text(user.userId()));
        } catch (RuntimeException e) {
            String what = LogSafe.text(
                    e instanceof ClerkBackendException
                            ? e.getMessage()
                            : e.getClass().getSimpleName());
            warnings.warn("User profile lookup failed ({}); answering from the token's claims", what);
        }
        return ClerkUserProfile.fromClaims(user.claims());
    }
}
