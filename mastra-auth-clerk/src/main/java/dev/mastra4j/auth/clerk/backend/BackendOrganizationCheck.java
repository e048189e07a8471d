package dev.mastra4j.auth.clerk.backend;

import dev.mastra4j.auth.LogSafe;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers "is this user a member of that organization?" from the Backend API (all pages of the user's
 * memberships), for an organization restriction whose token claims did not already match. Each user's
 * memberships are cached for a short time (default 60 s) in bounded memory (default 10,000 users), so a busy user
 * costs one lookup per window, not one per request; concurrent checks of one user share one lookup.
 *
 * <p>Fails closed: any error or timeout answers {@code false} and logs a warning (status or failure kind only, never
 * the secret key; at most one warning per 30 s, the rest at debug level). Errors are not cached, so the next
 * request asks again.
 */
public final class BackendOrganizationCheck {

    private static final Logger LOG = LoggerFactory.getLogger(BackendOrganizationCheck.class);

    private record Memberships(Set<String> organizationIds, Set<String> organizationSlugs) {}

    private final ClerkBackendApi api;
    private final PerUserCache<Memberships> cache;
    private final WarningThrottle warnings = new WarningThrottle(LOG, 30);

    private BackendOrganizationCheck(Builder builder) {
        this.api = builder.api;
        this.cache = new PerUserCache<>(builder);
    }

    public static Builder builder(ClerkBackendApi api) {
        return new Builder(api);
    }

    /**
     * True when {@code userId} is a member of the organization with id {@code organizationId} or, if that is
     * {@code null}, with slug {@code organizationSlug}. Both {@code null}, a blank user id, or any failure → false.
     */
    public boolean isMember(String userId, String organizationId, String organizationSlug) {
        if (userId == null || userId.isBlank() || (organizationId == null && organizationSlug == null)) {
            return false;
        }
        Memberships memberships = memberships(userId);
        if (memberships == null) {
            return false;
        }
        return organizationId != null
                ? memberships.organizationIds().contains(organizationId)
                : memberships.organizationSlugs().contains(organizationSlug);
    }

    /** Entries currently cached (for tests and metrics). */
    int cachedUsers() {
        return cache.size();
    }

    /** The user's memberships, or {@code null} when they cannot be had (logged, at most one warning per 30 s). */
    private Memberships memberships(String userId) {
        try {
            return cache.get(userId, this::lookup);
        } catch (ClerkBackendException e) {
            warnings.warn("Organization membership lookup failed ({}); denying access", LogSafe.text(e.getMessage()));
            return null;
        } catch (RuntimeException e) {
            warnings.warn(
                    "Organization membership lookup failed ({}); denying access",
                    e.getClass().getSimpleName());
            return null;
        }
    }

    private Memberships lookup(String userId) {
        Set<String> ids = new HashSet<>();
        Set<String> slugs = new HashSet<>();
        for (OrganizationMembershipInfo membership : api.organizationMemberships(userId)) {
            ids.add(membership.organizationId());
            if (membership.organizationSlug() != null) {
                slugs.add(membership.organizationSlug());
            }
        }
        return new Memberships(Set.copyOf(ids), Set.copyOf(slugs));
    }

    /**
     * Options for {@link BackendOrganizationCheck}: {@code ttl} (how long a user's memberships are reused; default
     * 60 s; zero turns caching off), {@code maxEntries} (default 10,000 users) and {@code clock}.
     */
    public static final class Builder extends PerUserCache.Options<Builder> {
        private Builder(ClerkBackendApi api) {
            super(api);
        }

        public BackendOrganizationCheck build() {
            return new BackendOrganizationCheck(this);
        }
    }
}
