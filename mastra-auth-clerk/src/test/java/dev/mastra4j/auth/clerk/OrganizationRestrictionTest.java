package dev.mastra4j.auth.clerk;

import static dev.mastra4j.auth.clerk.WiredFixture.bearer;
import static dev.mastra4j.auth.clerk.WiredFixture.decide;
import static dev.mastra4j.auth.clerk.WiredFixture.randomToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.auth.AuthDecision;
import dev.mastra4j.auth.AuthDecision.Allowed;
import dev.mastra4j.auth.AuthDecision.Rejected;
import dev.mastra4j.testing.CapturedStderr;
import dev.mastra4j.testing.LocalClerkBackendApi;
import dev.mastra4j.testing.LocalClerkIssuer;
import dev.mastra4j.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** organizationId / organizationSlug through the real pipeline: token claims first, then the Backend API, fail closed. */
class OrganizationRestrictionTest {

    private static final String MEMBERSHIPS = "/v1/users/user_member/organization_memberships";

    private static LocalClerkIssuer issuer;
    private static LocalClerkBackendApi backend;

    @BeforeAll
    static void start() {
        issuer = LocalClerkIssuer.start();
        backend = LocalClerkBackendApi.forIssuer(issuer);
        backend.addMembership("user_member", "org_other", "other", "org:member");
        backend.addMembership("user_member", "org_acme", "acme", "org:member");
    }

    @AfterAll
    static void stop() {
        backend.close();
        issuer.close();
    }

    @BeforeEach
    void reset() {
        backend.clearFaults();
        backend.reset();
    }

    private static MastraAuthClerk.Builder clerk() {
        return WiredFixture.clerk(issuer, backend);
    }

    private static void assertForbidden(AuthDecision decision) {
        assertThat(decision)
                .isInstanceOfSatisfying(
                        Rejected.class, r -> assertThat(r.status()).isEqualTo(403));
    }

    @Test
    void matchingOrganizationClaimsNeedNoLookup() {
        try (MastraAuthClerk byId = clerk().organizationId("org_acme").build();
                MastraAuthClerk bySlug = clerk().organizationSlug("acme").build()) {
            String active = issuer.tokenBuilder()
                    .subject("user_anyone")
                    .organization("org_acme", "acme", "admin")
                    .build();
            assertThat(decide(byId, bearer(active))).isInstanceOf(Allowed.class);
            assertThat(decide(bySlug, bearer(active))).isInstanceOf(Allowed.class);
            String v1 = issuer.tokenBuilder()
                    .subject("user_anyone")
                    .v1()
                    .organization("org_acme", "acme", "member")
                    .build();
            assertThat(decide(byId, bearer(v1))).isInstanceOf(Allowed.class);
        }
        assertThat(backend.requests()).isEmpty();
    }

