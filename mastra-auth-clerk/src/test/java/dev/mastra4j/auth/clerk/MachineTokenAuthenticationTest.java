package dev.mastra4j.auth.clerk;

import static dev.mastra4j.auth.clerk.WiredFixture.bearer;
import static dev.mastra4j.auth.clerk.WiredFixture.cookie;
import static dev.mastra4j.auth.clerk.WiredFixture.decide;
import static dev.mastra4j.auth.clerk.WiredFixture.randomToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.auth.AuthDecision.Allowed;
import dev.mastra4j.auth.AuthDecision.Rejected;
import dev.mastra4j.auth.AuthRule;
import dev.mastra4j.auth.AuthenticationException;
import dev.mastra4j.auth.RoutePattern;
import dev.mastra4j.auth.TestRequest;
import dev.mastra4j.testing.CapturedStderr;
import dev.mastra4j.testing.LocalClerkBackendApi;
import dev.mastra4j.testing.LocalClerkIssuer;
import dev.mastra4j.testing.MutableClock;
import dev.mastra4j.testing.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Machine tokens through MastraAuthClerk: routing, acceptance, the Backend API verify calls, caching and outages. */
class MachineTokenAuthenticationTest {

    private static final String M2M_VERIFY = "/v1/m2m_tokens/verify";
    private static final String API_KEY_VERIFY = "/v1/api_keys/verify";
    private static final String OAUTH_VERIFY = "/v1/oauth_applications/access_tokens/verify";

    private static LocalClerkIssuer issuer;
    private static LocalClerkBackendApi backend;
    private static String m2mToken;
    private static String apiKey;
    private static String oauthToken;

