package dev.mastra4j.auth.clerk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.auth.AuthRequest;
import dev.mastra4j.auth.AuthenticationException;
import dev.mastra4j.auth.TestRequest;
import dev.mastra4j.testing.BadToken;
import dev.mastra4j.testing.LocalClerkIssuer;
import dev.mastra4j.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Real tokens from a loopback issuer against each key-source mode, one defect at a time. */
class SessionTokenVerificationTest {

    private static final AuthRequest REQUEST = TestRequest.get("/api/agents");
    /** With one fixed key there is no kid to look up, so these two are not defects in jwtKey mode. */
    private static final Set<BadToken> KID_CASES = EnumSet.of(BadToken.NO_KID, BadToken.UNKNOWN_KID);

    private static LocalClerkIssuer issuer;
    private static MastraAuthClerk viaJwksUri;
    private static MastraAuthClerk viaBackendApi;
    private static MastraAuthClerk viaJwtKey;

    @BeforeAll
    static void start() {
        issuer = LocalClerkIssuer.start();
        viaJwksUri = base().jwksUri(issuer.jwksUri().toString()).build();
        viaBackendApi = base().apiUrl(issuer.apiUrl().toString()).build();
        viaJwtKey = base().jwtKey(issuer.jwtKeyPem()).build();
    }

    @AfterAll
    static void stop() {
        viaJwksUri.close();
        viaBackendApi.close();
        viaJwtKey.close();
        issuer.close();
    }

    static MastraAuthClerk.Builder base() {
        return MastraAuthClerk.builder()
                .env(Map.of())
                .dotenvDirectory(Path.of("target", "no-dotenv"))
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .authorizedParties(LocalClerkIssuer.DEFAULT_AZP);
    }

    @Test
    void acceptsAValidSessionTokenInEveryMode() {
        for (MastraAuthClerk clerk : List.of(viaJwksUri, viaBackendApi, viaJwtKey)) {
            ClerkUser user = (ClerkUser) clerk.authenticateToken(issuer.token("user_42"), REQUEST);
            assertThat(user.userId()).isEqualTo("user_42");
            assertThat(user.sessionId()).startsWith("sess_");
            assertThat(clerk.authorizeUser(user, REQUEST)).isTrue();
            assertThat(clerk.mapUserToResourceId(user)).isEqualTo("user_42");
        }
    }

