package dev.mastra4j.auth.clerk;

/**
 * Asked when {@code organizationId}/{@code organizationSlug} is configured and the token's active organization
 * does not match: is the user a member anyway? The default, {@link #denyAll()}, answers no without any call, so
 * access fails closed. A Backend API implementation (listing the user's memberships) can be plugged in with
 * {@link MastraAuthClerk.Builder#organizationMembershipCheck}. Throwing counts as "not a member".
 */
@FunctionalInterface
public interface OrganizationMembershipCheck {

    /** Exactly one of {@code organizationId} and {@code organizationSlug} is non-null. */
    boolean isMember(ClerkUser user, String organizationId, String organizationSlug) throws Exception;

    static OrganizationMembershipCheck denyAll() {
        return (user, organizationId, organizationSlug) -> false;
    }
}
