package dev.mastra4j.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.auth.AuthDecision.Allowed;
import dev.mastra4j.auth.AuthDecision.Open;
import dev.mastra4j.auth.AuthDecision.Rejected;
import dev.mastra4j.testing.CapturedStderr;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthPipelineTest {

    record User(String name, boolean admin) {}

    static final User ALICE = new User("alice", true);
    static final User BOB = new User("bob", false);
    static final String ALICE_TOKEN = "alice-secret-token-0001";
    static final String BOB_TOKEN = "bob-secret-token-0002";
    static final Rejected AUTH_REQUIRED = new Rejected(401, "Authentication required", null, "Bearer");

    static SimpleAuth.Builder<User> users() {
        return SimpleAuth.<User>builder().token(ALICE_TOKEN, ALICE).token(BOB_TOKEN, BOB);
    }

    static AuthPipeline pipeline(MastraAuthProvider<?> provider) {
        return AuthPipeline.create(AuthConfig.builder().provider(provider).build());
    }

    static final AuthPipeline DEFAULT = pipeline(users().build());

    @Nested
    class RoutesByDefault {

        @ParameterizedTest
        @CsvSource({
            "GET, /health",
            "GET, /api",
            "POST, /api",
            "GET, /api/auth/login",
            "POST, /api/auth/callback/x",
            "GET, /",
            "GET, /index.html",
            "GET, /apix",
            "GET, /apiagents",
            "GET, /health/deep",
            "GET, /API/agents"
        })
        void openWithoutCredentials(String method, String path) {
            assertThat(DEFAULT.evaluate(TestRequest.of(method, path))).isEqualTo(new Open());
        }

        @ParameterizedTest
        @CsvSource({
            "GET, /api/agents",
            "POST, /api/agents/weather/generate",
            "GET, /api/",
            "GET, /api/tools/x",
            "DELETE, /api/anything/else",
            "GET, /api/authx",
            "OPTIONS, /api/agents"
        })
        void protectedWithoutCredentials(String method, String path) {
            assertThat(DEFAULT.evaluate(TestRequest.of(method, path))).isEqualTo(AUTH_REQUIRED);
        }

        @Test
        void publicRoutesIgnoreEvenBadCredentials() {
            assertThat(DEFAULT.evaluate(TestRequest.get("/health").bearer("garbage")))
                    .isEqualTo(new Open());
            assertThat(DEFAULT.evaluate(
                            TestRequest.get("/api").header("Authorization", "a").header("Authorization", "b")))
                    .isEqualTo(new Open());
        }

        @Test
        void validTokenIsAllowedWithTheProvidersUser() {
            assertThat(DEFAULT.evaluate(TestRequest.get("/api/agents").bearer(ALICE_TOKEN)))
                    .isEqualTo(new Allowed(ALICE, null));
            assertThat(DEFAULT.evaluate(
                            TestRequest.of("POST", "/api/agents/a/generate").bearer(BOB_TOKEN)))
                    .isEqualTo(new Allowed(BOB, null));
        }
    }

    @Nested
    class CustomPatterns {

        @Test
        void configPublicBeatsDefaultProtected() {
            AuthPipeline p = AuthPipeline.create(AuthConfig.builder()
                    .provider(users().build())
                    .publicRoutes(List.of(RoutePattern.of("/api/agents/public")))
                    .build());
            assertThat(p.evaluate(TestRequest.get("/api/agents/public"))).isEqualTo(new Open());
            assertThat(p.evaluate(TestRequest.get("/api/agents/public2"))).isEqualTo(AUTH_REQUIRED);
        }

        @Test
        void providerPublicAndProtectedPatternsCount() {
            SimpleAuth<User> provider = users().publicRoutes(List.of(RoutePattern.of("/api/docs/*")))
                    .protectedRoutes(List.of(RoutePattern.of("/admin/*")))
                    .build();
            AuthPipeline p = pipeline(provider);
            assertThat(p.evaluate(TestRequest.get("/api/docs/intro"))).isEqualTo(new Open());
            assertThat(p.evaluate(TestRequest.get("/admin"))).isEqualTo(AUTH_REQUIRED);
            assertThat(p.evaluate(TestRequest.get("/admin/users"))).isEqualTo(AUTH_REQUIRED);
            assertThat(p.evaluate(TestRequest.get("/administrator"))).isEqualTo(new Open());
        }

        @Test
        void configProtectedPattern() {
            AuthPipeline p = AuthPipeline.create(AuthConfig.builder()
                    .provider(users().build())
                    .protectedRoutes(List.of(RoutePattern.of("/metrics")))
                    .build());
            assertThat(p.evaluate(TestRequest.get("/metrics"))).isEqualTo(AUTH_REQUIRED);
            assertThat(p.evaluate(TestRequest.get("/metrics").bearer(BOB_TOKEN)))
                    .isEqualTo(new Allowed(BOB, null));
        }

        @Test
        void methodSets() {
            AuthPipeline p = AuthPipeline.create(AuthConfig.builder()
                    .provider(users().build())
                    .publicRoutes(List.of(RoutePattern.of("/api/agents", "GET", "HEAD")))
                    .build());
            assertThat(p.evaluate(TestRequest.of("GET", "/api/agents"))).isEqualTo(new Open());
            assertThat(p.evaluate(TestRequest.of("HEAD", "/api/agents"))).isEqualTo(new Open());
            assertThat(p.evaluate(TestRequest.of("POST", "/api/agents"))).isEqualTo(AUTH_REQUIRED);
            assertThat(p.evaluate(TestRequest.of("GET", "/api/agents/x"))).isEqualTo(AUTH_REQUIRED);
        }

        @Test
        void regex() {
            AuthPipeline p = AuthPipeline.create(AuthConfig.builder()
                    .provider(users().build())
                    .protectedRoutes(List.of(RoutePattern.regex(Pattern.compile("/internal/[a-z]+"), "POST")))
                    .publicRoutes(List.of(RoutePattern.regex(Pattern.compile("/api/agents/[^/]+/card"))))
                    .build());
            assertThat(p.evaluate(TestRequest.of("POST", "/internal/jobs"))).isEqualTo(AUTH_REQUIRED);
            assertThat(p.evaluate(TestRequest.of("GET", "/internal/jobs"))).isEqualTo(new Open());
            assertThat(p.evaluate(TestRequest.of("POST", "/internal/jobs/1")))
                    .as("whole-path match")
                    .isEqualTo(new Open());
            assertThat(p.evaluate(TestRequest.get("/api/agents/weather/card"))).isEqualTo(new Open());
            assertThat(p.evaluate(TestRequest.get("/api/agents/a/b/card"))).isEqualTo(AUTH_REQUIRED);
        }

        @Test
        void paramSegments() {
            AuthPipeline p = AuthPipeline.create(AuthConfig.builder()
                    .provider(users().build())
                    .publicRoutes(List.of(RoutePattern.of("/api/agents/:id/voice/speakers", "GET")))
                    .build());
            assertThat(p.evaluate(TestRequest.get("/api/agents/weather/voice/speakers")))
                    .isEqualTo(new Open());
            assertThat(p.evaluate(TestRequest.get("/api/agents//voice/speakers")))
                    .isEqualTo(AUTH_REQUIRED);
            assertThat(p.evaluate(TestRequest.get("/api/agents/a/b/voice/speakers")))
                    .isEqualTo(AUTH_REQUIRED);
            assertThat(p.evaluate(TestRequest.of("POST", "/api/agents/weather/voice/speakers")))
                    .isEqualTo(AUTH_REQUIRED);
        }
    }

    @Nested
    class Credentials {

        @Test
        void schemeIsCaseInsensitive() {
            assertThat(DEFAULT.evaluate(
                            TestRequest.get("/api/agents").header("Authorization", "bEaReR " + ALICE_TOKEN)))
                    .isEqualTo(new Allowed(ALICE, null));
        }

        @Test
        void otherSchemeIsAnInvalidCredential() {
            Rejected r =
                    (Rejected) DEFAULT.evaluate(TestRequest.get("/api/agents").header("Authorization", "Basic YTpi"));
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.error()).isEqualTo("Invalid or expired token");
            assertThat(r.reason()).isEqualTo("unsupported-authorization-scheme");
            assertThat(r.wwwAuthenticate()).isEqualTo("Bearer error=\"invalid_token\"");
        }

        @Test
        void twoAuthorizationHeadersAreABadRequest() {
            Rejected r = (Rejected) DEFAULT.evaluate(
                    TestRequest.get("/api/agents").bearer(ALICE_TOKEN).bearer(ALICE_TOKEN));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.reason()).isEqualTo("multiple-authorization-headers");
            assertThat(r.wwwAuthenticate()).isNull();
            assertThat(r.error()).doesNotContain(ALICE_TOKEN);
        }

        @Test
        void unknownTokenIsInvalid() {
            assertThat(DEFAULT.evaluate(TestRequest.get("/api/agents").bearer("nobody-knows-this-token")))
                    .isEqualTo(new Rejected(
                            401, "Invalid or expired token", "token-invalid", "Bearer error=\"invalid_token\""));
        }

        @Test
        void emptyBearer() {
            Rejected r =
                    (Rejected) DEFAULT.evaluate(TestRequest.get("/api/agents").header("Authorization", "Bearer  "));
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.reason()).isEqualTo("token-missing");
        }

        @Test
        void apiKeyQueryIsOffByDefault() {
            assertThat(DEFAULT.evaluate(TestRequest.get("/api/agents").queryParam("apiKey", ALICE_TOKEN)))
                    .isEqualTo(AUTH_REQUIRED);
        }

        @Test
        void apiKeyQueryWhenEnabled() {
            AuthPipeline p = AuthPipeline.create(AuthConfig.builder()
                    .provider(users().build())
                    .allowApiKeyQuery(true)
                    .build());
            assertThat(p.evaluate(TestRequest.get("/api/agents").queryParam("apiKey", ALICE_TOKEN)))
                    .isEqualTo(new Allowed(ALICE, null));
            assertThat(p.evaluate(TestRequest.get("/api/agents").queryParam("apiKey", "")))
                    .isEqualTo(AUTH_REQUIRED);
            assertThat(p.evaluate(
                            TestRequest.get("/api/agents").bearer(BOB_TOKEN).queryParam("apiKey", ALICE_TOKEN)))
                    .as("the header wins")
                    .isEqualTo(new Allowed(BOB, null));
            assertThat(p.evaluate(TestRequest.get("/api/agents")
                            .bearer("wrong-token-value")
                            .queryParam("apiKey", ALICE_TOKEN)))
                    .as("a bad header is not rescued by the query")
                    .isInstanceOf(Rejected.class);
        }

        @Test
        void providerResolverIsUsed() {
            SimpleAuth<User> cookieAuth = users().tokenResolver(TokenResolver.bearer()
                            .orElse(request -> java.util.Optional.ofNullable(
                                            request.cookies().get("__session"))
                                    .map(v -> new ResolvedToken(v, ResolvedToken.Source.COOKIE))))
                    .build();
            AuthPipeline p = pipeline(cookieAuth);
            assertThat(p.evaluate(TestRequest.get("/api/agents").cookie("__session", BOB_TOKEN)))
                    .isEqualTo(new Allowed(BOB, null));
            assertThat(DEFAULT.evaluate(TestRequest.get("/api/agents").cookie("__session", BOB_TOKEN)))
                    .isEqualTo(AUTH_REQUIRED);
        }

        @Test
        void resolverFailingUnexpectedlyFailsClosed() {
            MastraAuthProvider<User> broken = new MastraAuthProvider<>() {
                @Override
                public User authenticateToken(String token, AuthRequest request) {
                    return ALICE;
                }

                @Override
                public TokenResolver tokenResolver() {
                    return request -> {
                        throw new IllegalStateException("resolver bug");
                    };
                }
            };
            Rejected r = (Rejected)
                    pipeline(broken).evaluate(TestRequest.get("/api/agents").bearer(ALICE_TOKEN));
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.reason()).isEqualTo("token-verification-failed");
        }
    }

    @Nested
    class Authentication {

        static AuthPipeline failingWith(RuntimeException e) {
            return pipeline((MastraAuthProvider<User>) (token, request) -> {
                throw e;
            });
        }

        @Test
        void unavailableVerifierIs503() {
            Rejected r = (Rejected) failingWith(new AuthenticationException("jwks-unavailable", "JWKS down", 503, null))
                    .evaluate(TestRequest.get("/api/agents").bearer(ALICE_TOKEN));
            assertThat(r).isEqualTo(new Rejected(503, "Authentication service unavailable", "jwks-unavailable", null));
        }

        @Test
        void reasonIsPassedOn() {
            Rejected r = (Rejected) failingWith(new AuthenticationException("token-expired", "expired"))
                    .evaluate(TestRequest.get("/api/agents").bearer(ALICE_TOKEN));
            assertThat(r)
                    .isEqualTo(new Rejected(
                            401, "Invalid or expired token", "token-expired", "Bearer error=\"invalid_token\""));
        }

        @Test
        void otherStatusesPassThrough() {
            Rejected r = (Rejected)
                    failingWith(new AuthenticationException("token-type-mismatch", "Wrong token type", 403, null))
                            .evaluate(TestRequest.get("/api/agents").bearer(ALICE_TOKEN));
            assertThat(r).isEqualTo(new Rejected(403, "Wrong token type", "token-type-mismatch", null));
        }

        @Test
        void aRateLimitCarriesItsWait() {
            Rejected r = (Rejected) failingWith(AuthenticationException.rateLimited(
                            "machine-token-rate-limited", "Slow down", Duration.ofMillis(1_500)))
                    .evaluate(TestRequest.get("/api/agents").bearer(ALICE_TOKEN));
            assertThat(r)
                    .isEqualTo(new Rejected(
                            429, "Slow down", "machine-token-rate-limited", null, Duration.ofMillis(1_500)));
            assertThat(((Rejected) failingWith(new AuthenticationException("token-expired", "expired"))
                                    .evaluate(TestRequest.get("/api/agents").bearer(ALICE_TOKEN)))
                            .retryAfter())
                    .as("other failures carry none")
                    .isNull();
        }

        @Test
        void unexpectedExceptionFailsClosed() {
            Rejected r = (Rejected) failingWith(new IllegalStateException("boom " + ALICE_TOKEN))
                    .evaluate(TestRequest.get("/api/agents").bearer(ALICE_TOKEN));
            assertThat(r)
                    .isEqualTo(new Rejected(
                            401,
                            "Invalid or expired token",
                            "token-verification-failed",
                            "Bearer error=\"invalid_token\""));
        }

        @Test
        void nullUserIsInvalid() {
            Rejected r = (Rejected) pipeline((MastraAuthProvider<User>) (token, request) -> null)
                    .evaluate(TestRequest.get("/api/agents").bearer(ALICE_TOKEN));
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.reason()).isEqualTo("token-invalid");
        }

        @Test
        void providerSeesTheRequest() {
            AuthPipeline p = pipeline((MastraAuthProvider<String>)
                    (token, request) -> request.method() + " " + request.path() + " " + token.length());
            assertThat(p.evaluate(TestRequest.of("PUT", "/api/x").bearer("abcdef")))
                    .isEqualTo(new Allowed("PUT /api/x 6", null));
        }
    }

    @Nested
    class Authorization {

        @Test
        void authorizeUserFalseIs403() {
            AuthPipeline p = pipeline(
                    users().authorizeUser((user, request) -> user.admin()).build());
            assertThat(p.evaluate(TestRequest.get("/api/agents").bearer(ALICE_TOKEN)))
                    .isEqualTo(new Allowed(ALICE, null));
            assertThat(p.evaluate(TestRequest.get("/api/agents").bearer(BOB_TOKEN)))
                    .isEqualTo(new Rejected(403, "Access denied", null, null));
        }

        @Test
        void authorizeUserSeesTheRequest() {
            AuthPipeline p = pipeline(
                    users().authorizeUser((user, request) -> request.method().equals("GET"))
                            .build());
            assertThat(p.evaluate(TestRequest.get("/api/agents").bearer(BOB_TOKEN)))
                    .isInstanceOf(Allowed.class);
            assertThat(p.evaluate(TestRequest.of("POST", "/api/agents").bearer(BOB_TOKEN)))
                    .isInstanceOf(Rejected.class);
        }

        @Test
        void authorizeUserThrowingIs500() {
            AuthPipeline p = pipeline(users().authorizeUser((user, request) -> {
                        throw new IllegalStateException("membership lookup failed");
                    })
                    .build());
            assertThat(p.evaluate(TestRequest.get("/api/agents").bearer(ALICE_TOKEN)))
                    .isEqualTo(new Rejected(500, "Authorization error", null, null));
        }

        @Test
        void firstMatchingRuleDecidesConfigBeforeProvider() {
            SimpleAuth<User> provider = users().rules(List.of(
                            AuthRule.allow(RoutePattern.of("/api/agents")),
                            AuthRule.allow(RoutePattern.of("/api/tools/*"))))
                    .build();
            AuthPipeline p = AuthPipeline.create(AuthConfig.builder()
                    .provider(provider)
                    .rules(List.of(
                            AuthRule.deny(RoutePattern.of("/api/agents", "DELETE")),
                            AuthRule.<User>allowIf(RoutePattern.of("/api/tools/admin"), User::admin)))
                    .build());

            assertThat(p.evaluate(TestRequest.get("/api/agents").bearer(BOB_TOKEN)))
                    .isEqualTo(new Allowed(BOB, null));
            assertThat(p.evaluate(TestRequest.of("DELETE", "/api/agents").bearer(ALICE_TOKEN)))
                    .as("config deny comes before the provider's allow")
                    .isEqualTo(new Rejected(403, "Access denied", null, null));
            assertThat(p.evaluate(TestRequest.get("/api/tools/admin").bearer(ALICE_TOKEN)))
                    .isEqualTo(new Allowed(ALICE, null));
            assertThat(p.evaluate(TestRequest.get("/api/tools/admin").bearer(BOB_TOKEN)))
                    .as("the first match decides; the later allow for /api/tools/* is not consulted")
                    .isEqualTo(new Rejected(403, "Access denied", null, null));
            assertThat(p.evaluate(TestRequest.get("/api/tools/weather").bearer(BOB_TOKEN)))
                    .isEqualTo(new Allowed(BOB, null));
        }

        @Test
        void noMatchingRuleDenies() {
            AuthPipeline p = pipeline(users().rules(List.of(AuthRule.allow(RoutePattern.of("/api/agents"))))
                    .build());
            assertThat(p.evaluate(TestRequest.get("/api/tools").bearer(ALICE_TOKEN)))
                    .isEqualTo(new Rejected(403, "Access denied", null, null));
        }

        @Test
        void noRulesMeansAuthorizeUserAlone() {
            assertThat(DEFAULT.evaluate(TestRequest.get("/api/anything").bearer(BOB_TOKEN)))
                    .isInstanceOf(Allowed.class);
        }

        @Test
        void throwingConditionIs500() {
            AuthPipeline p = pipeline(users().rules(List.of(AuthRule.<User>allowIf(RoutePattern.of("/api/*"), user -> {
                        throw new IllegalStateException("condition bug");
                    })))
                    .build());
            assertThat(p.evaluate(TestRequest.get("/api/agents").bearer(ALICE_TOKEN)))
                    .isEqualTo(new Rejected(500, "Authorization error", null, null));
        }

        @Test
        void resourceIdMapping() {
            AuthPipeline p = pipeline(
                    users().mapUserToResourceId(user -> "res_" + user.name()).build());
            assertThat(p.evaluate(TestRequest.get("/api/agents").bearer(BOB_TOKEN)))
                    .isEqualTo(new Allowed(BOB, "res_bob"));
        }

        @Test
        void resourceIdMappingThrowingIs500() {
            AuthPipeline p = pipeline(users().mapUserToResourceId(user -> {
                        throw new IllegalStateException("no resource");
                    })
                    .build());
            assertThat(p.evaluate(TestRequest.get("/api/agents").bearer(BOB_TOKEN)))
                    .isEqualTo(new Rejected(500, "Authorization error", null, null));
        }
    }

    @Test
    void rejectionsAreLoggedWithReasonAndPathButNeverTheToken() {
        String token = "very-secret-token-value-xyz";
        String log = CapturedStderr.during(() -> {
            DEFAULT.evaluate(TestRequest.get("/api/agents/leak").bearer(token));
            pipeline((MastraAuthProvider<User>) (t, r) -> {
                        throw new IllegalStateException("verifier choked on " + t);
                    })
                    .evaluate(TestRequest.get("/api/agents/boom").bearer(token));
        });
        assertThat(log).contains("/api/agents/leak", "token-invalid", "/api/agents/boom", "IllegalStateException");
        assertThat(log).doesNotContain(token);
    }
}
