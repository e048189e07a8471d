package dev.mastra4j.auth.clerk;

import static dev.mastra4j.auth.clerk.WiredFixture.bearer;
import static dev.mastra4j.auth.clerk.WiredFixture.decide;
import static dev.mastra4j.auth.clerk.WiredFixture.randomToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.auth.AuthDecision.Allowed;
import dev.mastra4j.auth.AuthDecision.Rejected;
import dev.mastra4j.auth.clerk.backend.ClerkBackendApi;
import dev.mastra4j.testing.LocalClerkBackendApi;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** authorizeUser((principal, request, clerk) -> ...): a custom decision that sees people and machines and can ask Clerk. */
class ClerkAuthorizerTest {

    private static LocalClerkIssuer issuer;
    private static LocalClerkBackendApi backend;
    private static String reportingToken;
    private static String otherMachineToken;

    @BeforeAll
    static void start() {
        issuer = LocalClerkIssuer.start();
        backend = LocalClerkBackendApi.forIssuer(issuer);
        backend.addMembership("user_admin", "org_acme", "acme", "org:admin");
        backend.addMembership("user_plain", "org_acme", "acme", "org:member");
        reportingToken = randomToken("mt_");
        otherMachineToken = randomToken("mt_");
        backend.addM2mToken(reportingToken, "mch_reporting", List.of("mch_api"), Map.of());
        backend.addM2mToken(otherMachineToken, "mch_other", List.of("mch_elsewhere"), Map.of());
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

    /** Admins of org_acme by their memberships at Clerk, and machines allowed to call mch_api. */
    private static final ClerkAuthorizer ADMINS_AND_API_MACHINES = (principal, request, clerk) -> switch (principal) {
        case ClerkUser user ->
            clerk.organizationMemberships(user.userId()).stream()
                    .anyMatch(m ->
                            m.organizationId().equals("org_acme") && m.role().equals("org:admin"));
        case MachineIdentity machine -> machine.hasScope("mch_api");
    };

    @Test
    void theAuthorizerTellsPeopleFromMachinesAndAsksClerkAboutPeople() {
        List<ClerkBackendApi> clients = new CopyOnWriteArrayList<>();
        try (MastraAuthClerk clerk = WiredFixture.clerk(issuer, backend)
                .acceptsToken("session_token", "m2m_token")
                .authorizeUser((principal, request, api) -> {
                    clients.add(api);
                    return ADMINS_AND_API_MACHINES.authorize(principal, request, api);
                })
                .build()) {
            assertThat(decide(clerk, bearer(issuer.token("user_admin")))).isInstanceOf(Allowed.class);
            assertThat(decide(clerk, bearer(issuer.token("user_plain"))))
                    .isInstanceOfSatisfying(
                            Rejected.class, r -> assertThat(r.status()).isEqualTo(403));
            assertThat(decide(clerk, bearer(reportingToken))).isInstanceOf(Allowed.class);
            assertThat(decide(clerk, bearer(otherMachineToken)))
                    .isInstanceOfSatisfying(
                            Rejected.class, r -> assertThat(r.status()).isEqualTo(403));
            assertThat(clients).hasSize(4).allSatisfy(api -> assertThat(api).isSameAs(clerk.backendApi()));
        }
        assertThat(backend.count("/v1/users/user_admin/organization_memberships"))
                .isEqualTo(1);
        assertThat(backend.count("/v1/users/user_plain/organization_memberships"))
                .isEqualTo(1);
        assertThat(backend.count("/v1/m2m_tokens/verify")).isEqualTo(2);
    }

    @Test
    void aCustomAuthorizerReplacesTheOrganizationRestriction() {
        try (MastraAuthClerk clerk = WiredFixture.clerk(issuer, backend)
                .organizationId("org_acme")
                .authorizeUser((principal, request, api) -> principal.subject().equals("user_outsider"))
                .build()) {
            String insider = issuer.tokenBuilder()
                    .subject("user_insider")
                    .organization("org_acme", "acme", "admin")
                    .build();
            assertThat(decide(clerk, bearer(insider))).isInstanceOf(Rejected.class);
            assertThat(decide(clerk, bearer(issuer.token("user_outsider")))).isInstanceOf(Allowed.class);
        }
        assertThat(backend.requests()).isEmpty();
    }

    @Test
    void anAuthorizerThatThrowsIsAnErrorNeverAccess() {
        try (MastraAuthClerk checked = WiredFixture.clerk(issuer, backend)
                        .authorizeUser((principal, request, api) -> {
                            throw new java.io.IOException("policy store unreachable");
                        })
                        .build();
                MastraAuthClerk unchecked = WiredFixture.clerk(issuer, backend)
                        .authorizeUser((principal, request, api) ->
                                api.organizationMemberships(principal.subject()).isEmpty())
                        .build()) {
            assertThat(decide(checked, bearer(issuer.token())))
                    .isInstanceOfSatisfying(
                            Rejected.class, r -> assertThat(r.status()).isEqualTo(500));
            backend.fail("/v1/users/", 400);
            assertThat(decide(unchecked, bearer(issuer.token())))
                    .isInstanceOfSatisfying(
                            Rejected.class, r -> assertThat(r.status()).isEqualTo(500));
        }
    }

    @Test
    void thePersonOnlyFormDeniesMachines() {
        try (MastraAuthClerk clerk = WiredFixture.clerk(issuer, backend)
                .acceptsToken("session_token", "m2m_token")
                .authorizeUser((user, request) -> true)
                .build()) {
            assertThat(decide(clerk, bearer(issuer.token()))).isInstanceOf(Allowed.class);
            assertThat(decide(clerk, bearer(reportingToken)))
                    .isInstanceOfSatisfying(
                            Rejected.class, r -> assertThat(r.status()).isEqualTo(403));
        }
    }
}
