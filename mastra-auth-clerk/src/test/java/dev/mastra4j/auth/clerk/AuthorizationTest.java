package dev.mastra4j.auth.clerk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.auth.AuthRequest;
import dev.mastra4j.auth.AuthRule;
import dev.mastra4j.auth.RoutePattern;
import dev.mastra4j.auth.TestRequest;
import dev.mastra4j.testing.LocalClerkBackendApi;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthorizationTest {

    private static final AuthRequest REQUEST = TestRequest.get("/api/agents");
    private static LocalClerkIssuer issuer;
    /** Every Backend API call goes here, so nothing in this class can reach the network. */
    private static LocalClerkBackendApi backend;

    @BeforeAll
    static void start() {
        issuer = LocalClerkIssuer.start();
        backend = LocalClerkBackendApi.forIssuer(issuer);
    }

    @AfterAll
    static void stop() {
        backend.close();
        issuer.close();
    }

    @BeforeEach
    void forgetRequests() {
        backend.reset();
        backend.clearFaults();
    }

    private static MastraAuthClerk.Builder clerk() {
        return MastraAuthClerk.builder()
                .env(Map.of())
                .dotenvDirectory(Path.of("target", "no-dotenv"))
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .jwtKey(issuer.jwtKeyPem())
                .apiUrl(backend.apiUrl().toString());
    }

    private static ClerkUser member(MastraAuthClerk clerk, String orgId, String slug) {
        return (ClerkUser) clerk.authenticateToken(
                issuer.tokenBuilder().organization(orgId, slug, "member").build(), REQUEST);
    }

    @Test
    void byDefaultEveryAuthenticatedUserIsAllowedWithoutAnyCall() {
        try (MastraAuthClerk clerk = clerk().build()) {
            assertThat(clerk.authorizeUser(clerk.authenticateToken(issuer.token(), REQUEST), REQUEST))
                    .isTrue();
            assertThat(clerk.authorizeUser(ClerkUser.fromClaims(Map.of()), REQUEST))
                    .isFalse();
        }
        assertThat(issuer.jwksFetchCount()).isZero();
        assertThat(backend.requests()).isEmpty();
    }

    @Test
    void anOrganizationIdAdmitsItsActiveMembersAndNobodyTheBackendApiDoesNotList() {
        try (MastraAuthClerk clerk = clerk().organizationId("org_acme").build()) {
            assertThat(clerk.authorizeUser(member(clerk, "org_acme", "acme"), REQUEST))
                    .isTrue();
            assertThat(backend.requests())
                    .as("a matching claim needs no lookup")
                    .isEmpty();
            assertThat(clerk.authorizeUser(member(clerk, "org_other", "acme"), REQUEST))
                    .isFalse();
            assertThat(clerk.authorizeUser(clerk.authenticateToken(issuer.token(), REQUEST), REQUEST))
                    .isFalse();
        }
    }

    @Test
    void anOrganizationSlugComparesTheSlug() {
        try (MastraAuthClerk clerk = clerk().organizationSlug("acme").build()) {
            assertThat(clerk.authorizeUser(member(clerk, "org_1", "acme"), REQUEST))
                    .isTrue();
            assertThat(clerk.authorizeUser(member(clerk, "org_acme", "globex"), REQUEST))
                    .isFalse();
        }
    }

    @Test
    void aMismatchAsksTheBackendApiWhichFailsClosedOnErrors() {
        backend.addMembership("user_listed", "org_acme", "acme", "org:member");
        try (MastraAuthClerk clerk = clerk().organizationId("org_acme").build()) {
            ClerkUser listed = (ClerkUser) clerk.authenticateToken(issuer.token("user_listed"), REQUEST);
            assertThat(clerk.authorizeUser(listed, REQUEST)).isTrue();
        }
        assertThat(backend.requests())
                .singleElement()
                .satisfies(request ->
                        assertThat(request.path()).isEqualTo("/v1/users/user_listed/organization_memberships"));
        backend.fail("/v1/users/", 500);
        try (MastraAuthClerk failing = clerk().organizationSlug("acme").build()) {
            ClerkUser listed = (ClerkUser) failing.authenticateToken(issuer.token("user_listed"), REQUEST);
            assertThat(failing.authorizeUser(listed, REQUEST)).isFalse();
        }
    }

    @Test
    void aCustomAuthorizeUserReplacesTheDefault() {
        try (MastraAuthClerk clerk = clerk().organizationId("org_acme")
                .authorizeUser(
                        (user, request) -> user.has("admin") && request.path().startsWith("/api/"))
                .build()) {
            ClerkUser admin = (ClerkUser) clerk.authenticateToken(
                    issuer.tokenBuilder()
                            .organization("org_elsewhere", "x", "admin")
                            .build(),
                    REQUEST);
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
        try (MastraAuthClerk clerk = clerk().publicRoutes(List.of(open))
                .protectedRoutes(List.of(closed))
                .rules(List.of(adminsOnly))
                .mapUserToResourceId(user -> "tenant-" + user.orgId())
                .build()) {
            assertThat(clerk.publicRoutes()).containsExactly(open);
            assertThat(clerk.protectedRoutes()).containsExactly(closed);
            assertThat(clerk.rules()).singleElement().satisfies(rule -> {
                assertThat(rule.pattern()).isEqualTo(adminsOnly.pattern());
                assertThat(rule.allow()).isTrue();
            });
            assertThat(clerk.mapUserToResourceId(member(clerk, "org_9", "nine")))
                    .isEqualTo("tenant-org_9");
        }
        try (MastraAuthClerk defaults = clerk().build()) {
            assertThat(defaults.mapUserToResourceId(defaults.authenticateToken(issuer.token("user_7"), REQUEST)))
                    .isEqualTo("user_7");
        }
    }
}
