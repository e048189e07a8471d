package dev.mastra4j.auth.clerk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The user behind a verified Clerk session token. Organization fields come from the v2 {@code o} claim
 * (with {@code fea}) or, for v1 tokens, from {@code org_id}, {@code org_slug}, {@code org_role} and
 * {@code org_permissions}; they are null (or empty) when the session has no active organization.
 *
 * @param userId         {@code sub}
 * @param sessionId      {@code sid}
 * @param orgRole        always prefixed, for example {@code org:admin}
 * @param orgPermissions for example {@code org:invoices:read}; unmodifiable, for v2 tokens decoded on first use
 * @param claims         every claim of the token, unmodifiable
 */
public record ClerkUser(
        String userId,
        String sessionId,
        String orgId,
        String orgSlug,
        String orgRole,
        List<String> orgPermissions,
        Map<String, Object> claims)
        implements ClerkPrincipal {

    public ClerkUser {
        // The lazy list is already unmodifiable; copying it would decode it, which most requests never need.
        orgPermissions = orgPermissions instanceof OrgPermissions.Lazy ? orgPermissions : List.copyOf(orgPermissions);
        Objects.requireNonNull(claims, "claims");
    }

    /** Reads a verified token's claims the way Clerk's SDK does. */
    public static ClerkUser fromClaims(Map<String, Object> claims) {
        String userId = string(claims.get("sub"));
        String sessionId = string(claims.get("sid"));
        if (claims.get("v") instanceof Number v && v.doubleValue() == 2) {
            if (!(claims.get("o") instanceof Map<?, ?> org)) {
                return new ClerkUser(userId, sessionId, null, null, null, List.of(), claims);
            }
            String role = string(org.get("rol"));
            return new ClerkUser(
                    userId,
                    sessionId,
                    string(org.get("id")),
                    string(org.get("slg")),
                    role == null || role.isEmpty() ? null : "org:" + role,
                    OrgPermissions.lazy(string(claims.get("fea")), string(org.get("per")), string(org.get("fpm"))),
                    claims);
        }
        List<String> permissions = new ArrayList<>();
        if (claims.get("org_permissions") instanceof List<?> list) {
            for (Object permission : list) {
                if (permission instanceof String s) {
                    permissions.add(s);
                }
            }
        }
        return new ClerkUser(
                userId,
                sessionId,
                string(claims.get("org_id")),
                string(claims.get("org_slug")),
                string(claims.get("org_role")),
                permissions,
                claims);
    }

    /**
     * Whether the active organization role is {@code roleOrPermission}, or it is among the organization
     * permissions. The {@code org:} prefix may be left out, as in Clerk's {@code has()}.
     */
    public boolean has(String roleOrPermission) {
        if (roleOrPermission == null || roleOrPermission.isBlank()) {
            return false;
        }
        String wanted = roleOrPermission.startsWith("org:") ? roleOrPermission : "org:" + roleOrPermission;
        return wanted.equals(orgRole) || orgPermissions.contains(wanted);
    }

    /** The same as {@link #userId()}. */
    @Override
    public String subject() {
        return userId;
    }

    @Override
    public TokenType tokenType() {
        return TokenType.SESSION_TOKEN;
    }

    public Optional<Object> claim(String name) {
        return Optional.ofNullable(claims.get(name));
    }

    private static String string(Object value) {
        return value instanceof String s ? s : null;
    }

    @Override
    public String toString() {
        return "ClerkUser[userId=" + userId + ", sessionId=" + sessionId + ", orgId=" + orgId + ", orgRole=" + orgRole
                + "]";
    }
}
