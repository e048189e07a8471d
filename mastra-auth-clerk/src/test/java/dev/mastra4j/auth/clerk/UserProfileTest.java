package dev.mastra4j.auth.clerk;

import static dev.mastra4j.auth.clerk.WiredFixture.bearer;
import static dev.mastra4j.auth.clerk.WiredFixture.cookie;
import static dev.mastra4j.auth.clerk.WiredFixture.randomToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mastra4j.auth.AuthenticationException;
import dev.mastra4j.auth.TestRequest;
import dev.mastra4j.auth.UserProfileProvider;
import dev.mastra4j.auth.clerk.backend.ClerkBackendException;
import dev.mastra4j.auth.clerk.backend.ClerkUserProfile;
import dev.mastra4j.testing.CapturedStderr;
import dev.mastra4j.testing.LocalClerkBackendApi;
import dev.mastra4j.testing.LocalClerkIssuer;
import dev.mastra4j.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** getUser, getCurrentUser and the profile behind GET /api/auth/me, against the loopback Backend API. */
class UserProfileTest {

    private static final ClerkUserProfile ADA = new ClerkUserProfile(
            "user_ada", "ada@example.com", "Ada Lovelace", "https://img.example/ada.png", Map.of("plan", "pro"));

    private static LocalClerkIssuer issuer;
    private static LocalClerkBackendApi backend;
    private final MutableClock clock = new MutableClock(Instant.now());
    /** One per test: its profile cache and circuit breaker start empty and closed. */
    private MastraAuthClerk clerk;

    @BeforeAll
    static void start() {
        issuer = LocalClerkIssuer.start();
        backend = LocalClerkBackendApi.forIssuer(issuer);
        backend.addUser(
                "user_ada", "ada@example.com", "Ada", "Lovelace", "https://img.example/ada.png", Map.of("plan", "pro"));
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
        clerk = WiredFixture.clerk(issuer, backend)
                .acceptsToken("session_token", "api_key")
                .clock(clock)
                .build();
    }

    @AfterEach
    void close() {
        clerk.close();
    }

    @Test
    void getUserFindsAUserOrNobody() {
        assertThat(clerk.getUser("user_ada")).contains(ADA);
        assertThat(clerk.getUser("user_nobody")).isEmpty();
        assertThat(backend.requests())
                .extracting(r -> r.path())
                .containsExactly("/v1/users/user_ada", "/v1/users/user_nobody");
        assertThat(backend.requests())
                .allSatisfy(r -> assertThat(r.header("Authorization")).contains("Bearer " + issuer.secretKey()));
    }

