package dev.mastra4j.auth.clerk.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mastra4j.auth.AuthReason;
import dev.mastra4j.auth.AuthenticationException;
import dev.mastra4j.auth.clerk.MachineIdentity;
import dev.mastra4j.auth.clerk.MachineTokenVerifier;
import dev.mastra4j.auth.clerk.TokenType;
import dev.mastra4j.auth.jwt.ClaimValidator;
import dev.mastra4j.auth.jwt.JwtKeySource;
import dev.mastra4j.auth.jwt.JwtVerifier;
import dev.mastra4j.testing.CapturedStderr;
import dev.mastra4j.testing.LocalClerkBackendApi;
import dev.mastra4j.testing.LocalClerkIssuer;
import dev.mastra4j.testing.MutableClock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MachineTokenVerifierTest {

    private static final Set<TokenType> ALL_MACHINE =
            EnumSet.of(TokenType.M2M_TOKEN, TokenType.API_KEY, TokenType.OAUTH_TOKEN);

    private String secret;
    private LocalClerkBackendApi stub;
    private ClerkBackendApi api;
    private MutableClock clock;

    @BeforeEach
    void start() {
        secret = BackendFixture.randomSecretKey();
        stub = LocalClerkBackendApi.start(secret);
        clock = MutableClock.startingNow();
        api = BackendFixture.client(stub, secret).clock(clock).build();
        stub.addM2mToken("mt_good", "mch_caller", List.of("mch_me"), Map.of());
        stub.addApiKey("ak_good", "org_owner", List.of("read"), Map.of());
        stub.addOAuthToken("oat_good", "user_granter", "client_1", List.of("profile"));
    }

    @AfterEach
    void stop() {
        api.close();
        stub.close();
    }

    @Test
    void eachPrefixGoesToItsOwnVerifyEndpoint() {
        MachineTokenVerifier verifier =
                MachineTokenVerifier.builder(api).accepts(ALL_MACHINE).build();

        assertThat(verifier.verify("mt_good").tokenType()).isEqualTo(TokenType.M2M_TOKEN);
        assertThat(verifier.verify("ak_good").subject()).isEqualTo("org_owner");
        assertThat(verifier.verify("oat_good").clientId()).isEqualTo("client_1");

        assertThat(stub.count("/v1/m2m_tokens/verify")).isEqualTo(1);
        assertThat(stub.count("/v1/api_keys/verify")).isEqualTo(1);
        assertThat(stub.count("/v1/oauth_applications/access_tokens/verify")).isEqualTo(1);
        assertThat(stub.requests())
                .allSatisfy(r -> assertThat(r.header("Authorization")).contains("Bearer " + secret));
    }

    @Test
    void aTypeTheServerDoesNotAcceptIsATypeMismatchWithoutAnyCall() {
        MachineTokenVerifier onlyM2m =
                MachineTokenVerifier.builder(api).accepts(TokenType.M2M_TOKEN).build();

        assertMismatch(() -> onlyM2m.verify("ak_good"));
        assertMismatch(() -> onlyM2m.verify("oat_good"));
        assertThat(onlyM2m.verify("mt_good").subject()).isEqualTo("mch_caller");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void theDefaultAcceptsSessionTokensOnlySoEveryMachineTokenIsAMismatch() {
        MachineTokenVerifier defaults = MachineTokenVerifier.builder(api).build();

        assertThat(defaults.acceptedTypes()).containsExactly(TokenType.SESSION_TOKEN);
        assertMismatch(() -> defaults.verify("mt_good"));
        assertMismatch(() -> defaults.verify("ak_good"));
        assertMismatch(() -> defaults.verify("oat_good"));
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void aSessionTokenIsNeverVerifiedHere() {
        MachineTokenVerifier verifier = MachineTokenVerifier.builder(api)
                .accepts(EnumSet.allOf(TokenType.class))
                .build();
        try (LocalClerkIssuer issuer = LocalClerkIssuer.start()) {
            assertMismatch(() -> verifier.verify(issuer.token()));
        }
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void withTtlZeroEveryVerificationCallsTheBackendApi() {
        MachineTokenVerifier uncached = MachineTokenVerifier.builder(api)
                .accepts(ALL_MACHINE)
                .cacheTtl(Duration.ZERO)
                .clock(clock)
                .build();

        for (int i = 0; i < 5; i++) {
            assertThat(uncached.verify("mt_good").subject()).isEqualTo("mch_caller");
        }

        assertThat(stub.count("/v1/m2m_tokens/verify")).isEqualTo(5);
        assertThat(uncached.cacheSize()).isZero();
    }

    @Test
    void withTheDefaultTtlRepeatedVerificationsCallOnceUntilTheWindowEnds() {
        MachineTokenVerifier cached = MachineTokenVerifier.builder(api)
                .accepts(ALL_MACHINE)
                .clock(clock)
                .build();

        for (int i = 0; i < 5; i++) {
            cached.verify("mt_good");
            cached.verify("ak_good");
        }
        assertThat(stub.count("/v1/m2m_tokens/verify")).isEqualTo(1);
        assertThat(stub.count("/v1/api_keys/verify")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(9));
        cached.verify("mt_good");
        assertThat(stub.count("/v1/m2m_tokens/verify")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        cached.verify("mt_good");
        assertThat(stub.count("/v1/m2m_tokens/verify")).isEqualTo(2);
    }

    @Test
    void aCachedResultNeverOutlivesTheTokensOwnExpiry() {
        MachineTokenVerifier longCache = MachineTokenVerifier.builder(api)
                .accepts(ALL_MACHINE)
                .cacheTtl(Duration.ofHours(3))
                .clock(clock)
                .build();
        longCache.verify("mt_good");

        // The stub's M2M tokens expire an hour after they were added.
        clock.advance(Duration.ofMinutes(61));
        AuthenticationException error =
                catchThrowableOfType(AuthenticationException.class, () -> longCache.verify("mt_good"));

        assertThat(error.reason()).isEqualTo("token-expired");
        assertThat(stub.count("/v1/m2m_tokens/verify")).isEqualTo(2);
    }

    @Test
    void outagesAreNotCachedButClerksInvalidAnswerIsForThirtySeconds() {
        MachineTokenVerifier cached = MachineTokenVerifier.builder(api)
                .accepts(ALL_MACHINE)
                .clock(clock)
                .build();

        stub.fail("/v1/m2m_tokens/verify", 502);
        assertThat(catchThrowableOfType(AuthenticationException.class, () -> cached.verify("mt_good"))
                        .status())
                .isEqualTo(503);
        stub.clearFaults();
        assertThat(cached.verify("mt_good").subject()).isEqualTo("mch_caller");
        assertThat(stub.count("/v1/m2m_tokens/verify")).isEqualTo(2);

        for (int i = 0; i < 5; i++) {
            assertThat(catchThrowableOfType(AuthenticationException.class, () -> cached.verify("oat_unknown"))
                            .reason())
                    .isEqualTo("token-invalid");
        }
        assertThat(stub.count("/v1/oauth_applications/")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(29));
        catchThrowableOfType(AuthenticationException.class, () -> cached.verify("oat_unknown"));
        assertThat(stub.count("/v1/oauth_applications/")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        catchThrowableOfType(AuthenticationException.class, () -> cached.verify("oat_unknown"));
        assertThat(stub.count("/v1/oauth_applications/"))
                .as("30 s later Clerk is asked again")
                .isEqualTo(2);
    }

    @Test
    void revokedAndExpiredAnswersAreRememberedLikeUnknownTokens() {
        MachineTokenVerifier cached = MachineTokenVerifier.builder(api)
                .accepts(ALL_MACHINE)
                .clock(clock)
                .cacheTtl(Duration.ZERO)
                .build();
        stub.addApiKey("ak_revoked", "user_1", List.of(), null);
        stub.revoke("ak_revoked");
        stub.addM2mToken("mt_expired", "mch_1", List.of(), null);
        stub.expire("mt_expired");

        for (int i = 0; i < 3; i++) {
            assertThat(catchThrowableOfType(AuthenticationException.class, () -> cached.verify("ak_revoked"))
                            .reason())
                    .isEqualTo("token-invalid");
            assertThat(catchThrowableOfType(AuthenticationException.class, () -> cached.verify("mt_expired"))
                            .reason())
                    .isEqualTo("token-expired");
        }
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void withBothTtlsZeroNothingIsRemembered() {
        MachineTokenVerifier uncached = MachineTokenVerifier.builder(api)
                .accepts(ALL_MACHINE)
                .clock(clock)
                .cacheTtl(Duration.ZERO)
                .invalidTokenCacheTtl(Duration.ZERO)
                .build();
        for (int i = 0; i < 3; i++) {
            catchThrowableOfType(AuthenticationException.class, () -> uncached.verify("mt_unknown"));
        }
        assertThat(stub.count("/v1/m2m_tokens/verify")).isEqualTo(3);
    }

    @Test
    void randomTokensFromOneAddressCostAtMostTheBurst() {
        MachineTokenVerifier verifier = MachineTokenVerifier.builder(api)
                .accepts(ALL_MACHINE)
                .clock(clock)
                .build();
        int limited = 0;
        for (int i = 0; i < 30; i++) {
            AuthenticationException error = catchThrowableOfType(
                    AuthenticationException.class, () -> verifier.verify(randomOpaque("mt_"), "203.0.113.9"));
            if (error.status() == 429) {
                assertThat(error.reason()).isEqualTo(AuthReason.MACHINE_TOKEN_RATE_LIMITED.wireName());
                limited++;
            } else {
                assertThat(error.reason()).isEqualTo("token-invalid");
            }
        }
        assertThat(stub.count("/v1/m2m_tokens/verify")).isEqualTo(20);
        assertThat(limited).isEqualTo(10);

        // Another address is not affected; this one gets a permit back every 100 ms.
        assertThat(verifier.verify("mt_good", "198.51.100.4").subject()).isEqualTo("mch_caller");
        clock.advance(Duration.ofMillis(100));
        assertThat(catchThrowableOfType(
                                AuthenticationException.class,
                                () -> verifier.verify(randomOpaque("ak_"), "203.0.113.9"))
                        .reason())
                .isEqualTo("token-invalid");
        assertThat(catchThrowableOfType(
                                AuthenticationException.class,
                                () -> verifier.verify(randomOpaque("ak_"), "203.0.113.9"))
                        .status())
                .isEqualTo(429);
    }

    @Test
    void validTokensAndHeldBackCallsGiveTheirPermitBack() {
        MachineTokenVerifier uncached = MachineTokenVerifier.builder(api)
                .accepts(ALL_MACHINE)
                .clock(clock)
                .cacheTtl(Duration.ZERO)
                .rateLimit(3, 1)
                .build();
        for (int i = 0; i < 50; i++) {
            assertThat(uncached.verify("mt_good", "203.0.113.9").subject()).isEqualTo("mch_caller");
        }
        assertThat(stub.count("/v1/m2m_tokens/verify")).isEqualTo(50);

        try (ClerkBackendApi guarded = BackendFixture.client(stub, secret)
                .clock(clock)
                .circuitBreaker(1, Duration.ofSeconds(30))
                .build()) {
            MachineTokenVerifier verifier = MachineTokenVerifier.builder(guarded)
                    .accepts(ALL_MACHINE)
                    .clock(clock)
                    .rateLimit(3, 1)
                    .build();
            stub.fail("/v1/", 500, 1);
            assertThat(catchThrowableOfType(
                                    AuthenticationException.class, () -> verifier.verify("ak_good", "203.0.113.9"))
                            .status())
                    .isEqualTo(503);
            for (int i = 0; i < 10; i++) {
                assertThat(catchThrowableOfType(
                                        AuthenticationException.class, () -> verifier.verify("ak_good", "203.0.113.9"))
                                .status())
                        .as("breaker open, not 429")
                        .isEqualTo(503);
            }
            clock.advance(Duration.ofSeconds(30));
            assertThat(verifier.verify("ak_good", "203.0.113.9").subject()).isEqualTo("org_owner");
        }
    }

    @Test
    void concurrentVerificationsOfOneTokenShareOneCall() throws Exception {
        MachineTokenVerifier verifier = MachineTokenVerifier.builder(api)
                .accepts(ALL_MACHINE)
                .clock(clock)
                .build();
        stub.delay("/v1/m2m_tokens/verify", Duration.ofMillis(300));
        try (java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<MachineIdentity>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                results.add(pool.submit(() -> verifier.verify("mt_good", "203.0.113.9")));
            }
            for (java.util.concurrent.Future<MachineIdentity> result : results) {
                assertThat(result.get(10, java.util.concurrent.TimeUnit.SECONDS).subject())
                        .isEqualTo("mch_caller");
            }
        }
        assertThat(stub.count("/v1/m2m_tokens/verify")).isEqualTo(1);
    }

    @Test
    void outagesOfEachKindAre503WithTheUnavailableReason() {
        MachineTokenVerifier verifier = MachineTokenVerifier.builder(api)
                .accepts(ALL_MACHINE)
                .clock(clock)
                .build();

        stub.fail("/v1/api_keys/verify", 500);
        assertUnavailable(() -> verifier.verify("ak_good"));
        stub.clearFaults();
        stub.delay("/v1/oauth_applications/", BackendFixture.BEYOND_TIMEOUT);
        assertUnavailable(() -> verifier.verify("oat_good"));
        stub.clearFaults();

        try (ClerkBackendApi nowhere = ClerkBackendApi.builder()
                .apiUrl(BackendFixture.refusedUrl())
                .secretKey(secret)
                .build()) {
            MachineTokenVerifier unreachable =
                    MachineTokenVerifier.builder(nowhere).accepts(ALL_MACHINE).build();
            assertUnavailable(() -> unreachable.verify("mt_good"));
        }
    }

    @Test
    void anOutageLogsOneWarningNotOnePerRequest() {
        MachineTokenVerifier verifier = MachineTokenVerifier.builder(api)
                .accepts(ALL_MACHINE)
                .clock(clock)
                .build();
        stub.fail("/v1/", 500);

        String log = CapturedStderr.during(() -> {
            for (int i = 0; i < 5; i++) {
                assertUnavailable(() -> verifier.verify("mt_good"));
            }
        });

        assertThat(log.lines().filter(line -> line.contains("WARN") && line.contains("verification unavailable")))
                .hasSize(1);
        assertThat(log.lines().filter(line -> line.contains("WARN") && line.contains("circuit breaker open")))
                .hasSize(1);
        assertThat(log.lines().filter(line -> line.contains("WARN"))).hasSize(2);
        assertThat(log).doesNotContain(secret).doesNotContain("mt_good");
    }

    @Test
    void theCacheIsBounded() {
        MachineTokenVerifier small = MachineTokenVerifier.builder(api)
                .accepts(ALL_MACHINE)
                .maxEntries(5)
                .clock(clock)
                .build();
        for (int i = 0; i < 40; i++) {
            stub.addApiKey("ak_key" + i, "user_" + i, List.of(), null);
            assertThat(small.verify("ak_key" + i).subject()).isEqualTo("user_" + i);
            assertThat(small.cacheSize()).isLessThanOrEqualTo(5);
        }
    }

    @Test
    void jwtFormM2mTokensAreVerifiedLocallyWithoutTheBackendApi() {
        try (LocalClerkIssuer issuer = LocalClerkIssuer.start();
                JwtVerifier jwt = JwtVerifier.builder()
                        .keySource(JwtKeySource.pem(issuer.jwtKeyPem()))
                        .claimValidator(ClaimValidator.expiry(Duration.ofSeconds(5)))
                        .claimValidator(ClaimValidator.issuer(issuer.issuer()))
                        .build()) {
            MachineTokenVerifier verifier = MachineTokenVerifier.builder(api)
                    .accepts(TokenType.M2M_TOKEN)
                    .jwtVerifier(jwt)
                    .build();
            String m2mJwt = issuer.tokenBuilder()
                    .subject("mch_robot")
                    .claim("jti", "mt_jwt_1")
                    .claim("scopes", List.of("mch_me"))
                    .build();

            MachineIdentity identity = verifier.verify(m2mJwt);

            assertThat(identity.tokenType()).isEqualTo(TokenType.M2M_TOKEN);
            assertThat(identity.subject()).isEqualTo("mch_robot");
            assertThat(identity.machineId()).isEqualTo("mch_robot");
            assertThat(identity.id()).isEqualTo("mt_jwt_1");
            assertThat(identity.scopes()).containsExactly("mch_me");
            assertThat(stub.requests()).isEmpty();

            String forged = issuer.tokenBuilder()
                    .subject("mch_robot")
                    .signWithUntrustedKey()
                    .build();
            assertThat(catchThrowableOfType(AuthenticationException.class, () -> verifier.verify(forged))
                            .reason())
                    .isEqualTo("token-invalid-signature");
        }
    }

    @Test
    void jwtFormMachineTokensWithoutLocalKeysAreInvalid() {
        MachineTokenVerifier verifier =
                MachineTokenVerifier.builder(api).accepts(ALL_MACHINE).build();
        try (LocalClerkIssuer issuer = LocalClerkIssuer.start()) {
            String m2mJwt = issuer.tokenBuilder().subject("mch_robot").build();
            AuthenticationException error =
                    catchThrowableOfType(AuthenticationException.class, () -> verifier.verify(m2mJwt));
            assertThat(error.reason()).isEqualTo("token-invalid");
            assertThat(error.getMessage()).doesNotContain(m2mJwt);
        }
        assertThat(stub.requests()).isEmpty();
    }

    private static String randomOpaque(String prefix) {
        byte[] bytes = new byte[16];
        new java.security.SecureRandom().nextBytes(bytes);
        return prefix + java.util.HexFormat.of().formatHex(bytes);
    }

    private static void assertMismatch(Runnable call) {
        AuthenticationException error = catchThrowableOfType(AuthenticationException.class, call::run);
        assertThat(error).isNotNull();
        assertThat(error.reason()).isEqualTo("token-type-mismatch");
        assertThat(error.status()).isEqualTo(401);
    }

    private void assertUnavailable(Runnable call) {
        AuthenticationException error = catchThrowableOfType(AuthenticationException.class, call::run);
        assertThat(error).isNotNull();
        assertThat(error.reason()).isEqualTo("machine-token-verification-unavailable");
        assertThat(error.status()).isEqualTo(503);
    }
}
