package dev.mastra4j.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON objects of Clerk's Backend API (v1) as {@link LocalClerkBackendApi} serves them. Field names, required
 * fields and enum values follow the official Java SDK models ({@code com.clerk.backend_api.models.components.User},
 * {@code OrganizationMemberships}, and the verify response bodies), because that SDK parses these answers strictly:
 * a missing required field is a parse error there, not a null.
 */
final class ClerkApiShapes {

    private ClerkApiShapes() {}

    record StubUser(
            String id,
            String email,
            String firstName,
            String lastName,
            String imageUrl,
            Map<String, Object> publicMetadata,
            long createdAt) {}

    record StubMembership(String id, String userId, String orgId, String orgSlug, String role, long createdAt) {}

    /** An opaque machine credential: an M2M token, an API key or an OAuth access token. */
    record StubToken(
            String id,
            String subject,
            String clientId,
            List<String> scopes,
            Map<String, Object> claims,
            boolean revoked,
            boolean expired,
            Long expiration,
            long createdAt) {

        StubToken revoke() {
            return new StubToken(id, subject, clientId, scopes, claims, true, expired, expiration, createdAt);
        }

        StubToken expire(long nowMillis) {
            return new StubToken(id, subject, clientId, scopes, claims, revoked, true, nowMillis - 1000, createdAt);
        }
    }

    static Map<String, Object> user(StubUser user) {
        String emailId = "idn_" + user.id().replaceFirst("^user_", "");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", user.id());
        json.put("object", "user");
        json.put("external_id", null);
        json.put("primary_email_address_id", user.email() == null ? null : emailId);
        json.put("primary_phone_number_id", null);
        json.put("primary_web3_wallet_id", null);
        json.put("username", null);
        json.put("first_name", user.firstName());
        json.put("last_name", user.lastName());
        json.put("locale", null);
        json.put("profile_image_url", user.imageUrl());
        json.put("image_url", user.imageUrl());
        json.put("has_image", user.imageUrl() != null);
        json.put("public_metadata", user.publicMetadata());
        // Never part of a profile we expose; present so tests can check it stays out.
        json.put("private_metadata", Map.of("internal_note", "private-" + user.id()));
        json.put("unsafe_metadata", Map.of());
        List<Object> emails = new ArrayList<>();
        if (user.email() != null) {
            // A secondary address first, so "primary" must really be looked up by id.
            emails.add(emailAddress("idn_secondary_" + user.id(), "secondary+" + user.email(), user.createdAt()));
            emails.add(emailAddress(emailId, user.email(), user.createdAt()));
        }
        json.put("email_addresses", emails);
        json.put("phone_numbers", List.of());
        json.put("web3_wallets", List.of());
        json.put("passkeys", List.of());
        json.put("password_enabled", true);
        json.put("two_factor_enabled", false);
        json.put("totp_enabled", false);
        json.put("backup_code_enabled", false);
        json.put("mfa_enabled_at", null);
        json.put("mfa_disabled_at", null);
        json.put("password_last_updated_at", null);
        json.put("external_accounts", List.of());
        json.put("saml_accounts", List.of());
        json.put("enterprise_accounts", List.of());
        json.put("last_sign_in_at", user.createdAt());
        json.put("banned", false);
        json.put("locked", false);
        json.put("lockout_expires_in_seconds", null);
        json.put("verification_attempts_remaining", 100);
        json.put("updated_at", user.createdAt());
        json.put("created_at", user.createdAt());
        json.put("delete_self_enabled", true);
        json.put("create_organization_enabled", true);
        json.put("create_organizations_limit", null);
        json.put("last_active_at", user.createdAt());
        json.put("legal_accepted_at", null);
        return json;
    }

    private static Map<String, Object> emailAddress(String id, String address, long createdAt) {
        Map<String, Object> verification = new LinkedHashMap<>();
        verification.put("object", "verification_otp");
        verification.put("status", "verified");
        verification.put("strategy", "email_code");
        verification.put("attempts", 1);
        verification.put("expire_at", createdAt + 600_000);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("object", "email_address");
        json.put("email_address", address);
        json.put("reserved", false);
        json.put("verification", verification);
        json.put("linked_to", List.of());
        json.put("matches_sso_connection", false);
        json.put("created_at", createdAt);
        json.put("updated_at", createdAt);
        return json;
    }

