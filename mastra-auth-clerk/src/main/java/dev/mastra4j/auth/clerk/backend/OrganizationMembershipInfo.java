package dev.mastra4j.auth.clerk.backend;

import java.util.List;
import java.util.Objects;

/**
 * One organization membership of a user, as the Backend API lists it.
 *
 * @param organizationId   {@code org_…}
 * @param organizationSlug the organization's slug, or {@code null}
 * @param role             the role key, for example {@code org:admin}
 * @param permissions      the role's permission keys (may be empty)
 */
public record OrganizationMembershipInfo(
        String organizationId, String organizationSlug, String role, List<String> permissions) {

    public OrganizationMembershipInfo {
        Objects.requireNonNull(organizationId, "organizationId");
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }
}