    @Test
    void theBackendApiUrlComesFromClerkApiUrlLikeEverySetting() {
        MastraAuthClerk fromEnv = MastraAuthClerk.builder()
                .dotenvDirectory(java.nio.file.Path.of("target", "no-dotenv"))
                .env(Map.of(
                        "CLERK_PUBLISHABLE_KEY",
                        issuer.publishableKey(),
                        "CLERK_SECRET_KEY",
                        issuer.secretKey(),
                        "CLERK_JWT_KEY",
                        issuer.jwtKeyPem(),
                        "CLERK_API_URL",
                        backend.apiUrl() + "/"))
                .build();
        try (fromEnv) {
            assertThat(fromEnv.backendApi()).isSameAs(fromEnv.backendApi());
            assertThat(fromEnv.backendApi().apiUrl()).isEqualTo(backend.apiUrl());
            assertThat(fromEnv.getUser("user_ada")).contains(ADA);
        }
        assertThat(backend.count("/v1/users/user_ada")).isEqualTo(1);
        assertThatThrownBy(fromEnv::backendApi)
                .as("a closed provider builds no new client")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void getUserReportsAnOutageWithoutTheSecretKey() {
        backend.fail("/v1/users/", 503);
        assertThatThrownBy(() -> clerk.getUser("user_ada")).isInstanceOfSatisfying(ClerkBackendException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.getMessage()).doesNotContain(issuer.secretKey());
        });
    }

    @Test
    void theCurrentUserIsVerifiedThenLookedUp() {
        String token = issuer.token("user_ada");
        assertThat(clerk.getCurrentUser(bearer(token))).isEqualTo(ADA);
        assertThat(clerk.getCurrentUser(cookie(token))).isEqualTo(ADA);
        assertThat(backend.count("/v1/users/user_ada"))
                .as("the second time from the cache")
                .isEqualTo(1);
    }

    @Test
    void profilesAreCachedPerUserForSixtySeconds() {
        String token = issuer.token("user_ada");
        for (int i = 0; i < 50; i++) {
            assertThat(clerk.getCurrentUser(bearer(token))).isEqualTo(ADA);
            assertThat(clerk.getUser("user_nobody")).isEmpty();
        }
        assertThat(backend.count("/v1/users/user_ada")).isEqualTo(1);
        assertThat(backend.count("/v1/users/user_nobody"))
                .as("no such user is remembered too")
                .isEqualTo(1);

        clock.set(clock.instant().plusSeconds(59));
        clerk.getUser("user_ada");
        assertThat(backend.count("/v1/users/user_ada")).isEqualTo(1);
        clock.set(clock.instant().plusSeconds(2));
        clerk.getUser("user_ada");
        assertThat(backend.count("/v1/users/user_ada")).isEqualTo(2);
    }

    @Test
    void aFailedLookupIsNotCachedAndTtlZeroAsksEveryTime() {
        backend.fail("/v1/users/", 503, 3);
        assertThatThrownBy(() -> clerk.getUser("user_ada")).isInstanceOf(ClerkBackendException.class);
        assertThat(clerk.getUser("user_ada")).contains(ADA);
        assertThat(backend.count("/v1/users/user_ada")).isEqualTo(4);

        backend.reset();
        try (MastraAuthClerk uncached = WiredFixture.clerk(issuer, backend)
                .profileCacheTtl(Duration.ZERO)
                .build()) {
            for (int i = 0; i < 3; i++) {
                assertThat(uncached.getUser("user_ada")).contains(ADA);
            }
        }
        assertThat(backend.count("/v1/users/user_ada")).isEqualTo(3);
    }

    @Test
    void aBackendApiOutageFallsBackToTheTokensClaims() {
        String token = issuer.tokenBuilder()
                .subject("user_ada")
                .claim("email", "ada@claims.example")
                .claim("name", "Ada (from the token)")
                .build();
        backend.fail("/v1/users/", 500);
        String log = CapturedStderr.during(() -> assertThat(clerk.getCurrentUser(bearer(token)))
                .isEqualTo(new ClerkUserProfile(
                        "user_ada", "ada@claims.example", "Ada (from the token)", null, Map.of())));
        assertThat(backend.count("/v1/users/user_ada"))
                .as("GETs are retried before falling back")
                .isEqualTo(3);
        assertThat(log).doesNotContain(issuer.secretKey()).doesNotContain(token);
    }

    @Test
    void aUserTheBackendApiDoesNotKnowIsDescribedByTheClaims() {
        String token = issuer.tokenBuilder()
                .subject("user_deleted")
                .claim("first_name", "Grace")
                .build();
        assertThat(clerk.getCurrentUser(bearer(token)))
                .isEqualTo(new ClerkUserProfile("user_deleted", null, "Grace", null, Map.of()));
    }

    @Test
    void withoutAValidCredentialThereIsNoCurrentUser() {
        assertThatThrownBy(() -> clerk.getCurrentUser(TestRequest.get("/api/auth/me")))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.reason()).isEqualTo("token-missing");
                    assertThat(e.status()).isEqualTo(401);
                });
        String expired = issuer.tokenBuilder()
                .subject("user_ada")
                .expiresIn(java.time.Duration.ofSeconds(-60))
                .build();
        assertThatThrownBy(() -> clerk.getCurrentUser(bearer(expired)))
                .isInstanceOfSatisfying(
                        AuthenticationException.class,
                        e -> assertThat(e.reason()).isEqualTo("token-expired"));
        assertThat(backend.requests())
                .as("nothing is looked up for a caller who is not verified")
                .isEmpty();
    }

    @Test
    void aMachineCallerSeesOnlyItsSubject() {
        String apiKey = randomToken("ak_");
        backend.addApiKey(apiKey, "user_ada", List.of(), Map.of());
        assertThat(clerk.getCurrentUser(bearer(apiKey)))
                .isEqualTo(new ClerkUserProfile("user_ada", null, null, null, Map.of()));
        assertThat(backend.count("/v1/users/"))
                .as("a machine credential is not shown the user's details")
                .isZero();
    }

    @Test
    void theProfileProviderAnswersWithJsonReadyProfiles() throws Exception {
        UserProfileProvider provider = clerk;
        Object profile = provider.currentUserProfile(bearer(issuer.token("user_ada")));
        assertThat(profile).isEqualTo(ADA);
        assertThat(new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(profile)))
                .isEqualTo(new ObjectMapper().readTree("""
                        {"id":"user_ada","email":"ada@example.com","name":"Ada Lovelace",
                         "avatarUrl":"https://img.example/ada.png","metadata":{"plan":"pro"}}"""));
    }
}