    static Map<String, Object> membership(StubMembership m, StubUser user) {
        Map<String, Object> organization = new LinkedHashMap<>();
        organization.put("object", "organization");
        organization.put("id", m.orgId());
        organization.put("name", m.orgSlug());
        organization.put("slug", m.orgSlug());
        organization.put("image_url", "https://img.clerk.com/org.png");
        organization.put("has_image", false);
        organization.put("members_count", 1);
        organization.put("pending_invitations_count", 0);
        organization.put("max_allowed_memberships", 0);
        organization.put("admin_delete_enabled", true);
        organization.put("public_metadata", Map.of());
        organization.put("private_metadata", Map.of());
        organization.put("created_by", m.userId());
        organization.put("created_at", m.createdAt());
        organization.put("updated_at", m.createdAt());

        Map<String, Object> publicUserData = new LinkedHashMap<>();
        publicUserData.put("user_id", m.userId());
        publicUserData.put("first_name", user == null ? null : user.firstName());
        publicUserData.put("last_name", user == null ? null : user.lastName());
        publicUserData.put("image_url", user == null || user.imageUrl() == null ? "" : user.imageUrl());
        publicUserData.put("has_image", user != null && user.imageUrl() != null);
        publicUserData.put("identifier", user == null ? null : user.email());

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", m.id());
        json.put("object", "organization_membership");
        json.put("role", m.role());
        json.put("role_name", m.role().replaceFirst("^org:", ""));
        json.put("permissions", List.of());
        json.put("public_metadata", Map.of());
        json.put("private_metadata", Map.of());
        json.put("organization", organization);
        json.put("public_user_data", publicUserData);
        json.put("created_at", m.createdAt());
        json.put("updated_at", m.createdAt());
        return json;
    }

    static Map<String, Object> memberships(List<Map<String, Object>> page, int totalCount) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", page);
        json.put("total_count", totalCount);
        return json;
    }

    static Map<String, Object> m2mToken(StubToken t) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("object", "machine_to_machine_token");
        json.put("id", t.id());
        json.put("subject", t.subject());
        json.put("claims", t.claims());
        json.put("scopes", t.scopes());
        putLifecycle(json, t);
        json.put("last_used_at", null);
        json.put("created_at", t.createdAt());
        json.put("updated_at", t.createdAt());
        return json;
    }

    static Map<String, Object> apiKey(StubToken t) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("object", "api_key");
        json.put("id", t.id());
        json.put("type", "api_key");
        json.put("subject", t.subject());
        json.put("name", "local-api-key");
        json.put("description", null);
        json.put("claims", t.claims());
        json.put("scopes", t.scopes());
        putLifecycle(json, t);
        json.put("created_by", t.subject().startsWith("user_") ? t.subject() : null);
        json.put("last_used_at", null);
        json.put("created_at", t.createdAt());
        json.put("updated_at", t.createdAt());
        return json;
    }

    static Map<String, Object> oauthToken(StubToken t) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("object", "clerk_idp_oauth_access_token");
        json.put("id", t.id());
        json.put("client_id", t.clientId());
        json.put("subject", t.subject());
        json.put("scopes", t.scopes());
        putLifecycle(json, t);
        json.put("created_at", t.createdAt());
        json.put("updated_at", t.createdAt());
        return json;
    }

    private static void putLifecycle(Map<String, Object> json, StubToken t) {
        json.put("revoked", t.revoked());
        json.put("revocation_reason", t.revoked() ? "revoked by test" : null);
        json.put("expired", t.expired());
        json.put("expiration", t.expiration());
    }

    /** Clerk's error envelope: {@code {"errors": [{"message", "long_message", "code"}], "clerk_trace_id"}}. */
    static Map<String, Object> error(String code, String message, String longMessage) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("long_message", longMessage);
        error.put("code", code);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("errors", List.of(error));
        json.put("clerk_trace_id", "local-trace");
        return json;
    }
}
