package dev.mastra4j.auth.clerk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.auth.AuthRequest;
import dev.mastra4j.auth.AuthRule;
import dev.mastra4j.auth.RoutePattern;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthorizationTest {

    private static final AuthRequest REQUEST = TestRequest.get("/api/agents");
    private static LocalClerkIssuer issuer;

    @BeforeAll
    static void start() {
        issuer = LocalClerkIssuer.start();
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    private static MastraAuthClerk.Builder clerk() {
        return MastraAuthClerk.builder().env(Map.of()).dotenvDirectory(Path.of("target", "no-dotenv"))
                .publishableKey(issuer.publishableKey()).secretKey(issuer.secretKey()).jwtKey(issuer.jwtKeyPem());
    }

    private static ClerkUser member(MastraAuthClerk clerk, String orgId, String slug) {
        return clerk.authenticateToken(issuer.tokenBuilder().organization(orgId, slug, "member").build(), REQUEST);
    }

    @Test
    void byDefaultEveryAuthenticatedUserIsAllowedWithoutAnyCall() {
        try (MastraAuthClerk clerk = clerk().build()) {
            assertThat(clerk.authorizeUser(clerk.authenticateToken(issuer.token(), REQUEST), REQUEST)).isTrue();
            assertThat(clerk.authorizeUser(ClerkUser.fromClaims(Map.of()), REQUEST)).isFalse();
        }
        assertThat(issuer.jwksFetchCount()).isZero();
    }

    @Test
    void anOrganizationIdAdmitsItsActiveMembersAndByDefaultNobodyElse() {
        try (MastraAuthClerk clerk = clerk().organizationId("org_acme").build()) {
            assertThat(clerk.authorizeUser(member(clerk, "org_acme", "acme"), REQUEST)).isTrue();
            assertThat(clerk.authorizeUser(member(clerk, "org_other", "acme"), REQUEST)).isFalse();
            assertThat(clerk.authorizeUser(clerk.authenticateToken(issuer.token(), REQUEST), REQUEST)).isFalse();
        }
    }

    @Test
    void anOrganizationSlugComparesTheSlug() {
        try (MastraAuthClerk clerk = clerk().organizationSlug("acme").build()) {
            assertThat(clerk.authorizeUser(member(clerk, "org_1", "acme"), REQUEST)).isTrue();
            assertThat(clerk.authorizeUser(member(clerk, "org_acme", "globex"), REQUEST)).isFalse();
        }
    }

    @Test
    void aMismatchAsksTheMembershipCheckWhichFailsClosedOnErrors() {
        List<String> asked = new ArrayList<>();
        try (MastraAuthClerk allowing = clerk().organizationId("org_acme").organizationMembershipCheck((user, id, slug) -> {
            asked.add(user.userId() + "@" + id + "/" + slug);
            return true;
        }).build()) {
            assertThat(allowing.authorizeUser(member(allowing, "org_other", "other"), REQUEST)).isTrue();
            assertThat(allowing.authorizeUser(member(allowing, "org_acme", "acme"), REQUEST)).isTrue();
        }
        assertThat(asked).containsExactly("user_test@org_acme/null");
        try (MastraAuthClerk failing = clerk().organizationSlug("acme").organizationMembershipCheck((user, id, slug) -> {
            throw new java.io.IOException("Backend API unreachable");
        }).build()) {
            assertThat(failing.authorizeUser(member(failing, "org_other", "other"), REQUEST)).isFalse();
        }
    }

    @Test
    void aCustomAuthorizeUserReplacesTheDefault() {
        try (MastraAuthClerk clerk = clerk().organizationId("org_acme")
                .authorizeUser((user, request) -> user.has("admin") && request.path().startsWith("/api/")).build()) {
            ClerkUser admin = clerk.authenticateToken(
                    issuer.tokenBuilder().organization("org_elsewhere", "x", "admin").build(), REQUEST);
            ClerkUser plain = member(clerk, "org_acme", "acme");
            assertThat(clerk.authorizeUser(admin, REQUEST)).isTrue();
            assertThat(clerk.authorizeUser(admin, TestRequest.get("/health"))).isFalse();
            assertThat(clerk.authorizeUser(plain, REQUEST)).isFalse();
        }
    }

    @Test
    void routesRulesAndResourceIdsArePassedThrough() {
        RoutePattern open = RoutePattern.of("/api/public/*");
        RoutePattern closed = RoutePattern.of("/internal/*");
        AuthRule<ClerkUser> adminsOnly = AuthRule.allowIf(RoutePattern.of("/api/*"), user -> user.has("admin"));
        try (MastraAuthClerk clerk = clerk().publicRoutes(List.of(open)).protectedRoutes(List.of(closed))
                .rules(List.of(adminsOnly)).mapUserToResourceId(user -> "tenant-" + user.orgId()).build()) {
            assertThat(clerk.publicRoutes()).containsExactly(open);
            assertThat(clerk.protectedRoutes()).containsExactly(closed);
            assertThat(clerk.rules()).containsExactly(adminsOnly);
            assertThat(clerk.mapUserToResourceId(member(clerk, "org_9", "nine"))).isEqualTo("tenant-org_9");
        }
        try (MastraAuthClerk defaults = clerk().build()) {
            assertThat(defaults.mapUserToResourceId(defaults.authenticateToken(issuer.token("user_7"), REQUEST)))
                    .isEqualTo("user_7");
        }
    }
}