    @ParameterizedTest
    @EnumSource(BadToken.class)
    void refusesEveryBadTokenWithItsReason(BadToken kind) {
        String token = issuer.badToken(kind);
        assertReason(viaJwksUri, token, kind.expectedReason());
        assertReason(viaBackendApi, token, kind.expectedReason());
        if (!KID_CASES.contains(kind)) {
            assertReason(viaJwtKey, token, kind.expectedReason());
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = BadToken.class,
            names = {"NO_KID", "UNKNOWN_KID"})
    void withAFixedKeyTheKidDoesNotMatterButTheSignatureDoes(BadToken kind) {
        assertThat(viaJwtKey.authenticateToken(issuer.badToken(kind), REQUEST).subject())
                .isEqualTo("user_test");
        String foreign =
                issuer.tokenBuilder().signWithUntrustedKey().removeHeader("kid").build();
        assertReason(viaJwtKey, foreign, "token-invalid-signature");
    }

    @Test
    void authorizedPartiesAreOnlyCheckedWhenConfigured() {
        try (MastraAuthClerk lax =
                base().authorizedParties().jwksUri(issuer.jwksUri().toString()).build()) {
            assertThat(lax.authenticateToken(issuer.badToken(BadToken.WRONG_AZP), REQUEST)
                            .subject())
                    .isEqualTo("user_test");
            assertThat(lax.authenticateToken(issuer.badToken(BadToken.MISSING_AZP), REQUEST)
                            .subject())
                    .isEqualTo("user_test");
        }
    }

    @Test
    void theExpiryEdgeWithoutSkewIsExactlyExp() {
        Instant exp = Instant.ofEpochSecond(Instant.now().getEpochSecond() + 30);
        MutableClock clock = new MutableClock(exp.minusMillis(1));
        String token = issuer.tokenBuilder().exp(exp).build();
        try (MastraAuthClerk strict = base().jwtKey(issuer.jwtKeyPem())
                .clockSkew(Duration.ZERO)
                .clock(clock)
                .verifiedTokenCacheSize(0)
                .build()) {
            assertThat(strict.authenticateToken(token, REQUEST).subject()).isEqualTo("user_test");
            clock.set(exp);
            assertReason(strict, token, "token-expired");
        }
    }

    @Test
    void theClockSkewEdgeIsExclusiveOnBothSides() {
        Instant exp = Instant.ofEpochSecond(Instant.now().getEpochSecond() + 30);
        Instant nbf = exp.minusSeconds(20);
        MutableClock clock = new MutableClock(exp.plusSeconds(5).minusMillis(1));
        String token = issuer.tokenBuilder().exp(exp).nbf(nbf).iat(nbf).build();
        try (MastraAuthClerk clerk = base().jwtKey(issuer.jwtKeyPem())
                .clock(clock)
                .verifiedTokenCacheSize(0)
                .build()) {
            // Just inside the 5 s skew after exp, then just outside it.
            assertThat(clerk.authenticateToken(token, REQUEST).subject()).isEqualTo("user_test");
            clock.set(exp.plusSeconds(5));
            assertReason(clerk, token, "token-expired");
            // nbf and iat: up to 5 s early is fine, a millisecond more is not.
            clock.set(nbf.minusSeconds(5));
            assertThat(clerk.authenticateToken(token, REQUEST).subject()).isEqualTo("user_test");
            clock.set(nbf.minusSeconds(5).minusMillis(1));
            assertReason(clerk, token, "token-not-active-yet");
        }
    }

    @Test
    void audienceIsCheckedWhenConfiguredAndPresent() {
        try (MastraAuthClerk clerk =
                base().jwtKey(issuer.jwtKeyPem()).audience("api-1").build()) {
            assertThat(clerk.authenticateToken(issuer.token(), REQUEST).subject())
                    .isEqualTo("user_test");
            assertThat(clerk.authenticateToken(
                            issuer.tokenBuilder().claim("aud", "api-1").build(), REQUEST))
                    .isNotNull();
            assertThat(clerk.authenticateToken(
                            issuer.tokenBuilder()
                                    .claim("aud", List.of("x", "api-1"))
                                    .build(),
                            REQUEST))
                    .isNotNull();
            assertReason(clerk, issuer.tokenBuilder().claim("aud", "api-2").build(), "token-verification-failed");
            assertReason(
                    clerk, issuer.tokenBuilder().claim("aud", List.of("x", "y")).build(), "token-verification-failed");
        }
        assertThat(viaJwtKey.authenticateToken(
                        issuer.tokenBuilder().claim("aud", "anything").build(), REQUEST))
                .isNotNull();
    }

    @Test
    void acceptsV1TokensAndReadsTheirOrganization() {
        String token = issuer.tokenBuilder()
                .v1()
                .organization("org_1", "acme", "admin")
                .v1OrgPermissions(List.of("org:docs:read", "org:docs:write"))
                .build();
        ClerkUser user = (ClerkUser) viaJwksUri.authenticateToken(token, REQUEST);
        assertThat(user.orgId()).isEqualTo("org_1");
        assertThat(user.orgSlug()).isEqualTo("acme");
        assertThat(user.orgRole()).isEqualTo("org:admin");
        assertThat(user.orgPermissions()).containsExactly("org:docs:read", "org:docs:write");
        assertThat(user.claims()).doesNotContainKey("v");
    }

    @Test
    void readsV2OrganizationClaims() {
        String token = issuer.tokenBuilder()
                .organization("org_2", "globex", "member")
                .orgPermissions("o:reservations,u:dashboard,uo:support-chat", "read,manage", "2,3")
                .build();
        ClerkUser user = (ClerkUser) viaJwksUri.authenticateToken(token, REQUEST);
        assertThat(user.orgRole()).isEqualTo("org:member");
        assertThat(user.orgPermissions())
                .containsExactly("org:reservations:manage", "org:support-chat:read", "org:support-chat:manage");
        assertThat(user.has("reservations:manage")).isTrue();
        assertThat(user.has("org:reservations:read")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mt_1234567890abcdef", "ak_1234567890abcdef", "oat_1234567890abcdef"})
    void machineTokensAreATypeMismatch(String token) {
        assertReason(viaJwksUri, token, "token-type-mismatch");
    }

    @Test
    void aSignedTokenThatIsAMachineTokenByCategoryIsRefusedWithoutAFetch() {
        try (LocalClerkIssuer fresh = LocalClerkIssuer.start();
                MastraAuthClerk clerk = MastraAuthClerk.builder()
                        .env(Map.of())
                        .dotenvDirectory(Path.of("target", "no-dotenv"))
                        .publishableKey(fresh.publishableKey())
                        .secretKey(fresh.secretKey())
                        .jwksUri(fresh.jwksUri().toString())
                        .build()) {
            assertReason(clerk, fresh.badToken(BadToken.M2M_CATEGORY), "token-invalid");
            assertThat(fresh.jwksFetchCount()).isZero();
        }
    }

    @Test
    void theSessionCategoryAndClerksNeutralCategoryAreAcceptedAsIsNone() {
        for (String category : List.of("cl_B7d4PD111AAA", "cl_I7d4PD111III")) {
            String token = issuer.tokenBuilder().header("cat", category).build();
            for (MastraAuthClerk clerk : List.of(viaJwksUri, viaBackendApi, viaJwtKey)) {
                assertThat(clerk.authenticateToken(token, REQUEST).subject())
                        .as(category)
                        .isEqualTo("user_test");
            }
        }
        for (Object other : List.of("cl_B7d4PD222AAA", "cl_B7d4PD444AAA", "", 1L)) {
            assertReason(viaJwksUri, issuer.tokenBuilder().header("cat", other).build(), "token-invalid");
        }
    }

    @Test
    void verificationErrorsNeverContainTheToken() {
        for (BadToken kind : BadToken.values()) {
            String token = issuer.badToken(kind);
            assertThatThrownBy(() -> viaJwksUri.authenticateToken(token, REQUEST))
                    .satisfies(e -> {
                        assertThat(e.getMessage()).doesNotContain(token);
                        for (String part : token.split("\\.")) {
                            if (part.length() > 8) {
                                assertThat(e.getMessage()).doesNotContain(part);
                            }
                        }
                        assertThat(e.getMessage()).doesNotContain(issuer.currentKid());
                    });
        }
    }

    static void assertReason(MastraAuthClerk clerk, String token, String reason) {
        assertThatThrownBy(() -> clerk.authenticateToken(token, REQUEST))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.status()).isEqualTo(401);
                });
    }
}
