package dev.mastra4j.auth.clerk.backend;

import com.clerk.backend_api.models.components.EmailAddress;
import com.clerk.backend_api.models.components.OrganizationMembership;
import com.clerk.backend_api.models.components.User;
import com.clerk.backend_api.models.operations.ResponseBody1;
import com.clerk.backend_api.models.operations.VerifyApiKeyResponseBody;
import com.clerk.backend_api.models.operations.VerifyM2MTokenResponseBody;
import com.clerk.backend_api.utils.Utils;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the answers of Clerk's Backend API SDK to our records ({@link ClerkUserProfile},
 * {@link OrganizationMembershipInfo}, {@link VerifiedMachineToken}). With {@link ClerkBackendApi} and
 * {@link TimeoutHttpClient} it is one of the only classes that name the SDK's types, and like them it is loaded only
 * when a Backend API feature is used.
 */
final class SdkModels {

    private SdkModels() {}

    // profileImageUrl: Clerk deprecated it for imageUrl, and it is read only when a user has no imageUrl.
    @SuppressWarnings("deprecation")
    static ClerkUserProfile profile(User user) {
        String email = null;
        String primaryId = user.primaryEmailAddressId().orElse(null);
        if (primaryId != null) {
            for (EmailAddress address : user.emailAddresses()) {
                if (address.id().filter(primaryId::equals).isPresent()) {
                    email = address.emailAddress();
                    break;
                }
            }
        }
        String avatar = user.imageUrl()
                .or(user::profileImageUrl)
                .filter(s -> !s.isBlank())
                .orElse(null);
        return new ClerkUserProfile(
                user.id(),
                email,
                ClerkUserProfile.joinName(
                        user.firstName().orElse(null), user.lastName().orElse(null)),
                avatar,
                user.publicMetadata());
    }

    static OrganizationMembershipInfo membership(OrganizationMembership membership) {
        return new OrganizationMembershipInfo(
                membership.organization().id(),
                membership.organization().slug(),
                membership.role(),
                membership.permissions());
    }

    static VerifiedMachineToken m2mToken(VerifyM2MTokenResponseBody body) {
        Map<String, Object> claims =
                body.claims().isPresent() ? asMap(body.claims().get()) : Map.of();
        return new VerifiedMachineToken(
                body.subject(),
                body.id(),
                body.subject(),
                body.scopes().orElse(List.of()),
                claims,
                instant(body.expiration()),
                raw(body));
    }

    static VerifiedMachineToken apiKey(VerifyApiKeyResponseBody body) {
        Map<String, Object> claims = body.claims().map(SdkModels::asMap).orElse(Map.of());
        return new VerifiedMachineToken(
                body.subject(), body.id(), null, body.scopes(), claims, instant(body.expiration()), raw(body));
    }

    static VerifiedMachineToken oauthToken(ResponseBody1 token) {
        return new VerifiedMachineToken(
                token.subject(),
                token.id(),
                token.clientId(),
                token.scopes(),
                Map.of(),
                instant(token.expiration()),
                raw(token));
    }

    /** Clerk sends machine-token expirations as epoch milliseconds. */
    static Instant instant(Optional<Double> epochMillis) {
        return epochMillis.map(ms -> Instant.ofEpochMilli(ms.longValue())).orElse(null);
    }

    private static Map<String, Object> raw(Object sdkModel) {
        try {
            return Utils.mapper().convertValue(sdkModel, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    private static Map<String, Object> asMap(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        return Map.of();
    }
}
