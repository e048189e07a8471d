package dev.mastra4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenBuilderTest {

    private static LocalClerkIssuer issuer;

    @BeforeAll
    static void start() {
        issuer = LocalClerkIssuer.start();
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void namedSettersShapeTheClaims() {
        Instant exp = Instant.parse("2030-01-01T00:00:00Z");
        JsonNode claims = Jwt.decode(issuer.tokenBuilder()
                        .subject("user_9")
                        .sessionId("sess_9")
                        .azp("https://app.example")
                        .issuer("https://x.example")
                        .exp(exp)
                        .nbf(Instant.ofEpochSecond(100))
                        .iat(Instant.ofEpochSecond(200))
                        .claim("custom", Map.of("a", 1))
                        .build())
                .payload();
        assertThat(claims.get("sub").asText()).isEqualTo("user_9");
        assertThat(claims.get("sid").asText()).isEqualTo("sess_9");
        assertThat(claims.get("azp").asText()).isEqualTo("https://app.example");
        assertThat(claims.get("iss").asText()).isEqualTo("https://x.example");
        assertThat(claims.get("exp").asLong()).isEqualTo(exp.getEpochSecond());
        assertThat(claims.get("nbf").asLong()).isEqualTo(100);
        assertThat(claims.get("iat").asLong()).isEqualTo(200);
        assertThat(claims.get("custom").get("a").asInt()).isEqualTo(1);
    }

    @Test
    void expiresInIsRelativeToNow() {
        TokenBuilder builder = issuer.tokenBuilder().expiresIn(Duration.ofMinutes(10));
        JsonNode claims = Jwt.decode(builder.build()).payload();
        assertThat(claims.get("exp").asLong()).isEqualTo(builder.now().getEpochSecond() + 600);
    }

    @Test
    void overridesWinAndLastCallWins() {
        JsonNode token = Jwt.decode(issuer.tokenBuilder()
                        .claim("sub", "user_a")
                        .removeClaim("nbf")
                        .removeClaim("v")
                        .header("x-test", true)
                        .removeHeader("typ")
                        .kid("ins_other")
                        .build())
                .header();
        assertThat(token.get("kid").asText()).isEqualTo("ins_other");
        assertThat(token.has("typ")).isFalse();
        assertThat(token.get("x-test").asBoolean()).isTrue();

        JsonNode claims = Jwt.decode(issuer.tokenBuilder()
                        .claim("sub", "user_a")
                        .removeClaim("nbf")
                        .removeClaim("v")
                        .build())
                .payload();
        assertThat(claims.get("sub").asText()).isEqualTo("user_a");
        assertThat(claims.has("nbf")).isFalse();
        assertThat(claims.has("v")).isFalse();

        JsonNode later = Jwt.decode(issuer.tokenBuilder()
                        .claim("sub", "user_a")
                        .subject("user_b")
                        .build())
                .payload();
        assertThat(later.get("sub").asText()).isEqualTo("user_b");
    }

    @Test
    void v2Organization() {
        JsonNode claims = Jwt.decode(issuer.tokenBuilder()
                        .organization("org_1", "acme", "admin")
                        .orgPermissions("o:reservations,u:dashboard", "read,manage", "3")
                        .build())
                .payload();
        assertThat(claims.get("v").asInt()).isEqualTo(2);
        assertThat(claims.get("fea").asText()).isEqualTo("o:reservations,u:dashboard");
        JsonNode o = claims.get("o");
        assertThat(o.get("id").asText()).isEqualTo("org_1");
        assertThat(o.get("slg").asText()).isEqualTo("acme");
        assertThat(o.get("rol").asText()).isEqualTo("admin");
        assertThat(o.get("per").asText()).isEqualTo("read,manage");
        assertThat(o.get("fpm").asText()).isEqualTo("3");
        assertThat(claims.has("org_id")).isFalse();

        JsonNode prefixed = Jwt.decode(issuer.tokenBuilder()
                        .organization("org_1", "acme", "org:admin")
                        .build())
                .payload();
        assertThat(prefixed.get("o").get("rol").asText()).isEqualTo("admin");
    }

    @Test
    void v1Organization() {
        JsonNode claims = Jwt.decode(issuer.tokenBuilder()
                        .v1()
                        .organization("org_1", "acme", "member")
                        .v1OrgPermissions(
                                List.of("org:reservations:manage", "org:support-chat:read", "org:support-chat:manage"))
                        .build())
                .payload();
        assertThat(claims.has("v")).isFalse();
        assertThat(claims.has("o")).isFalse();
        assertThat(claims.has("fea")).isFalse();
        assertThat(claims.get("org_id").asText()).isEqualTo("org_1");
        assertThat(claims.get("org_slug").asText()).isEqualTo("acme");
        assertThat(claims.get("org_role").asText()).isEqualTo("org:member");
        List<String> permissions = new ArrayList<>();
        claims.get("org_permissions").forEach(p -> permissions.add(p.asText()));
        assertThat(permissions)
                .containsExactly("org:reservations:manage", "org:support-chat:read", "org:support-chat:manage");

        JsonNode noOrg = Jwt.decode(issuer.tokenBuilder().v1().build()).payload();
        assertThat(noOrg.has("org_id")).isFalse();
        assertThat(noOrg.has("org_permissions")).isFalse();
    }

    @Test
    void v1TokensRefuseTheV2BitmaskForm() {
        assertThatThrownBy(() -> issuer.tokenBuilder()
                        .v1()
                        .orgPermissions("o:docs", "read", "1")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("v1OrgPermissions");
    }

    @Test
    void sessionStatus() {
        assertThat(Jwt.decode(issuer.tokenBuilder().sessionStatus("active").build())
                        .payload()
                        .get("sts")
                        .asText())
                .isEqualTo("active");
    }

    @Test
    void signWithAnotherKey() throws Exception {
        var other = new RSAKeyGenerator(2048).keyID("ins_other").generate();
        String token = issuer.tokenBuilder().signWith(other).build();
        assertThat(JWSObject.parse(token).verify(new RSASSAVerifier(other))).isTrue();
        assertThat(JWSObject.parse(token)
                        .verify(new RSASSAVerifier(issuer.currentKey().toPublicJWK())))
                .isFalse();
        assertThat(Jwt.decode(token).header().get("kid").asText())
                .as("kid is left alone")
                .isEqualTo(issuer.currentKid());

        String untrusted = issuer.tokenBuilder().signWithUntrustedKey().build();
        assertThat(JWSObject.parse(untrusted)
                        .verify(new RSASSAVerifier(issuer.currentKey().toPublicJWK())))
                .isFalse();
    }

    @Test
    void mismatchedKeyAndAlgorithmFailsLoudly() {
        assertThatThrownBy(() -> issuer.tokenBuilder().header("alg", "ES256").build())
                .isInstanceOf(IllegalStateException.class);
    }
}