    @BeforeAll
    static void start() {
        issuer = LocalClerkIssuer.start();
        backend = LocalClerkBackendApi.forIssuer(issuer);
        m2mToken = randomToken("mt_");
        apiKey = randomToken("ak_");
        oauthToken = randomToken("oat_");
        backend.addM2mToken(m2mToken, "mch_reporting", List.of("mch_api"), Map.of("team", "data"));
        backend.addApiKey(apiKey, "user_owner", List.of("read"), Map.of());
        backend.addOAuthToken(oauthToken, "user_granter", "client_app", List.of("profile"));
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

    private static String tokenOf(TokenType type) {
        return switch (type) {
            case M2M_TOKEN -> m2mToken;
            case API_KEY -> apiKey;
            case OAUTH_TOKEN -> oauthToken;
            case SESSION_TOKEN -> issuer.token();
        };
    }

    private static String verifyPath(TokenType type) {
        return switch (type) {
            case M2M_TOKEN -> M2M_VERIFY;
            case API_KEY -> API_KEY_VERIFY;
            case OAUTH_TOKEN -> OAUTH_VERIFY;
            case SESSION_TOKEN -> throw new IllegalArgumentException();
        };
    }

    private static AuthenticationException refusal(MastraAuthClerk clerk, String token, TestRequest request) {
        try {
            clerk.authenticateToken(token, request);
        } catch (AuthenticationException e) {
            return e;
        }
        throw new AssertionError("The token was accepted");
    }

    @ParameterizedTest
    @EnumSource(
            value = TokenType.class,
            names = {"M2M_TOKEN", "API_KEY", "OAUTH_TOKEN"})
    void eachAcceptedMachineTokenIsVerifiedByTheBackendApiWithTheSecretKey(TokenType type) {
        String token = tokenOf(type);
        try (MastraAuthClerk clerk =
                clerk().acceptsToken("session_token", type.wireName()).build()) {
            ClerkPrincipal principal = clerk.authenticateToken(token, bearer(token));

            MachineIdentity machine = (MachineIdentity) principal;
            assertThat(machine.tokenType()).isEqualTo(type);
            switch (type) {
                case M2M_TOKEN -> {
                    assertThat(machine.subject()).isEqualTo("mch_reporting");
                    assertThat(machine.machineId()).isEqualTo("mch_reporting");
                    assertThat(machine.scopes()).containsExactly("mch_api");
                    assertThat(machine.claims()).containsEntry("team", "data");
                }
                case API_KEY -> {
                    assertThat(machine.subject()).isEqualTo("user_owner");
                    assertThat(machine.hasScope("read")).isTrue();
                }
                case OAUTH_TOKEN -> {
                    assertThat(machine.subject()).isEqualTo("user_granter");
                    assertThat(machine.clientId()).isEqualTo("client_app");
                }
                default -> throw new AssertionError(type);
            }
            assertThat(clerk.mapUserToResourceId(principal)).isEqualTo(machine.subject());
            assertThat(decide(clerk, bearer(token)))
                    .isInstanceOfSatisfying(
                            Allowed.class,
                            allowed -> assertThat(allowed.resourceId()).isEqualTo(machine.subject()));
        }
        RecordedRequest verify = backend.requests().get(0);
        assertThat(verify.method()).isEqualTo("POST");
        assertThat(verify.path()).isEqualTo(verifyPath(type));
        assertThat(verify.header("Authorization")).contains("Bearer " + issuer.secretKey());
        assertThat(verify.body()).contains(token);
    }

    @ParameterizedTest
    @EnumSource(
            value = TokenType.class,
            names = {"M2M_TOKEN", "API_KEY", "OAUTH_TOKEN"})
    void anUnknownMachineTokenIsInvalidAndAnOutageIsA503WhileSessionsStillPass(TokenType type) {
        String unknown = randomToken(type.opaquePrefix().orElseThrow());
        try (MastraAuthClerk clerk =
                clerk().acceptsToken("session_token", type.wireName()).build()) {
            AuthenticationException invalid = refusal(clerk, unknown, bearer(unknown));
            assertThat(invalid.reason()).isEqualTo("token-invalid");
            assertThat(invalid.status()).isEqualTo(401);
            assertThat(decide(clerk, bearer(unknown))).isInstanceOfSatisfying(Rejected.class, r -> {
                assertThat(r.status()).isEqualTo(401);
                assertThat(r.reason()).isEqualTo("token-invalid");
            });

            backend.fail(verifyPath(type), 500);
            String known = tokenOf(type);
            AuthenticationException down = refusal(clerk, known, bearer(known));
            assertThat(down.reason()).isEqualTo("machine-token-verification-unavailable");
            assertThat(down.status()).isEqualTo(503);
            assertThat(decide(clerk, bearer(known))).isInstanceOfSatisfying(Rejected.class, r -> {
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.reason()).isEqualTo("machine-token-verification-unavailable");
            });

            int before = backend.requests().size();
            String session = issuer.token("user_during_outage");
            assertThat(clerk.authenticateToken(session, bearer(session)).subject())
                    .isEqualTo("user_during_outage");
            assertThat(decide(clerk, bearer(session))).isInstanceOf(Allowed.class);
            assertThat(backend.requests())
                    .as("session tokens never ask the Backend API")
                    .hasSize(before);
        }
    }

    @Test
    void anUnreachableBackendApiIsA503ForMachineTokensOnly() {
        try (MastraAuthClerk clerk =
                clerk().apiUrl(WiredFixture.refusedUrl()).acceptsToken("any").build()) {
            AuthenticationException down = refusal(clerk, apiKey, bearer(apiKey));
            assertThat(down.reason()).isEqualTo("machine-token-verification-unavailable");
            assertThat(down.status()).isEqualTo(503);
            String session = issuer.token();
            assertThat(clerk.authenticateToken(session, bearer(session))).isInstanceOf(ClerkUser.class);
        }
    }

