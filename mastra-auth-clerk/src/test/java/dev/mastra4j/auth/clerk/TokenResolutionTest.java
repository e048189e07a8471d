package dev.mastra4j.auth.clerk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.auth.AuthenticationException;
import dev.mastra4j.auth.ResolvedToken;
import dev.mastra4j.auth.TestRequest;
import dev.mastra4j.auth.TokenResolver;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenResolutionTest {

    private static LocalClerkIssuer issuer;
    private static MastraAuthClerk clerk;
    private static TokenResolver resolver;

    @BeforeAll
    static void start() {
        issuer = LocalClerkIssuer.start();
        clerk = MastraAuthClerk.builder()
                .env(Map.of())
                .dotenvDirectory(Path.of("target", "no-dotenv"))
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .jwksUri(issuer.jwksUri().toString())
                .build();
        resolver = clerk.tokenResolver();
    }

    @AfterAll
    static void stop() {
        clerk.close();
        issuer.close();
    }

    /** Resolves and authenticates, as the server does. */
    private static String userFor(TestRequest request) {
        ResolvedToken token = resolver.resolve(request).orElseThrow();
        return clerk.authenticateToken(token.value(), request).subject();
    }

    @Test
    void readsTheBearerHeaderWhateverTheSchemeCase() {
        String token = issuer.token("user_header");
        assertThat(userFor(TestRequest.get("/api").header("Authorization", "Bearer " + token)))
                .isEqualTo("user_header");
        assertThat(userFor(TestRequest.get("/api").header("Authorization", "bearer " + token)))
                .isEqualTo("user_header");
        assertThat(resolver.resolve(TestRequest.get("/api").header("Authorization", "Bearer " + token))
                        .orElseThrow()
                        .source())
                .isEqualTo(ResolvedToken.Source.HEADER);
    }

    @Test
    void readsTheSessionCookieAndItsSuffixedForm() {
        assertThat(userFor(TestRequest.get("/api").cookie("__session", issuer.token("user_cookie"))))
                .isEqualTo("user_cookie");
        assertThat(userFor(TestRequest.get("/api").cookie("__session_abcdefgh", issuer.token("user_suffixed"))))
                .isEqualTo("user_suffixed");
        assertThat(resolver.resolve(TestRequest.get("/api").cookie("__session", issuer.token()))
                        .orElseThrow()
                        .source())
                .isEqualTo(ResolvedToken.Source.COOKIE);
    }

    @Test
    void thisInstancesSuffixWinsOverOtherSessionCookies() {
        String own = "__session_" + ClerkTokenResolver.cookieSuffix(issuer.publishableKey());
        TestRequest request = TestRequest.get("/api")
                .cookie("__session_zzzzzzzz", issuer.token("user_other_app"))
                .cookie("__session", issuer.token("user_plain"))
                .cookie(own, issuer.token("user_own"));
        assertThat(userFor(request)).isEqualTo("user_own");
        assertThat(userFor(TestRequest.get("/api")
                        .cookie("__session_zzzzzzzz", issuer.token("user_other_app"))
                        .cookie("__session", issuer.token("user_plain"))))
                .isEqualTo("user_plain");
    }

    @Test
    void ignoresCookiesThatOnlyLookSimilar() {
        TestRequest request = TestRequest.get("/api")
                .cookie("__session_abc", issuer.token())
                .cookie("__session_abcdefghi", issuer.token())
                .cookie("__sessionabcdefgh", issuer.token())
                .cookie("__client", issuer.token())
                .cookie("__session", "");
        assertThat(resolver.resolve(request)).isEmpty();
    }

    @Test
    void theHeaderWinsOverTheCookie() {
        TestRequest request = TestRequest.get("/api")
                .header("Authorization", "Bearer " + issuer.token("user_header"))
                .cookie("__session", issuer.token("user_cookie"));
        assertThat(userFor(request)).isEqualTo("user_header");
        TestRequest badHeader = TestRequest.get("/api")
                .header("Authorization", "Basic dXNlcjpwdw==")
                .cookie("__session", issuer.token("user_cookie"));
        assertThatThrownBy(() -> resolver.resolve(badHeader)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void anEmptyBearerIsAMissingToken() {
        for (String header : new String[] {"Bearer", "Bearer ", "bearer   "}) {
            assertThatThrownBy(() -> resolver.resolve(TestRequest.get("/api").header("Authorization", header)))
                    .isInstanceOfSatisfying(
                            AuthenticationException.class,
                            e -> assertThat(e.reason()).isEqualTo("token-missing"));
        }
    }

    @Test
    void noCredentialsResolveToNothing() {
        assertThat(resolver.resolve(TestRequest.get("/api"))).isEmpty();
    }

    @Test
    void twoAuthorizationHeadersAreAMalformedRequest() {
        TestRequest request =
                TestRequest.get("/api").header("Authorization", "Bearer a.b.c").header("Authorization", "Bearer d.e.f");
        assertThatThrownBy(() -> resolver.resolve(request))
                .isInstanceOfSatisfying(
                        AuthenticationException.class,
                        e -> assertThat(e.status()).isEqualTo(400));
    }
}
