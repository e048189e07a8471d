package dev.mastra4j.auth.clerk;

import dev.mastra4j.auth.AuthRequest;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorization decision of {@link MastraAuthClerk}: a custom {@code authorizeUser} when one is set (the
 * {@link ClerkAuthorizer} form sees every principal; the {@code BiPredicate<ClerkUser, AuthRequest>} form sees session
 * users only and denies machine identities), otherwise the default: every session user with a {@code sub} and every
 * accepted machine identity, narrowed by the organization restriction when one is configured.
 */
final class ClerkAuthorization {

    private static final Logger LOG = LoggerFactory.getLogger(MastraAuthClerk.class);

    private final BiPredicate<ClerkUser, AuthRequest> userPredicate;
    private final ClerkAuthorizer authorizer;
    private final String orgId;
    private final String orgSlug;
    private final BackendClients backend;

    /** At most one of {@code userPredicate} and {@code authorizer} is set. */
    ClerkAuthorization(
            BiPredicate<ClerkUser, AuthRequest> userPredicate,
            ClerkAuthorizer authorizer,
            ClerkSettings settings,
            BackendClients backend) {
        this.userPredicate = userPredicate;
        this.authorizer = authorizer;
        this.orgId = settings.organizationId();
        this.orgSlug = settings.organizationSlug();
        this.backend = backend;
    }

    boolean authorize(ClerkPrincipal principal, AuthRequest request) {
        if (principal == null) {
            return false;
        }
        if (authorizer != null) {
            try {
                return authorizer.authorize(principal, request, backend.get().api());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(
                        "authorizeUser failed with " + e.getClass().getName(), e);
            }
        }
        if (userPredicate != null) {
            return principal instanceof ClerkUser user && userPredicate.test(user, request);
        }
        return byDefault(principal);
    }

    private boolean byDefault(ClerkPrincipal principal) {
        boolean restricted = orgId != null || orgSlug != null;
        return switch (principal) {
            case ClerkUser user -> {
                if (user.userId() == null || user.userId().isEmpty()) {
                    yield false;
                }
                if (!restricted || (orgId != null ? orgId.equals(user.orgId()) : orgSlug.equals(user.orgSlug()))) {
                    yield true;
                }
                yield isMember(user.userId());
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
                yield subject.startsWith("user_") && isMember(subject);
            }
        };
    }

    private boolean isMember(String userId) {
        try {
            return backend.get().organizations().isMember(userId, orgId, orgSlug);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Organization membership check failed ({}); denying access",
                    e.getClass().getSimpleName());
            return false;
        }
    }
}
