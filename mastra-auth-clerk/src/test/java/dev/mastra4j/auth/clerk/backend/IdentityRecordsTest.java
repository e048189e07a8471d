package dev.mastra4j.auth.clerk.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.auth.clerk.MachineIdentity;
import dev.mastra4j.auth.clerk.TokenType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityRecordsTest {

    @Test
    void namesAreJoinedAndTrimmed() {
        assertThat(ClerkUserProfile.joinName(" Ada ", " Lovelace ")).isEqualTo("Ada Lovelace");
        assertThat(ClerkUserProfile.joinName("Ada", null)).isEqualTo("Ada");
        assertThat(ClerkUserProfile.joinName(null, "Lovelace")).isEqualTo("Lovelace");
        assertThat(ClerkUserProfile.joinName(" ", "")).isNull();
        assertThat(ClerkUserProfile.joinName(null, null)).isNull();
    }

    @Test
    void aProfileFromClaimsUsesWhatTheTokenCarries() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "user_ada");
        claims.put("email", "ada@example.com");
        claims.put("first_name", "Ada");
        claims.put("last_name", "Lovelace");
        claims.put("image_url", "https://img.example/ada.png");
        claims.put("public_metadata", Map.of("plan", "pro"));

        ClerkUserProfile profile = ClerkUserProfile.fromClaims(claims);

        assertThat(profile)
                .isEqualTo(new ClerkUserProfile(
                        "user_ada",
                        "ada@example.com",
                        "Ada Lovelace",
                        "https://img.example/ada.png",
                        Map.of("plan", "pro")));
    }

    @Test
    void aProfileFromBareClaimsHasOnlyTheId() {
        ClerkUserProfile profile = ClerkUserProfile.fromClaims(Map.of("sub", "user_x", "sid", "sess_1", "email", 42));

        assertThat(profile.id()).isEqualTo("user_x");
        assertThat(profile.email()).isNull();
        assertThat(profile.name()).isNull();
        assertThat(profile.metadata()).isEmpty();
        assertThatThrownBy(() -> ClerkUserProfile.fromClaims(Map.of("sid", "sess_1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void profileMetadataIsACopyThatCannotBeChanged() {
        Map<String, Object> metadata = new LinkedHashMap<>(Map.of("a", 1));
        ClerkUserProfile profile = new ClerkUserProfile("user_x", null, null, null, metadata);
        metadata.put("b", 2);

        assertThat(profile.metadata()).containsOnlyKeys("a");
        assertThatThrownBy(() -> profile.metadata().put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void oauthJwtClaimsBecomeAMachineIdentity() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "user_granter");
        claims.put("client_id", "client_app");
        claims.put("scope", "profile  email");
        claims.put("jti", "oat_1");
        claims.put("exp", 2_000_000_000L);

        MachineIdentity identity = MachineIdentity.fromJwtClaims(TokenType.OAUTH_TOKEN, claims);

        assertThat(identity.subject()).isEqualTo("user_granter");
        assertThat(identity.clientId()).isEqualTo("client_app");
        assertThat(identity.machineId()).isNull();
        assertThat(identity.scopes()).containsExactly("profile", "email");
        assertThat(identity.id()).isEqualTo("oat_1");
        assertThat(identity.expiresAt()).isEqualTo(Instant.ofEpochSecond(2_000_000_000L));
        assertThat(identity.raw()).containsEntry("client_id", "client_app");
        assertThat(identity.isExpiredAt(Instant.ofEpochSecond(2_000_000_000L))).isTrue();
        assertThat(identity.isExpiredAt(Instant.ofEpochSecond(1_999_999_999L))).isFalse();
    }

    @Test
    void m2mJwtClaimsTakeScopesFromAnArrayAndCustomClaimsFromClaims() {
        MachineIdentity identity = MachineIdentity.fromJwtClaims(
                TokenType.M2M_TOKEN,
                Map.of("sub", "mch_a", "scp", List.of("mch_b", "mch_c"), "claims", Map.of("k", "v")));

        assertThat(identity.machineId()).isEqualTo("mch_a");
        assertThat(identity.scopes()).containsExactly("mch_b", "mch_c");
        assertThat(identity.claims()).containsExactly(Map.entry("k", "v"));
        assertThat(identity.expiresAt()).isNull();
    }

    @Test
    void aMachineIdentityNeedsASubjectAndAMachineType() {
        assertThatThrownBy(() -> MachineIdentity.fromJwtClaims(TokenType.M2M_TOKEN, Map.of("scope", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        new MachineIdentity(TokenType.SESSION_TOKEN, "user_a", null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