    @Test
    void aPositiveVerificationIsReusedForTheCacheWindowOnly() {
        MutableClock clock = new MutableClock(Instant.now());
        try (MastraAuthClerk clerk =
                clerk().acceptsToken("m2m_token").clock(clock).build()) {
            clerk.authenticateToken(m2mToken, bearer(m2mToken));
            clerk.authenticateToken(m2mToken, bearer(m2mToken));
            assertThat(backend.count(M2M_VERIFY)).isEqualTo(1);
            clock.set(clock.instant().plusSeconds(9));
            clerk.authenticateToken(m2mToken, bearer(m2mToken));
            assertThat(backend.count(M2M_VERIFY)).isEqualTo(1);
            clock.set(clock.instant().plusSeconds(2));
            clerk.authenticateToken(m2mToken, bearer(m2mToken));
            assertThat(backend.count(M2M_VERIFY))
                    .as("10 s later, Clerk is asked again")
                    .isEqualTo(2);
        }
        backend.reset();
        try (MastraAuthClerk uncached = clerk().acceptsToken("m2m_token")
                .machineTokenCacheTtl(Duration.ZERO)
                .build()) {
            for (int i = 0; i < 3; i++) {
                uncached.authenticateToken(m2mToken, bearer(m2mToken));
            }
            assertThat(backend.count(M2M_VERIFY)).isEqualTo(3);
        }
    }

    @Test
    void clerksInvalidAnswerIsRememberedForThirtySecondsButAnOutageIsNot() {
        String unknown = randomToken("mt_");
        MutableClock clock = new MutableClock(Instant.now());
        try (MastraAuthClerk clerk =
                clerk().acceptsToken("m2m_token").clock(clock).build()) {
            assertThat(refusal(clerk, unknown, bearer(unknown)).reason()).isEqualTo("token-invalid");
            assertThat(refusal(clerk, unknown, bearer(unknown)).reason()).isEqualTo("token-invalid");
            assertThat(backend.count(M2M_VERIFY)).isEqualTo(1);
            clock.set(clock.instant().plusSeconds(31));
            refusal(clerk, unknown, bearer(unknown));
            assertThat(backend.count(M2M_VERIFY)).isEqualTo(2);

            backend.fail(M2M_VERIFY, 503);
            String other = randomToken("mt_");
            assertThat(refusal(clerk, other, bearer(other)).status()).isEqualTo(503);
            assertThat(refusal(clerk, other, bearer(other)).status()).isEqualTo(503);
            assertThat(backend.count(M2M_VERIFY)).isEqualTo(4);
        }
    }

    @Test
    void byDefaultMachineTokensAreATypeMismatchWithoutAnyCall() {
        try (MastraAuthClerk clerk = clerk().build()) {
            assertThat(clerk.acceptedTokenTypes()).containsExactly(TokenType.SESSION_TOKEN);
            for (String token : List.of(m2mToken, apiKey, oauthToken)) {
                AuthenticationException e = refusal(clerk, token, bearer(token));
                assertThat(e.reason()).isEqualTo("token-type-mismatch");
                assertThat(e.status()).isEqualTo(401);
            }
        }
        assertThat(backend.requests()).isEmpty();
    }

    @Test
    void aTypeOutsideTheAcceptedSetIsATypeMismatch() {
        try (MastraAuthClerk clerk =
                clerk().acceptsToken(TokenType.SESSION_TOKEN, TokenType.API_KEY).build()) {
            assertThat(refusal(clerk, m2mToken, bearer(m2mToken)).reason()).isEqualTo("token-type-mismatch");
            assertThat(refusal(clerk, oauthToken, bearer(oauthToken)).reason()).isEqualTo("token-type-mismatch");
            assertThat(clerk.authenticateToken(apiKey, bearer(apiKey))).isInstanceOf(MachineIdentity.class);
        }
        assertThat(backend.count(M2M_VERIFY) + backend.count(OAUTH_VERIFY)).isZero();
    }

    @Test
    void aServerForMachinesOnlyRefusesSessionTokens() {
        try (MastraAuthClerk clerk = clerk().acceptsToken("m2m_token").build()) {
            String session = issuer.token();
            assertThat(refusal(clerk, session, bearer(session)).reason()).isEqualTo("token-type-mismatch");
            assertThat(clerk.authenticateToken(m2mToken, bearer(m2mToken)).subject())
                    .isEqualTo("mch_reporting");
        }
    }

