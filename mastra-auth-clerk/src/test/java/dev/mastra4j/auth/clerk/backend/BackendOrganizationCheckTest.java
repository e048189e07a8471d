package dev.mastra4j.auth.clerk.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.testing.CapturedStderr;
import dev.mastra4j.testing.LocalClerkBackendApi;
import dev.mastra4j.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BackendOrganizationCheckTest {

    private static final String MEMBERSHIPS = "/v1/users/user_ada/organization_memberships";

    private String secret;
    private LocalClerkBackendApi stub;
    private ClerkBackendApi api;
    private MutableClock clock;

    @BeforeEach
    void start() {
        secret = BackendFixture.randomSecretKey();
        stub = LocalClerkBackendApi.start(secret);
        api = BackendFixture.client(stub, secret).build();
        clock = MutableClock.startingNow();
        stub.addUser("user_ada", "ada@example.com", "Ada", "Lovelace", null, null);
        stub.addMembership("user_ada", "org_acme", "acme", "org:admin");
        stub.addMembership("user_ada", "org_beta", "beta", "org:member");
        stub.addUser("user_eve", "eve@example.com", "Eve", null, null, null);
        stub.addMembership("user_eve", "org_other", "other", "org:member");
    }

    @AfterEach
    void stop() {
        api.close();
        stub.close();
    }

    private BackendOrganizationCheck check() {
        return BackendOrganizationCheck.builder(api).clock(clock).build();
    }

    @Test
    void aMemberIsFoundByOrganizationIdOrSlug() {
        BackendOrganizationCheck check = check();

        assertThat(check.isMember("user_ada", "org_beta", null)).isTrue();
        assertThat(check.isMember("user_ada", null, "acme")).isTrue();
        assertThat(stub.requests())
                .allSatisfy(r -> assertThat(r.header("Authorization")).contains("Bearer " + secret));
    }

    @Test
    void aNonMemberIsRefused() {
        BackendOrganizationCheck check = check();

        assertThat(check.isMember("user_eve", "org_acme", null)).isFalse();
        assertThat(check.isMember("user_eve", null, "acme")).isFalse();
        // An id is not a slug and a slug is not an id.
        assertThat(check.isMember("user_ada", "acme", null)).isFalse();
        assertThat(check.isMember("user_ada", null, "org_acme")).isFalse();
        assertThat(check.isMember("user_unknown", "org_acme", null)).isFalse();
    }

    @Test
    void nothingToCheckAgainstIsFalseWithoutACall() {
        BackendOrganizationCheck check = check();

        assertThat(check.isMember("user_ada", null, null)).isFalse();
        assertThat(check.isMember(null, "org_acme", null)).isFalse();
        assertThat(check.isMember(" ", "org_acme", null)).isFalse();
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void aMembershipOnALaterPageCounts() {
        for (int i = 0; i < 230; i++) {
            stub.addMembership("user_many", "org_n" + i, "n" + i, "org:member");
        }
        stub.addMembership("user_many", "org_last", "last", "org:member");

        assertThat(check().isMember("user_many", "org_last", null)).isTrue();
        assertThat(stub.count("/v1/users/user_many/organization_memberships")).isEqualTo(3);
    }

    @Test
    void apiErrorsFailClosedAndLogWithoutTheSecret() {
        BackendOrganizationCheck check = check();
        stub.fail(MEMBERSHIPS, 500);

        String log = CapturedStderr.during(
                () -> assertThat(check.isMember("user_ada", "org_acme", null)).isFalse());

        assertThat(log).contains("WARN").contains("denying access").doesNotContain(secret);
        assertThat(stub.count(MEMBERSHIPS)).isEqualTo(3);
    }

    @Test
    void anOutageLogsOneWarningNotOnePerRequest() {
        BackendOrganizationCheck check = check();
        stub.fail(MEMBERSHIPS, 500);

        String log = CapturedStderr.during(() -> {
            for (int i = 0; i < 5; i++) {
                assertThat(check.isMember("user_ada", "org_acme", null)).isFalse();
            }
        });

        assertThat(log.lines().filter(line -> line.contains("WARN") && line.contains("BackendOrganizationCheck")))
                .hasSize(1);
        assertThat(log.lines().filter(line -> line.contains("WARN") && line.contains("circuit breaker open")))
                .hasSize(1);
        // Three attempts for the first check, two for the second: the fifth failure in a row opens the breaker,
        // and the remaining checks are denied without a call.
        assertThat(stub.count(MEMBERSHIPS)).isEqualTo(5);
    }

    @Test
    void timeoutsAndMalformedAnswersFailClosed() {
        BackendOrganizationCheck check = check();
        stub.delay(MEMBERSHIPS, BackendFixture.BEYOND_TIMEOUT);
        assertThat(check.isMember("user_ada", "org_acme", null)).isFalse();

        stub.clearFaults();
        stub.malformed(MEMBERSHIPS);
        assertThat(check.isMember("user_ada", "org_acme", null)).isFalse();

        try (ClerkBackendApi nowhere = ClerkBackendApi.builder()
                .apiUrl(BackendFixture.refusedUrl())
                .secretKey(secret)
                .getRetries(1, Duration.ZERO)
                .build()) {
            assertThat(BackendOrganizationCheck.builder(nowhere).build().isMember("user_ada", "org_acme", null))
                    .isFalse();
        }
    }

    @Test
    void errorsAreNotCached() {
        BackendOrganizationCheck check = check();
        stub.fail(MEMBERSHIPS, 503);
        assertThat(check.isMember("user_ada", "org_acme", null)).isFalse();

        stub.clearFaults();
        assertThat(check.isMember("user_ada", "org_acme", null)).isTrue();
    }

    @Test
    void membershipsAreCachedPerUserForTheTtl() {
        BackendOrganizationCheck check = check();

        for (int i = 0; i < 10; i++) {
            assertThat(check.isMember("user_ada", "org_acme", null)).isTrue();
            assertThat(check.isMember("user_ada", null, "beta")).isTrue();
            assertThat(check.isMember("user_ada", "org_other", null)).isFalse();
        }
        assertThat(stub.count(MEMBERSHIPS)).isEqualTo(1);

        // A membership added at Clerk is noticed only once the window has passed.
        stub.addMembership("user_ada", "org_new", "new", "org:member");
        clock.advance(Duration.ofSeconds(59));
        assertThat(check.isMember("user_ada", "org_new", null)).isFalse();
        assertThat(stub.count(MEMBERSHIPS)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        assertThat(check.isMember("user_ada", "org_new", null)).isTrue();
        assertThat(stub.count(MEMBERSHIPS)).isEqualTo(2);
    }

    @Test
    void withTtlZeroEveryCheckAsks() {
        BackendOrganizationCheck uncached =
                BackendOrganizationCheck.builder(api).ttl(Duration.ZERO).build();

        for (int i = 0; i < 4; i++) {
            assertThat(uncached.isMember("user_ada", "org_acme", null)).isTrue();
        }

        assertThat(stub.count(MEMBERSHIPS)).isEqualTo(4);
        assertThat(uncached.cachedUsers()).isZero();
    }

    @Test
    void theCacheIsBounded() {
        BackendOrganizationCheck small =
                BackendOrganizationCheck.builder(api).maxEntries(3).clock(clock).build();
        for (int i = 0; i < 20; i++) {
            stub.addMembership("user_" + i, "org_acme", "acme", "org:member");
            assertThat(small.isMember("user_" + i, "org_acme", null)).isTrue();
            assertThat(small.cachedUsers()).isLessThanOrEqualTo(3);
        }
    }
}
