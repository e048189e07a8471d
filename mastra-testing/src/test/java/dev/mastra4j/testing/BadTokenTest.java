package dev.mastra4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each bad token must carry exactly the defect it claims, checked by decoding it independently. */
class BadTokenTest {

    private static final Set<String> REASONS = Set.of(
            "token-invalid",
            "token-expired",
            "token-not-active-yet",
            "token-iat-in-the-future",
            "token-invalid-signature",
            "token-invalid-algorithm",
            "jwk-kid-mismatch",
            "token-invalid-authorized-parties",
            "token-invalid-issuer",
            "token-verification-failed",
            "session-pending");

    private static LocalClerkIssuer issuer;
    private static RSAKey published;

    @BeforeAll
    static void start() {
        issuer = LocalClerkIssuer.start();
        published = issuer.publicJwks().getKeys().get(0).toRSAKey();
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void theReferenceTokenHasNoneOfTheDefects() throws Exception {
        String token = issuer.token();
        Jwt jwt = Jwt.decode(token);
        assertThat(token.length()).isLessThan(8 * 1024);
        assertThat(JWSObject.parse(token).verify(new RSASSAVerifier(published))).isTrue();
        assertThat(jwt.header().get("kid").asText()).isEqualTo(issuer.currentKid());
        assertThat(jwt.header().has("cat")).isFalse();
        assertThat(jwt.payload().get("iss").asText()).isEqualTo(issuer.issuer());
        assertThat(jwt.payload().has("sts")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(BadToken.class)
    void reasonsAreClerkReasons(BadToken bad) {
        assertThat(REASONS).contains(bad.expectedReason());
        assertThat(bad.requiresAuthorizedParties())
                .isEqualTo(bad.expectedReason().equals("token-invalid-authorized-parties"));
        assertThat(issuer.badToken(bad)).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(BadToken.class)
    void hasTheDefectItClaims(BadToken bad) throws Exception {
        String token = bad.mint(issuer);
        long now = System.currentTimeMillis() / 1000;
        switch (bad) {
            case NOT_A_JWT -> assertThat(token.split("\\.", -1).length).isNotEqualTo(3);
            case BAD_BASE64 -> {
                assertThat(token.split("\\.")).hasSize(3);
                assertThatThrownBy(() -> Base64.getUrlDecoder().decode(token.split("\\.")[0]))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> Base64.getDecoder().decode(token.split("\\.")[0]))
                        .isInstanceOf(IllegalArgumentException.class);
            }
            case PAYLOAD_NOT_JSON -> {
                assertThat(validSignature(token)).isTrue();
                assertThatThrownBy(() -> new ObjectMapper().readTree(Jwt.text(token.split("\\.")[1])))
                        .isInstanceOf(java.io.IOException.class);
            }
            case DUPLICATE_JSON_KEYS -> {
                assertThat(validSignature(token)).isTrue();
                String payload = Jwt.text(token.split("\\.")[1]);
                ObjectMapper strict = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
                assertThatThrownBy(() -> strict.readTree(payload)).hasMessageContaining("Duplicate field 'sub'");
                assertThat(Jwt.tree(payload).get("sub").asText())
                        .as("a lenient parser's 'last one wins'")
                        .isEqualTo("user_admin");
            }
            case OVERSIZED -> {
                assertThat(token.getBytes(StandardCharsets.US_ASCII).length).isGreaterThan(8 * 1024);
                assertThat(validSignature(token)).isTrue();
            }
            case EXPIRED -> {
                assertThat(validSignature(token)).isTrue();
                assertThat(payload(token).get("exp").asLong()).isLessThan(now - 600);
            }
            case EXPIRED_EXACTLY_NOW -> {
                assertThat(validSignature(token)).isTrue();
                long exp = payload(token).get("exp").asLong();
                // Within the run time of this test, exp sits at now − 5 s: expired for skew 5 s, valid for any larger
                // skew.
                assertThat(exp).isBetween(now - 5 - 30, now - 5);
                assertThat(exp * 1000 <= System.currentTimeMillis() - 5_000).isTrue();
            }
            case NOT_YET_ACTIVE -> {
                assertThat(validSignature(token)).isTrue();
                assertThat(payload(token).get("nbf").asLong()).isGreaterThan(now + 300);
                assertThat(payload(token).get("exp").asLong())
                        .isGreaterThan(payload(token).get("nbf").asLong());
            }
            case IAT_IN_FUTURE -> {
                assertThat(validSignature(token)).isTrue();
                assertThat(payload(token).get("iat").asLong()).isGreaterThan(now + 300);
                assertThat(payload(token).get("nbf").asLong()).isLessThan(now);
            }
            case SIGNED_BY_OTHER_KEY_SAME_KID -> {
                assertThat(header(token).get("kid").asText()).isEqualTo(issuer.currentKid());
                assertThat(header(token).get("alg").asText()).isEqualTo("RS256");
                assertThat(validSignature(token)).isFalse();
                assertThat(JWSObject.parse(token).verify(new RSASSAVerifier(issuer.untrustedKey())))
                        .isTrue();
            }
            case TAMPERED_PAYLOAD -> {
                assertThat(payload(token).get("sub").asText()).isEqualTo("user_admin");
                assertThat(header(token).get("kid").asText()).isEqualTo(issuer.currentKid());
                assertThat(validSignature(token)).isFalse();
            }
            case TAMPERED_HEADER -> {
                assertThat(header(token).get("alg").asText()).isEqualTo("RS256");
                assertThat(header(token).get("kid").asText()).isEqualTo(issuer.currentKid());
                assertThat(header(token).get("typ").asText()).isEqualTo("JWT");
                assertThat(header(token).has("jku")).isTrue();
                assertThat(validSignature(token)).isFalse();
                assertThat(payload(token).get("sub").asText()).isEqualTo("user_test");
            }
            case ALG_NONE -> {
                assertThat(header(token).get("alg").asText()).isEqualTo("none");
                assertThat(token).endsWith(".");
            }
            case HS256_WITH_PUBLIC_KEY_AS_SECRET -> {
                assertThat(header(token).get("alg").asText()).isEqualTo("HS256");
                assertThat(header(token).get("kid").asText()).isEqualTo(issuer.currentKid());
                byte[] pem = issuer.jwtKeyPem().getBytes(StandardCharsets.US_ASCII);
                assertThat(JWSObject.parse(token).verify(new MACVerifier(pem))).isTrue();
            }
            case PS256 -> {
                JWSObject jws = JWSObject.parse(token);
                assertThat(jws.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.PS256);
                assertThat(jws.verify(new RSASSAVerifier(published)))
                        .as("a genuine PS256 signature")
                        .isTrue();
            }
            case ES256 -> {
                JWSObject jws = JWSObject.parse(token);
                assertThat(jws.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
                assertThat(jws.getHeader().getKeyID()).isEqualTo(issuer.currentKid());
                assertThat(jws.verify(new ECDSAVerifier(issuer.ecKey().toECPublicKey())))
                        .isTrue();
            }
            case NO_KID -> {
                assertThat(header(token).has("kid")).isFalse();
                assertThat(validSignature(token)).isTrue();
            }
            case UNKNOWN_KID -> {
                assertThat(issuer.publicJwks()
                                .getKeyByKeyId(header(token).get("kid").asText()))
                        .isNull();
                assertThat(validSignature(token)).as("only the kid is wrong").isTrue();
            }
            case TYP_NOT_JWT -> {
                assertThat(header(token).get("typ").asText()).isNotEqualTo("JWT");
                assertThat(validSignature(token)).isTrue();
            }
            case M2M_CATEGORY -> {
                assertThat(header(token).get("cat").asText()).isEqualTo("cl_B7d4PD333AAA");
                assertThat(validSignature(token)).isTrue();
            }
            case WRONG_AZP -> {
                assertThat(payload(token).get("azp").asText()).isNotEqualTo(LocalClerkIssuer.DEFAULT_AZP);
                assertThat(validSignature(token)).isTrue();
            }
            case MISSING_AZP -> {
                assertThat(payload(token).has("azp")).isFalse();
                assertThat(validSignature(token)).isTrue();
            }
            case WRONG_ISSUER -> {
                assertThat(payload(token).get("iss").asText()).isNotEqualTo(issuer.issuer());
                assertThat(validSignature(token)).isTrue();
            }
            case MISSING_SUB -> {
                assertThat(payload(token).has("sub")).isFalse();
                assertThat(validSignature(token)).isTrue();
            }
            case EMPTY_SUB -> {
                assertThat(payload(token).get("sub").asText()).isEmpty();
                assertThat(validSignature(token)).isTrue();
            }
            case SESSION_PENDING -> {
                assertThat(payload(token).get("sts").asText()).isEqualTo("pending");
                assertThat(validSignature(token)).isTrue();
            }
            case JWT_TEMPLATE_CATEGORY -> {
                assertThat(header(token).get("cat").asText()).isEqualTo("cl_B7d4PD222AAA");
                assertThat(validSignature(token)).isTrue();
            }
            case BLANK_SUB -> {
                assertThat(payload(token).get("sub").asText()).isNotEmpty().isBlank();
                assertThat(validSignature(token)).isTrue();
            }
            case UNPAIRED_SURROGATE_SUB -> {
                assertThat(Jwt.decode(token).payloadText()).contains("\"sub\":\"user_\\ud800\"");
                assertThat(payload(token).get("sub").asText()).isEqualTo("user_\uD800");
                assertThat(validSignature(token)).isTrue();
            }
            case EXP_FAR_FUTURE -> {
                assertThat(payload(token).get("exp").asDouble()).isEqualTo(1e308);
                assertThat(validSignature(token)).isTrue();
            }
            case BOM_BEFORE_PAYLOAD -> {
                byte[] json = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
                assertThat(json).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) '{');
                assertThat(new ObjectMapper().readTree(json).get("sub").asText())
                        .as("a lenient parser skips it")
                        .isEqualTo("user_test");
                assertThat(validSignature(token)).isTrue();
            }
            case WHITESPACE_AROUND_HEADER -> {
                assertThat(Jwt.decode(token).headerText()).startsWith(" {").endsWith("}\n");
                assertThat(header(token).get("kid").asText()).isEqualTo(issuer.currentKid());
                assertThat(validSignature(token)).isTrue();
            }
            case WHITESPACE_AROUND_PAYLOAD -> {
                assertThat(Jwt.decode(token).payloadText()).startsWith("\r\n{").endsWith("} ");
                assertThat(validSignature(token)).isTrue();
            }
        }
        if (bad.ordinal() > BadToken.OVERSIZED.ordinal() && bad != BadToken.BOM_BEFORE_PAYLOAD) {
            // Apart from the decoding defects, every token is well-formed and small. (A parser skips a byte-order
            // mark only in bytes, not in the decoded text Jwt parses: that case is checked on its bytes above.)
            assertThat(token.length()).isLessThan(8 * 1024);
            Jwt.decode(token);
        }
    }

    private static boolean validSignature(String token) throws Exception {
        return JWSObject.parse(token).verify(new RSASSAVerifier(published));
    }

    private static JsonNode header(String token) {
        return Jwt.decode(token).header();
    }

    private static JsonNode payload(String token) {
        return Jwt.decode(token).payload();
    }
}
