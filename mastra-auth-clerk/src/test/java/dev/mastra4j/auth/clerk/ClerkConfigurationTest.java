package dev.mastra4j.auth.clerk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.auth.TestRequest;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClerkConfigurationTest {

    private static final String SECRET = "sk_test_S3cr3tV4lueThatMustNeverBeEchoed";
    private static LocalClerkIssuer issuer;
    private static LocalClerkIssuer otherIssuer;

    @TempDir
    Path dir;

    @BeforeAll
    static void startIssuers() {
        issuer = LocalClerkIssuer.start();
        otherIssuer = LocalClerkIssuer.start();
    }

    @AfterAll
    static void stopIssuers() {
        issuer.close();
        otherIssuer.close();
    }

    private MastraAuthClerk.Builder isolated() {
        return MastraAuthClerk.builder().env(Map.of()).dotenvDirectory(dir);
    }

    private Map<String, String> env(LocalClerkIssuer source) {
        Map<String, String> env = new HashMap<>();
        env.put("CLERK_PUBLISHABLE_KEY", source.publishableKey());
        env.put("CLERK_SECRET_KEY", SECRET);
        env.put("CLERK_JWT_KEY", source.jwtKeyPem());
        return env;
    }

    @Test
    void readsEverythingFromTheEnvironment() {
        try (MastraAuthClerk clerk = isolated().env(env(issuer)).build()) {
            assertThat(clerk.issuer()).isEqualTo(issuer.issuer());
            assertThat(clerk.authenticateToken(issuer.token(), TestRequest.get("/api"))
                            .subject())
                    .isEqualTo("user_test");
        }
    }

    @Test
    void theBuilderWinsOverTheEnvironmentWhichWinsOverDotenv() throws Exception {
        // .env names a third issuer; the environment names `otherIssuer`; the builder names `issuer`.
        Files.writeString(
                dir.resolve(".env"),
                "CLERK_PUBLISHABLE_KEY=" + pk("dotenv-host.example.com") + "\n" + "CLERK_SECRET_KEY=" + SECRET + "\n"
                        + "CLERK_ISSUER=https://from-dotenv.example\n");
        try (MastraAuthClerk fromDotenv = isolated().jwtKey(issuer.jwtKeyPem()).build()) {
            assertThat(fromDotenv.issuer()).isEqualTo("https://from-dotenv.example");
            assertThat(fromDotenv.publishableKey().frontendApi()).isEqualTo("dotenv-host.example.com");
        }
        Map<String, String> env = env(otherIssuer);
        env.put("CLERK_ISSUER", "https://from-env.example");
        try (MastraAuthClerk fromEnv = isolated().env(env).build()) {
            assertThat(fromEnv.issuer()).isEqualTo("https://from-env.example");
            assertThat(fromEnv.publishableKey().frontendApi()).isEqualTo(otherIssuer.frontendApiHost());
        }
        try (MastraAuthClerk fromBuilder = isolated()
                .env(env)
                .publishableKey(issuer.publishableKey())
                .issuer(issuer.issuer())
                .jwtKey(issuer.jwtKeyPem())
                .build()) {
            assertThat(fromBuilder.issuer()).isEqualTo(issuer.issuer());
            assertThat(fromBuilder.publishableKey().frontendApi()).isEqualTo(issuer.frontendApiHost());
            assertThat(fromBuilder
                            .authenticateToken(issuer.token(), TestRequest.get("/api"))
                            .subject())
                    .isEqualTo("user_test");
        }
    }

    @Test
    void dotenvAloneIsEnough() throws Exception {
        Files.writeString(
                dir.resolve(".env"),
                "# Clerk\nCLERK_PUBLISHABLE_KEY=" + issuer.publishableKey() + "\n"
                        + "CLERK_SECRET_KEY=" + issuer.secretKey() + "\nCLERK_API_URL=" + issuer.apiUrl() + "\n"
                        + "CLERK_AUTHORIZED_PARTIES=http://localhost:3000, https://app.example\n");
        try (MastraAuthClerk clerk = isolated().build()) {
            assertThat(clerk.authenticateToken(issuer.token(), TestRequest.get("/api"))
                            .subject())
                    .isEqualTo("user_test");
            String foreignAzp =
                    issuer.tokenBuilder().azp("https://evil.example").build();
            assertThatThrownBy(() -> clerk.authenticateToken(foreignAzp, TestRequest.get("/api")))
                    .hasFieldOrPropertyWithValue("reason", "token-invalid-authorized-parties");
        }
    }

    @Test
    void blankValuesCountAsMissing() {
        assertThatThrownBy(() -> isolated()
                        .env(Map.of("CLERK_PUBLISHABLE_KEY", "  ", "CLERK_SECRET_KEY", ""))
                        .build())
                .isInstanceOf(ClerkConfigurationException.class)
                .hasMessageContaining("CLERK_PUBLISHABLE_KEY")
                .hasMessageContaining("CLERK_SECRET_KEY");
    }

    @Test
    void namesEveryMissingVariable() {
        assertThatThrownBy(() -> isolated().build())
                .isInstanceOf(ClerkConfigurationException.class)
                .hasMessage(
                        "Missing Clerk configuration: CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY, CLERK_JWKS_URI or "
                                + "CLERK_JWT_KEY. Set them in the environment, in a .env file, or with MastraAuthClerk.builder().");
        assertThatThrownBy(
                        () -> isolated().publishableKey(issuer.publishableKey()).build())
                .hasMessageStartingWith(
                        "Missing Clerk configuration: CLERK_SECRET_KEY, CLERK_JWKS_URI or CLERK_JWT_KEY.");
        assertThatThrownBy(() -> isolated()
                        .publishableKey(issuer.publishableKey())
                        .jwtKey(issuer.jwtKeyPem())
                        .build())
                .hasMessageStartingWith("Missing Clerk configuration: CLERK_SECRET_KEY.");
        assertThatThrownBy(() -> isolated().secretKey(SECRET).build())
                .hasMessageStartingWith("Missing Clerk configuration: CLERK_PUBLISHABLE_KEY.");
    }

    @Test
    void explainsMalformedAndSwappedKeysWithoutEchoingSecrets() {
        String pk = issuer.publishableKey();
        assertConfigError(
                isolated().publishableKey(SECRET).secretKey(SECRET),
                "CLERK_PUBLISHABLE_KEY holds a secret key (sk_test_…)");
        assertConfigError(
                isolated().publishableKey(pk).secretKey(pk), "CLERK_SECRET_KEY holds a publishable key (pk_test_…)");
        assertConfigError(isolated().publishableKey(SECRET).secretKey(pk), "are swapped");
        assertConfigError(
                isolated().publishableKey(pk).secretKey("sk_prod_abcdefghijkl"),
                "must start with sk_test_ or sk_live_");
        assertConfigError(
                isolated().publishableKey(pk).secretKey("my-s3cret-value"), "must start with sk_test_ or sk_live_");
        assertConfigError(isolated().publishableKey(pk).secretKey("sk_test_"), "must start with sk_test_ or sk_live_");
        assertConfigError(isolated().publishableKey("pk_test_" + "%%%").secretKey(SECRET), "not base64");
        assertConfigError(isolated().publishableKey("pk_test").secretKey(SECRET), "parts");
        assertConfigError(
                isolated().publishableKey(pkRaw("no-dollar.example.com")).secretKey(SECRET), "'$'");
        assertConfigError(isolated().publishableKey(pkRaw("a.example.com$x$")).secretKey(SECRET), "'$'");
        assertConfigError(isolated().publishableKey(pk("nodot")).secretKey(SECRET), "no '.'");
        assertConfigError(isolated().publishableKey(pk).secretKey(SECRET).jwtKey("not a key"), "CLERK_JWT_KEY");
        assertConfigError(
                isolated().publishableKey(pk).secretKey(SECRET).jwksUri("http://jwks.example.com/keys"),
                "CLERK_JWKS_URI");
        assertConfigError(
                isolated().publishableKey(pk).secretKey(SECRET).apiUrl("http://api.example.com"), "CLERK_API_URL");
        assertConfigError(
                isolated()
                        .publishableKey(pk)
                        .secretKey(SECRET)
                        .organizationId("org_1")
                        .organizationSlug("acme"),
                "not both");
    }

    @Test
    void toStringNeverPrintsTheSecretKey() {
        try (MastraAuthClerk clerk = isolated()
                .publishableKey(issuer.publishableKey())
                .secretKey(SECRET)
                .build()) {
            assertThat(clerk.toString())
                    .doesNotContain(SECRET)
                    .doesNotContain(SECRET.substring(8))
                    .contains("sk_test_…")
                    .contains(issuer.issuer())
                    .contains("/v1/jwks");
        }
    }

    private static void assertConfigError(MastraAuthClerk.Builder builder, String expected) {
        assertThatThrownBy(builder::build)
                .isInstanceOf(ClerkConfigurationException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain(SECRET.substring(8))
                        .doesNotContain("s3cret")
                        .doesNotContain("abcdefghijkl"));
    }

    private static String pk(String host) {
        return pkRaw(host + "$");
    }

    private static String pkRaw(String text) {
        return "pk_test_" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