    @Test
    void aMachineTokenCountsOnlyInTheAuthorizationHeader() {
        try (MastraAuthClerk clerk = clerk().acceptsToken("any").build()) {
            assertThat(refusal(clerk, m2mToken, cookie(m2mToken)).reason()).isEqualTo("token-type-mismatch");
            assertThat(decide(clerk, cookie(apiKey))).isInstanceOfSatisfying(Rejected.class, r -> {
                assertThat(r.status()).isEqualTo(401);
                assertThat(r.reason()).isEqualTo("token-type-mismatch");
            });
            // In the header of some other request, or with no request at all, it is not this request's header.
            assertThat(refusal(clerk, m2mToken, bearer("something-else")).reason())
                    .isEqualTo("token-type-mismatch");
            assertThat(refusal(clerk, m2mToken, null).reason()).isEqualTo("token-type-mismatch");
            String session = issuer.token();
            assertThat(clerk.authenticateToken(session, cookie(session))).isInstanceOf(ClerkUser.class);
        }
        assertThat(backend.requests()).isEmpty();
    }

    @Test
    void jwtFormM2mAndOAuthTokensAreVerifiedLocallyWithTheSessionKeys() {
        String m2mJwt = issuer.tokenBuilder()
                .subject("mch_batch")
                .header("cat", WiredFixture.M2M_CATEGORY)
                .claim("jti", "mt_jwt_1")
                .claim("scopes", "mch_api mch_search")
                .build();
        String oauthJwt = issuer.tokenBuilder()
                .subject("user_granter")
                .header("typ", "at+jwt")
                .claim("client_id", "client_app")
                .claim("scope", "profile email")
                .build();
        try (MastraAuthClerk clerk = clerk().acceptsToken("session_token", "m2m_token", "oauth_token")
                .build()) {
            MachineIdentity m2m = (MachineIdentity) clerk.authenticateToken(m2mJwt, bearer(m2mJwt));
            assertThat(m2m.tokenType()).isEqualTo(TokenType.M2M_TOKEN);
            assertThat(m2m.machineId()).isEqualTo("mch_batch");
            assertThat(m2m.id()).isEqualTo("mt_jwt_1");
            assertThat(m2m.scopes()).containsExactly("mch_api", "mch_search");

            MachineIdentity oauth = (MachineIdentity) clerk.authenticateToken(oauthJwt, bearer(oauthJwt));
            assertThat(oauth.tokenType()).isEqualTo(TokenType.OAUTH_TOKEN);
            assertThat(oauth.subject()).isEqualTo("user_granter");
            assertThat(oauth.clientId()).isEqualTo("client_app");
            assertThat(oauth.scopes()).containsExactly("profile", "email");

            assertThat(refusal(clerk, m2mJwt, cookie(m2mJwt)).reason()).isEqualTo("token-type-mismatch");
        }
        assertThat(backend.requests())
                .as("no Backend API call and no JWKS fetch")
                .isEmpty();
        assertThat(issuer.jwksFetchCount()).isZero();
    }

    @Test
    void jwtFormMachineTokensGetTheSameSignatureIssuerAndExpiryChecks() {
        try (MastraAuthClerk clerk =
                clerk().acceptsToken("m2m_token", "oauth_token").build()) {
            String forged = issuer.tokenBuilder()
                    .subject("mch_batch")
                    .header("cat", WiredFixture.M2M_CATEGORY)
                    .signWithUntrustedKey()
                    .build();
            assertThat(refusal(clerk, forged, bearer(forged)).reason()).isEqualTo("token-invalid-signature");
            String foreign = issuer.tokenBuilder()
                    .subject("user_a")
                    .header("typ", "at+jwt")
                    .issuer("https://evil.example")
                    .build();
            assertThat(refusal(clerk, foreign, bearer(foreign)).reason()).isEqualTo("token-invalid-issuer");
            String expired = issuer.tokenBuilder()
                    .subject("mch_batch")
                    .header("cat", WiredFixture.M2M_CATEGORY)
                    .exp(Instant.now().minusSeconds(60))
                    .build();
            assertThat(refusal(clerk, expired, bearer(expired)).reason()).isEqualTo("token-expired");
            String personByCategory = issuer.tokenBuilder()
                    .subject("user_pretender")
                    .header("cat", WiredFixture.M2M_CATEGORY)
                    .build();
            assertThat(refusal(clerk, personByCategory, bearer(personByCategory))
                            .reason())
                    .isEqualTo("token-invalid");
        }
    }

