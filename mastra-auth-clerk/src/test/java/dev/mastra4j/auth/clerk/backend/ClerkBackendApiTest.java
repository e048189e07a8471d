package dev.mastra4j.auth.clerk.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mastra4j.auth.AuthenticationException;
import dev.mastra4j.auth.clerk.MachineIdentity;
import dev.mastra4j.auth.clerk.TokenType;
import dev.mastra4j.auth.clerk.backend.ClerkBackendException.Failure;
import dev.mastra4j.testing.LocalClerkBackendApi;
import dev.mastra4j.testing.MutableClock;
import dev.mastra4j.testing.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClerkBackendApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String secret;
    private LocalClerkBackendApi stub;
    private ClerkBackendApi api;

    @BeforeEach
    void start() {
        secret = BackendFixture.randomSecretKey();
        stub = LocalClerkBackendApi.start(secret);
        api = BackendFixture.client(stub, secret).build();
    }

    @AfterEach
    void stop() {
        api.close();
        stub.close();
    }

    // ---- users ----------------------------------------------------------------------------------------------

    @Test
    void getUserReturnsTheSmallProfileWithThePrimaryEmailAndPublicMetadataOnly() {
        stub.addUser(
                "user_ada",
                "ada@example.com",
                " Ada ",
                "Lovelace",
                "https://img.example/ada.png",
                Map.of("plan", "pro", "seats", 3));

        Optional<ClerkUserProfile> profile = api.getUser("user_ada");

        assertThat(profile).isPresent();
        ClerkUserProfile ada = profile.get();
        assertThat(ada.id()).isEqualTo("user_ada");
        // The stub lists a secondary address first; the primary one must be chosen by id.
        assertThat(ada.email()).isEqualTo("ada@example.com");
        assertThat(ada.name()).isEqualTo("Ada Lovelace");
        assertThat(ada.avatarUrl()).isEqualTo("https://img.example/ada.png");
        assertThat(ada.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("plan", "pro", "seats", 3));
        assertThat(ada.metadata()).doesNotContainKey("internal_note");
        assertThat(stub.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.path()).isEqualTo("/v1/users/user_ada");
            assertThat(request.header("Authorization")).contains("Bearer " + secret);
        });
    }

    @Test
    void getUserWithoutNamesOrEmailHasNulls() {
        stub.addUser("user_bare", null, null, "  ", null, null);

        ClerkUserProfile bare = api.getUser("user_bare").orElseThrow();

        assertThat(bare.email()).isNull();
        assertThat(bare.name()).isNull();
        assertThat(bare.avatarUrl()).isNull();
        assertThat(bare.metadata()).isEmpty();
    }

    @Test
    void unknownUserIsEmptyAfterOneCall() {
        assertThat(api.getUser("user_missing")).isEmpty();
        assertThat(stub.count("/v1/users/")).isEqualTo(1);
    }

    @Test
    void anIdThatCannotBeAClerkIdIsEmptyWithoutAnyCall() {
        assertThat(api.getUser("../jwks")).isEmpty();
        assertThat(api.getUser("user?x=1")).isEmpty();
        assertThat(api.getUser("")).isEmpty();
        assertThat(api.organizationMemberships("a/b")).isEmpty();
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void serverErrorsOnGetsAreRetriedWithBackoffThenReported() {
        stub.addUser("user_ada", "ada@example.com", "Ada", "Lovelace", null, null);
        stub.fail("/v1/users/", 500);

        ClerkBackendException error = catchThrowableOfType(ClerkBackendException.class, () -> api.getUser("user_ada"));

        assertThat(error.failure()).isEqualTo(Failure.HTTP_STATUS);
        assertThat(error.status()).isEqualTo(500);
        assertThat(error.isTransient()).isTrue();
        assertThat(stub.count("/v1/users/user_ada")).isEqualTo(3);
    }

    @Test
    void aGetThatSucceedsOnARetryReturnsTheUser() {
        stub.addUser("user_ada", "ada@example.com", "Ada", "Lovelace", null, null);
        stub.fail("/v1/users/", 503, 2);

        assertThat(api.getUser("user_ada")).map(ClerkUserProfile::email).contains("ada@example.com");
        assertThat(stub.count("/v1/users/user_ada")).isEqualTo(3);
    }

    @Test
    void a429IsNotRetriedAndNothingIsSentUntilItsRetryAfterHasPassed() {
        MutableClock clock = MutableClock.startingNow();
        stub.addUser("user_ada", "ada@example.com", "Ada", "Lovelace", null, null);
        stub.addM2mToken("mt_good", "mch_caller", List.of(), Map.of());
        stub.rateLimit("/v1/users/", 1, "10");
        try (ClerkBackendApi paused =
                BackendFixture.client(stub, secret).clock(clock).build()) {
            ClerkBackendException limited =
                    catchThrowableOfType(ClerkBackendException.class, () -> paused.getUser("user_ada"));
            assertThat(limited.status()).isEqualTo(429);
            assertThat(stub.count("/v1/users/user_ada"))
                    .as("no inline retry of a 429")
                    .isEqualTo(1);

            // Every endpoint waits: Clerk limits the whole instance.
            clock.advance(Duration.ofSeconds(9));
            ClerkBackendException held =
                    catchThrowableOfType(ClerkBackendException.class, () -> paused.getUser("user_ada"));
            assertThat(held.failure()).isEqualTo(Failure.PAUSED);
            assertThat(held.wasHeldBack()).isTrue();
            AuthenticationException machine =
                    catchThrowableOfType(AuthenticationException.class, () -> paused.verifyM2mToken("mt_good"));
            assertThat(machine.status()).isEqualTo(503);
            assertThat(stub.requests()).as("nothing is sent during the pause").hasSize(1);

            clock.advance(Duration.ofMillis(1_001));
            assertThat(paused.getUser("user_ada")).isPresent();
            assertThat(paused.verifyM2mToken("mt_good").subject()).isEqualTo("mch_caller");
            assertThat(stub.requests()).hasSize(3);
        }
    }

    @Test
    void a429WithoutRetryAfterPausesBrieflyAndAnHttpDateIsHonoured() {
        MutableClock clock = MutableClock.startingNow();
        stub.addUser("user_ada", "ada@example.com", "Ada", "Lovelace", null, null);
        try (ClerkBackendApi paused =
                BackendFixture.client(stub, secret).clock(clock).build()) {
            stub.rateLimit("/v1/users/", 1, null);
            assertThat(catchThrowableOfType(ClerkBackendException.class, () -> paused.getUser("user_ada"))
                            .status())
                    .isEqualTo(429);
            clock.advance(RetryAfterPause.DEFAULT_PAUSE.minusMillis(1));
            assertThat(catchThrowableOfType(ClerkBackendException.class, () -> paused.getUser("user_ada"))
                            .failure())
                    .isEqualTo(Failure.PAUSED);
            clock.advance(Duration.ofMillis(1));
            assertThat(paused.getUser("user_ada")).isPresent();

            String inTwentySeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    clock.instant().plusSeconds(20).atZone(java.time.ZoneOffset.UTC));
            stub.rateLimit("/v1/users/", 1, inTwentySeconds);
            assertThat(catchThrowableOfType(ClerkBackendException.class, () -> paused.getUser("user_ada"))
                            .status())
                    .isEqualTo(429);
            clock.advance(Duration.ofSeconds(19));
            assertThat(catchThrowableOfType(ClerkBackendException.class, () -> paused.getUser("user_ada"))
                            .failure())
                    .isEqualTo(Failure.PAUSED);
            clock.advance(Duration.ofSeconds(1));
            assertThat(paused.getUser("user_ada")).isPresent();
            assertThat(stub.count("/v1/users/")).isEqualTo(4);
        }
    }

    @Test
    void theBreakerOpensAfterFiveFailuresInARowAndThenAnswersWithoutCalling() {
        MutableClock clock = MutableClock.startingNow();
        stub.addUser("user_ada", "ada@example.com", "Ada", "Lovelace", null, null);
        stub.fail("/v1/", 500);
        try (ClerkBackendApi guarded = BackendFixture.client(stub, secret)
                .getRetries(1, Duration.ZERO)
                .clock(clock)
                .build()) {
            for (int i = 0; i < 5; i++) {
                assertThat(catchThrowableOfType(ClerkBackendException.class, () -> guarded.getUser("user_ada"))
                                .status())
                        .isEqualTo(500);
            }
            assertThat(stub.count("/v1/")).isEqualTo(5);

            for (int i = 0; i < 20; i++) {
                ClerkBackendException open =
                        catchThrowableOfType(ClerkBackendException.class, () -> guarded.getUser("user_ada"));
                assertThat(open.failure()).isEqualTo(Failure.CIRCUIT_OPEN);
                assertThat(open.getMessage()).doesNotContain(secret);
            }
            assertThat(catchThrowableOfType(AuthenticationException.class, () -> guarded.verifyApiKey("ak_x"))
                            .reason())
                    .isEqualTo("machine-token-verification-unavailable");
            assertThat(stub.count("/v1/")).as("an open breaker sends nothing").isEqualTo(5);

            // After the open time one probe goes out; it fails, so the breaker opens again.
            clock.advance(Duration.ofSeconds(30));
            assertThat(catchThrowableOfType(ClerkBackendException.class, () -> guarded.getUser("user_ada"))
                            .status())
                    .isEqualTo(500);
            assertThat(catchThrowableOfType(ClerkBackendException.class, () -> guarded.getUser("user_ada"))
                            .failure())
                    .isEqualTo(Failure.CIRCUIT_OPEN);
            assertThat(stub.count("/v1/")).isEqualTo(6);

            // Clerk is back: the next probe succeeds and closes the breaker.
            stub.clearFaults();
            clock.advance(Duration.ofSeconds(30));
            assertThat(guarded.getUser("user_ada")).isPresent();
            assertThat(guarded.getUser("user_ada")).isPresent();
            assertThat(stub.count("/v1/")).isEqualTo(8);
        }
    }

    @Test
    void onlyFailuresInARowOpenTheBreakerAndClientErrorsAreNotFailures() {
        stub.addUser("user_ada", "ada@example.com", "Ada", "Lovelace", null, null);
        try (ClerkBackendApi guarded =
                BackendFixture.client(stub, secret).getRetries(1, Duration.ZERO).build()) {
            for (int round = 0; round < 3; round++) {
                stub.fail("/v1/users/", 503, 4);
                for (int i = 0; i < 4; i++) {
                    catchThrowableOfType(ClerkBackendException.class, () -> guarded.getUser("user_ada"));
                }
                assertThat(guarded.getUser("user_ada"))
                        .as("a success in between resets the count")
                        .isPresent();
            }
            for (int i = 0; i < 10; i++) {
                assertThat(guarded.getUser("user_nobody"))
                        .as("a 404 shows Clerk is up")
                        .isEmpty();
            }
            assertThat(stub.count("/v1/users/")).isEqualTo(3 * 5 + 10);
        }
    }

    @Test
    void clientErrorsAreNotRetried() {
        stub.fail("/v1/users/", 422);

        ClerkBackendException error = catchThrowableOfType(ClerkBackendException.class, () -> api.getUser("user_ada"));

        assertThat(error.status()).isEqualTo(422);
        assertThat(error.isTransient()).isFalse();
        assertThat(stub.count("/v1/users/")).isEqualTo(1);
    }

    @Test
    void aWrongSecretKeyIsAnHttp401AndTheKeyIsNotInTheMessage() {
        String wrong = BackendFixture.randomSecretKey();
        try (ClerkBackendApi misconfigured = BackendFixture.client(stub, wrong).build()) {
            ClerkBackendException error =
                    catchThrowableOfType(ClerkBackendException.class, () -> misconfigured.getUser("user_ada"));

            assertThat(error.status()).isEqualTo(401);
            assertThat(error.getMessage()).doesNotContain(wrong).doesNotContain(secret);
            assertThat(stub.requests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.header("authorization")).contains("Bearer " + wrong));
        }
    }

    @Test
    void malformedJsonIsAnInvalidResponseNotACrash() {
        stub.addUser("user_ada", "ada@example.com", "Ada", "Lovelace", null, null);
        stub.malformed("/v1/users/");

        ClerkBackendException error = catchThrowableOfType(ClerkBackendException.class, () -> api.getUser("user_ada"));

        assertThat(error.failure()).isEqualTo(Failure.INVALID_RESPONSE);
        assertThat(stub.count("/v1/users/")).isEqualTo(1);
    }

    @Test
    void aSlowAnswerTimesOutAndIsNotRetried() {
        stub.addUser("user_ada", "ada@example.com", "Ada", "Lovelace", null, null);
        stub.delay("/v1/users/", BackendFixture.BEYOND_TIMEOUT);

        ClerkBackendException error = catchThrowableOfType(ClerkBackendException.class, () -> api.getUser("user_ada"));

        assertThat(error.failure()).isEqualTo(Failure.TIMEOUT);
        assertThat(stub.count("/v1/users/")).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionIsAConnectionFailure() {
        try (ClerkBackendApi nowhere = ClerkBackendApi.builder()
                .apiUrl(BackendFixture.refusedUrl())
                .secretKey(secret)
                .getRetries(2, Duration.ofMillis(1))
                .build()) {
            ClerkBackendException error =
                    catchThrowableOfType(ClerkBackendException.class, () -> nowhere.getUser("user_ada"));

            assertThat(error.failure()).isEqualTo(Failure.CONNECTION);
            assertThat(error.isTransient()).isTrue();
            assertThat(error.getMessage()).doesNotContain(secret);
        }
    }

    // ---- memberships ----------------------------------------------------------------------------------------

    @Test
    void membershipsAreCollectedAcrossPages() {
        for (int i = 0; i < 250; i++) {
            stub.addMembership("user_busy", "org_" + i, "team-" + i, i % 2 == 0 ? "org:member" : "org:admin");
        }

        List<OrganizationMembershipInfo> memberships = api.organizationMemberships("user_busy");

        assertThat(memberships).hasSize(250);
        assertThat(memberships.get(0))
                .isEqualTo(new OrganizationMembershipInfo("org_0", "team-0", "org:member", List.of()));
        assertThat(memberships.get(249).organizationId()).isEqualTo("org_249");
        assertThat(memberships.get(249).role()).isEqualTo("org:admin");
        List<RecordedRequest> pages = stub.requests();
        assertThat(pages).hasSize(3);
        assertThat(pages).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/v1/users/user_busy/organization_memberships");
            assertThat(r.header("Authorization")).contains("Bearer " + secret);
        });
        assertThat(pages)
                .extracting(RecordedRequest::query)
                .containsExactly("limit=100&offset=0", "limit=100&offset=100", "limit=100&offset=200");
    }

    @Test
    void aUserWithoutMembershipsHasAnEmptyListAfterOneCall() {
        stub.addUser("user_alone", "alone@example.com", null, null, null, null);

        assertThat(api.organizationMemberships("user_alone")).isEmpty();
        assertThat(stub.count("/v1/users/")).isEqualTo(1);
    }

    @Test
    void membershipsOfAnUnknownUserAreEmpty() {
        assertThat(api.organizationMemberships("user_nobody")).isEmpty();
    }

    @Test
    void aFailureOnALaterPageFailsTheWholeLookup() {
        for (int i = 0; i < 150; i++) {
            stub.addMembership("user_busy", "org_" + i, "team-" + i, "org:member");
        }
        stub.fail("/v1/users/user_busy/organization_memberships?limit=100&offset=100", 500);

        ClerkBackendException error =
                catchThrowableOfType(ClerkBackendException.class, () -> api.organizationMemberships("user_busy"));

        assertThat(error.status()).isEqualTo(500);
        // One good first page, then the second page three times (retries).
        assertThat(stub.count("/v1/users/user_busy/organization_memberships?limit=100&offset=0"))
                .isEqualTo(1);
        assertThat(stub.count("/v1/users/user_busy/organization_memberships?limit=100&offset=100"))
                .isEqualTo(3);
    }

    // ---- machine tokens -------------------------------------------------------------------------------------

    @Test
    void m2mTokenIsVerifiedWithThePostedTokenAndTheSecretKey() throws Exception {
        stub.addM2mToken("mt_valid", "mch_worker", List.of("mch_api"), Map.of("tier", "gold"));

        MachineIdentity identity = MachineIdentity.of(TokenType.M2M_TOKEN, api.verifyM2mToken("mt_valid"));

        assertThat(identity.tokenType()).isEqualTo(TokenType.M2M_TOKEN);
        assertThat(identity.subject()).isEqualTo("mch_worker");
        assertThat(identity.machineId()).isEqualTo("mch_worker");
        assertThat(identity.clientId()).isEqualTo("mch_worker");
        assertThat(identity.id()).startsWith("mt_");
        assertThat(identity.scopes()).containsExactly("mch_api");
        assertThat(identity.claims()).containsEntry("tier", "gold");
        assertThat(identity.expiresAt()).isAfter(Instant.now());
        assertThat(identity.raw())
                .containsEntry("object", "machine_to_machine_token")
                .containsEntry("subject", "mch_worker");
        RecordedRequest request = stub.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/m2m_tokens/verify");
        assertThat(request.header("Authorization")).contains("Bearer " + secret);
        assertThat(request.header("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("{\"token\":\"mt_valid\"}"));
    }

    @Test
    void apiKeyIsVerifiedWithThePostedSecret() throws Exception {
        stub.addApiKey("ak_valid", "user_owner", List.of("read", "write"), Map.of("env", "ci"));

        MachineIdentity identity = MachineIdentity.of(TokenType.API_KEY, api.verifyApiKey("ak_valid"));

        assertThat(identity.tokenType()).isEqualTo(TokenType.API_KEY);
        assertThat(identity.subject()).isEqualTo("user_owner");
        assertThat(identity.clientId()).isNull();
        assertThat(identity.machineId()).isNull();
        assertThat(identity.scopes()).containsExactly("read", "write");
        assertThat(identity.hasScope("write")).isTrue();
        assertThat(identity.claims()).containsEntry("env", "ci");
        assertThat(identity.expiresAt()).isNull();
        RecordedRequest request = stub.requests().get(0);
        assertThat(request.path()).isEqualTo("/v1/api_keys/verify");
        assertThat(request.header("Authorization")).contains("Bearer " + secret);
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("{\"secret\":\"ak_valid\"}"));
    }

    @Test
    void oauthTokenIsVerifiedWithThePostedAccessToken() throws Exception {
        stub.addOAuthToken("oat_valid", "user_granter", "client_app", List.of("profile", "email"));

        MachineIdentity identity = MachineIdentity.of(TokenType.OAUTH_TOKEN, api.verifyOAuthToken("oat_valid"));

        assertThat(identity.tokenType()).isEqualTo(TokenType.OAUTH_TOKEN);
        assertThat(identity.subject()).isEqualTo("user_granter");
        assertThat(identity.clientId()).isEqualTo("client_app");
        assertThat(identity.scopes()).containsExactly("profile", "email");
        assertThat(identity.raw()).containsEntry("object", "clerk_idp_oauth_access_token");
        RecordedRequest request = stub.requests().get(0);
        assertThat(request.path()).isEqualTo("/v1/oauth_applications/access_tokens/verify");
        assertThat(request.header("Authorization")).contains("Bearer " + secret);
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("access_token").asText()).isEqualTo("oat_valid");
    }

    @Test
    void unknownMachineTokensAre401TokenInvalid() {
        assertInvalid(() -> api.verifyM2mToken("mt_unknown"), "token-invalid");
        assertInvalid(() -> api.verifyApiKey("ak_unknown"), "token-invalid");
        assertInvalid(() -> api.verifyOAuthToken("oat_unknown"), "token-invalid");
        assertThat(stub.requests()).hasSize(3);
    }

    @Test
    void revokedAndExpiredAnswersAreRefusedEvenWith200() {
        stub.addM2mToken("mt_revoked", "mch_a", List.of(), null);
        stub.addApiKey("ak_expired", "user_a", List.of(), null);
        stub.addOAuthToken("oat_revoked", "user_a", "client_a", List.of());
        stub.revoke("mt_revoked");
        stub.expire("ak_expired");
        stub.revoke("oat_revoked");

        assertInvalid(() -> api.verifyM2mToken("mt_revoked"), "token-invalid");
        assertInvalid(() -> api.verifyApiKey("ak_expired"), "token-expired");
        assertInvalid(() -> api.verifyOAuthToken("oat_revoked"), "token-invalid");
    }

    @Test
    void anExpirationInThePastByOurClockIsExpired() {
        stub.addM2mToken("mt_valid", "mch_a", List.of(), null);
        MutableClock clock = MutableClock.startingNow();
        clock.advance(Duration.ofHours(2));
        try (ClerkBackendApi later =
                BackendFixture.client(stub, secret).clock(clock).build()) {
            assertInvalid(() -> later.verifyM2mToken("mt_valid"), "token-expired");
        }
    }

    @Test
    void serverErrorsOnVerifyAre503AndNeverRetried() {
        stub.addM2mToken("mt_valid", "mch_a", List.of(), null);
        stub.addApiKey("ak_valid", "user_a", List.of(), null);
        stub.addOAuthToken("oat_valid", "user_a", "client_a", List.of());
        stub.fail("/v1/", 500);

        assertUnavailable(() -> api.verifyM2mToken("mt_valid"));
        assertUnavailable(() -> api.verifyApiKey("ak_valid"));
        assertUnavailable(() -> api.verifyOAuthToken("oat_valid"));
        assertThat(stub.requests()).hasSize(3);
    }

    @Test
    void slowVerifyIs503() {
        stub.addM2mToken("mt_valid", "mch_a", List.of(), null);
        stub.delay("/v1/m2m_tokens/verify", BackendFixture.BEYOND_TIMEOUT);

        assertUnavailable(() -> api.verifyM2mToken("mt_valid"));
        assertThat(stub.count("/v1/m2m_tokens/verify")).isEqualTo(1);
    }

    @Test
    void malformedVerifyAnswerIs503() {
        stub.addApiKey("ak_valid", "user_a", List.of(), null);
        stub.malformed("/v1/api_keys/verify");

        assertUnavailable(() -> api.verifyApiKey("ak_valid"));
    }

    @Test
    void refusedConnectionOnVerifyIs503() {
        try (ClerkBackendApi nowhere = ClerkBackendApi.builder()
                .apiUrl(BackendFixture.refusedUrl())
                .secretKey(secret)
                .build()) {
            assertUnavailable(() -> nowhere.verifyM2mToken("mt_valid"));
            assertUnavailable(() -> nowhere.verifyApiKey("ak_valid"));
            assertUnavailable(() -> nowhere.verifyOAuthToken("oat_valid"));
        }
    }

    @Test
    void aRejectedSecretKeyOnVerifyIs503NotAnInvalidToken() {
        stub.addM2mToken("mt_valid", "mch_a", List.of(), null);
        try (ClerkBackendApi misconfigured =
                BackendFixture.client(stub, BackendFixture.randomSecretKey()).build()) {
            assertUnavailable(() -> misconfigured.verifyM2mToken("mt_valid"));
        }
    }

    @Test
    void emptyOrHugeTokensAreInvalidWithoutACall() {
        assertInvalid(() -> api.verifyM2mToken(""), "token-invalid");
        assertInvalid(() -> api.verifyApiKey("ak_" + "x".repeat(9000)), "token-invalid");
        assertThat(stub.requests()).isEmpty();
    }

    // ---- configuration --------------------------------------------------------------------------------------

    @Test
    void apiUrlMustBeHttpsUnlessLoopback() {
        assertThatThrownBy(() -> ClerkBackendApi.builder().apiUrl("http://api.clerk.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https");
        assertThat(ClerkBackendApi.builder()
                        .apiUrl("http://localhost:1234")
                        .secretKey(secret)
                        .build()
                        .apiUrl())
                .hasToString("http://localhost:1234");
        assertThat(ClerkBackendApi.serverUrl(java.net.URI.create("https://api.clerk.com/")))
                .isEqualTo("https://api.clerk.com/v1");
        assertThat(ClerkBackendApi.serverUrl(java.net.URI.create("https://api.clerk.com/v1")))
                .isEqualTo("https://api.clerk.com/v1");
    }

    @Test
    void secretKeyFormatIsCheckedWithoutEchoingIt() {
        String publishable = "pk_test_c2VjcmV0LXNob3VsZC1ub3QtbGVhay5jbGVyay5hY2NvdW50cy5kZXYk";
        assertThatThrownBy(() -> ClerkBackendApi.builder().secretKey(publishable))
                .hasMessageContaining("sk_test_")
                .hasMessageContaining("publishable")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(publishable));
        assertThatThrownBy(() -> ClerkBackendApi.builder().build()).hasMessageContaining("CLERK_SECRET_KEY");
        assertThat(api.toString()).doesNotContain(secret).contains(stub.apiUrl().toString());
    }

    @Test
    void theOfficialSdkIsReachableForOtherCalls() {
        stub.addUser("user_ada", "ada@example.com", "Ada", "Lovelace", null, null);

        var user = api.sdk().users().get("user_ada").user().orElseThrow();

        assertThat(user.firstName()).contains("Ada");
        assertThat(stub.requests().get(0).header("Authorization")).contains("Bearer " + secret);
    }

    private static void assertInvalid(Runnable call, String reason) {
        AuthenticationException error = catchThrowableOfType(AuthenticationException.class, call::run);
        assertThat(error).as("expected %s", reason).isNotNull();
        assertThat(error.reason()).isEqualTo(reason);
        assertThat(error.status()).isEqualTo(401);
    }

    private void assertUnavailable(Runnable call) {
        AuthenticationException error = catchThrowableOfType(AuthenticationException.class, call::run);
        assertThat(error).isNotNull();
        assertThat(error.reason()).isEqualTo("machine-token-verification-unavailable");
        assertThat(error.status()).isEqualTo(503);
        assertThat(error.getMessage()).doesNotContain(secret);
    }
}
