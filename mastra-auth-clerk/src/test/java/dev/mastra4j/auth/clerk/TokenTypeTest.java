package dev.mastra4j.auth.clerk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.testing.LocalClerkIssuer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenTypeTest {

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
    void opaqueTokensAreToldApartByPrefix() {
        assertThat(TokenType.of("mt_abc")).isEqualTo(TokenType.M2M_TOKEN);
        assertThat(TokenType.of("ak_abc")).isEqualTo(TokenType.API_KEY);
        assertThat(TokenType.of("oat_abc")).isEqualTo(TokenType.OAUTH_TOKEN);
        assertThat(TokenType.of("sk_test_abc")).isEqualTo(TokenType.SESSION_TOKEN);
        assertThat(TokenType.of("MT_abc")).isEqualTo(TokenType.SESSION_TOKEN);
    }

    @Test
    void jwtFormsAreToldApartByHeaderAndSubject() {
        assertThat(TokenType.of(issuer.token())).isEqualTo(TokenType.SESSION_TOKEN);
        assertThat(TokenType.of(issuer.tokenBuilder().subject("mch_robot").build()))
                .isEqualTo(TokenType.M2M_TOKEN);
        assertThat(TokenType.of(
                        issuer.tokenBuilder().header("cat", "cl_B7d4PD333AAA").build()))
                .isEqualTo(TokenType.M2M_TOKEN);
        assertThat(TokenType.of(issuer.tokenBuilder().header("typ", "at+jwt").build()))
                .isEqualTo(TokenType.OAUTH_TOKEN);
        assertThat(TokenType.of(issuer.tokenBuilder()
                        .header("typ", "application/at+jwt")
                        .build()))
                .isEqualTo(TokenType.OAUTH_TOKEN);
    }

    @Test
    void anythingUnreadableIsLeftToTheSessionVerifier() {
        assertThat(TokenType.of(null)).isEqualTo(TokenType.SESSION_TOKEN);
        assertThat(TokenType.of("")).isEqualTo(TokenType.SESSION_TOKEN);
        assertThat(TokenType.of("a.b")).isEqualTo(TokenType.SESSION_TOKEN);
        assertThat(TokenType.of("a.b.c.d")).isEqualTo(TokenType.SESSION_TOKEN);
        assertThat(TokenType.of("%%%.***.!!!")).isEqualTo(TokenType.SESSION_TOKEN);
        String arrayHeader = b64("[1,2]") + "." + b64("{\"sub\":\"mch_x\"}") + ".sig";
        assertThat(TokenType.of(arrayHeader)).isEqualTo(TokenType.M2M_TOKEN);
        String arrayPayload = b64("{\"alg\":\"RS256\"}") + "." + b64("[\"mch_x\"]") + ".sig";
        assertThat(TokenType.of(arrayPayload)).isEqualTo(TokenType.SESSION_TOKEN);
        String huge = b64("{\"typ\":\"at+jwt\"}") + "." + "a".repeat(9000) + ".sig";
        assertThat(TokenType.of(huge)).isEqualTo(TokenType.SESSION_TOKEN);
    }

    @Test
    void wireNamesAreClerksAcceptsTokenNames() {
        assertThat(TokenType.fromWireName("session_token")).contains(TokenType.SESSION_TOKEN);
        assertThat(TokenType.fromWireName(" M2M_TOKEN ")).contains(TokenType.M2M_TOKEN);
        assertThat(TokenType.fromWireName("api_key")).contains(TokenType.API_KEY);
        assertThat(TokenType.fromWireName("oauth_token")).contains(TokenType.OAUTH_TOKEN);
        assertThat(TokenType.fromWireName("machine_token")).isEmpty();
        assertThat(TokenType.fromWireName(null)).isEmpty();
        assertThat(TokenType.M2M_TOKEN.opaquePrefix()).contains("mt_");
        assertThat(TokenType.SESSION_TOKEN.opaquePrefix()).isEmpty();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