    @Test
    void jwtFormMachineTokensOfATypeNotAcceptedNeverPassAsSessions() {
        try (MastraAuthClerk clerk = clerk().build()) {
            String byCategory = issuer.tokenBuilder()
                    .subject("mch_batch")
                    .header("cat", WiredFixture.M2M_CATEGORY)
                    .build();
            assertThat(refusal(clerk, byCategory, bearer(byCategory)).reason()).isEqualTo("token-invalid");
            String bySubject = issuer.tokenBuilder().subject("mch_batch").build();
            assertThat(refusal(clerk, bySubject, bearer(bySubject)).reason()).isEqualTo("token-type-mismatch");
            String accessToken = issuer.tokenBuilder().header("typ", "at+jwt").build();
            assertThat(refusal(clerk, accessToken, bearer(accessToken)).reason())
                    .isEqualTo("token-invalid");
        }
    }

    @Test
    void conditionalRulesNeverGrantAMachineButPlainOnesApplyToEveryone() {
        AuthRule<ClerkUser> adminsOnly = AuthRule.allowIf(RoutePattern.of("/api/agents"), user -> user.has("admin"));
        AuthRule<ClerkUser> openTools = AuthRule.allow(RoutePattern.of("/api/tools"));
        try (MastraAuthClerk clerk = clerk().acceptsToken("any")
                .rules(List.of(adminsOnly, openTools))
                .build()) {
            String admin =
                    issuer.tokenBuilder().organization("org_1", "one", "admin").build();
            assertThat(decide(clerk, bearer(admin))).isInstanceOf(Allowed.class);
            assertThat(decide(clerk, bearer(apiKey)))
                    .isInstanceOfSatisfying(
                            Rejected.class, r -> assertThat(r.status()).isEqualTo(403));
            TestRequest tools = TestRequest.get("/api/tools").header("Authorization", "Bearer " + apiKey);
            assertThat(decide(clerk, tools)).isInstanceOf(Allowed.class);
        }
    }

    @Test
    void acceptedTypesAreNamedAsClerkNamesThem() {
        try (MastraAuthClerk any = clerk().acceptsToken(" ANY ").build()) {
            assertThat(any.acceptedTokenTypes()).containsExactlyInAnyOrder(TokenType.values());
        }
        assertThatThrownBy(() -> clerk().acceptsToken("m2m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m2m_token");
        assertThatThrownBy(() -> clerk().acceptsToken(new String[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clerk().machineTokenCacheTtl(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noMessageOrLogLineShowsTheSecretKeyOrTheToken() {
        String[] messages = new String[4];
        String log = CapturedStderr.during(() -> {
            try (MastraAuthClerk clerk = clerk().acceptsToken("any").build()) {
                backend.fail("/v1/", 500);
                messages[0] = refusal(clerk, m2mToken, bearer(m2mToken)).getMessage();
                messages[1] = refusal(clerk, apiKey, cookie(apiKey)).getMessage();
                backend.fail("/v1/", 401);
                messages[2] = refusal(clerk, oauthToken, bearer(oauthToken)).getMessage();
                backend.fail("/v1/", 404);
                messages[3] = refusal(clerk, m2mToken, bearer(m2mToken)).getMessage();
                messages[3] += clerk.toString();
            }
        });
        for (String message : messages) {
            assertThat(message)
                    .isNotBlank()
                    .doesNotContain(issuer.secretKey())
                    .doesNotContain(m2mToken)
                    .doesNotContain(apiKey)
                    .doesNotContain(oauthToken);
        }
        assertThat(log)
                .contains("WARN")
                .doesNotContain(issuer.secretKey())
                .doesNotContain(m2mToken)
                .doesNotContain(apiKey)
                .doesNotContain(oauthToken);
    }
}