    @Test
    void aMemberWhoseActiveOrganizationDiffersIsAdmittedByMembership() {
        try (MastraAuthClerk byId = clerk().organizationId("org_acme").build();
                MastraAuthClerk bySlug = clerk().organizationSlug("acme").build()) {
            String elsewhere = issuer.tokenBuilder()
                    .subject("user_member")
                    .organization("org_other", "other", "member")
                    .build();
            assertThat(decide(byId, bearer(elsewhere))).isInstanceOf(Allowed.class);
            assertThat(decide(bySlug, bearer(issuer.token("user_member")))).isInstanceOf(Allowed.class);
        }
        assertThat(backend.count(MEMBERSHIPS)).isEqualTo(2);
        assertThat(backend.requests()).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.header("Authorization")).contains("Bearer " + issuer.secretKey());
        });
    }

    @Test
    void aNonMemberIsForbidden() {
        try (MastraAuthClerk clerk = clerk().organizationId("org_acme").build()) {
            assertForbidden(decide(clerk, bearer(issuer.token("user_stranger"))));
            assertForbidden(decide(
                    clerk,
                    bearer(issuer.tokenBuilder()
                            .subject("user_stranger")
                            .organization("org_other", "other", "admin")
                            .build())));
        }
        assertThat(backend.count("/v1/users/user_stranger/organization_memberships"))
                .isEqualTo(1);
    }

    @Test
    void membershipsAreCachedForAMinute() {
        MutableClock clock = new MutableClock(Instant.now());
        try (MastraAuthClerk clerk =
                clerk().organizationSlug("acme").clock(clock).build()) {
            // Longer-lived than Clerk's 60 s, so the token outlives the clock's jump.
            String token = issuer.tokenBuilder()
                    .subject("user_member")
                    .expiresIn(Duration.ofMinutes(5))
                    .build();
            for (int i = 0; i < 3; i++) {
                assertThat(decide(clerk, bearer(token))).isInstanceOf(Allowed.class);
            }
            assertThat(backend.count(MEMBERSHIPS)).isEqualTo(1);
            clock.set(clock.instant().plusSeconds(61));
            assertThat(decide(clerk, bearer(token))).isInstanceOf(Allowed.class);
            assertThat(backend.count(MEMBERSHIPS)).isEqualTo(2);
        }
    }

    @Test
    void anyBackendApiErrorFailsClosedAndIsNotCached() {
        try (MastraAuthClerk clerk = clerk().organizationId("org_acme").build()) {
            backend.fail("/v1/users/", 500);
            String log =
                    CapturedStderr.during(() -> assertForbidden(decide(clerk, bearer(issuer.token("user_member")))));
            assertThat(log).contains("WARN").doesNotContain(issuer.secretKey());
            backend.clearFaults();
            backend.malformed("/v1/users/");
            assertForbidden(decide(clerk, bearer(issuer.token("user_member"))));
            backend.clearFaults();
            assertThat(decide(clerk, bearer(issuer.token("user_member"))))
                    .as("the member once the API is back")
                    .isInstanceOf(Allowed.class);
        }
        try (MastraAuthClerk unreachable = clerk().organizationId("org_acme")
                .apiUrl(WiredFixture.refusedUrl())
                .build()) {
            assertForbidden(decide(unreachable, bearer(issuer.token("user_member"))));
        }
    }

    @Test
    void machineCredentialsMustActForAMemberOrBeTheOrganization() {
        String memberKey = randomToken("ak_");
        String strangerKey = randomToken("ak_");
        String orgKey = randomToken("ak_");
        String otherOrgKey = randomToken("ak_");
        String m2m = randomToken("mt_");
        String oauth = randomToken("oat_");
        backend.addApiKey(memberKey, "user_member", List.of(), Map.of());
        backend.addApiKey(strangerKey, "user_stranger", List.of(), Map.of());
        backend.addApiKey(orgKey, "org_acme", List.of(), Map.of());
        backend.addApiKey(otherOrgKey, "org_other", List.of(), Map.of());
        backend.addM2mToken(m2m, "mch_robot", List.of(), Map.of());
        backend.addOAuthToken(oauth, "user_member", "client_app", List.of());
        try (MastraAuthClerk byId =
                        clerk().acceptsToken("any").organizationId("org_acme").build();
                MastraAuthClerk bySlug =
                        clerk().acceptsToken("any").organizationSlug("acme").build();
                MastraAuthClerk open = clerk().acceptsToken("any").build()) {
            assertThat(decide(byId, bearer(memberKey))).isInstanceOf(Allowed.class);
            assertThat(decide(byId, bearer(oauth))).isInstanceOf(Allowed.class);
            assertThat(decide(byId, bearer(orgKey))).isInstanceOf(Allowed.class);
            assertForbidden(decide(byId, bearer(strangerKey)));
            assertForbidden(decide(byId, bearer(otherOrgKey)));
            assertForbidden(decide(byId, bearer(m2m)));
            assertForbidden(decide(bySlug, bearer(orgKey)));
            assertThat(decide(bySlug, bearer(memberKey))).isInstanceOf(Allowed.class);
            assertThat(decide(open, bearer(m2m)))
                    .as("without a restriction, accepted machines pass")
                    .isInstanceOf(Allowed.class);
        }
    }
}
