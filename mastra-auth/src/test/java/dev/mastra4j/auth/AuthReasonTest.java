package dev.mastra4j.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AuthReasonTest {

    @Test
    void theWireNamesAreClerksAndOursUnchanged() {
        assertThat(Arrays.stream(AuthReason.values()).map(AuthReason::wireName))
                .containsExactly(
                        "token-missing",
                        "token-invalid",
                        "token-invalid-algorithm",
                        "token-invalid-signature",
                        "token-verification-failed",
                        "token-invalid-authorized-parties",
                        "token-expired",
                        "token-not-active-yet",
                        "token-iat-in-the-future",
                        "token-invalid-issuer",
                        "jwk-kid-mismatch",
                        "jwk-remote-failed-to-load",
                        "token-type-mismatch",
                        "session-pending",
                        "machine-token-verification-unavailable",
                        "machine-token-rate-limited");
    }

    @Test
    void aWireNameLeadsBackToItsReasonAndAnUnknownOneToNone() {
        for (AuthReason reason : AuthReason.values()) {
            assertThat(AuthReason.fromWireName(reason.wireName())).contains(reason);
        }
        assertThat(AuthReason.fromWireName("token_invalid")).isEmpty();
        assertThat(AuthReason.fromWireName(null)).isEmpty();
    }

    @Test
    void anExceptionForAReasonCarriesItsWireNameAndStatus() {
        AuthenticationException e =
                new AuthenticationException(AuthReason.JWK_REMOTE_FAILED_TO_LOAD, "keys", 503, null);

        assertThat(e.reason()).isEqualTo("jwk-remote-failed-to-load");
        assertThat(e.status()).isEqualTo(503);
        assertThat(new AuthenticationException(AuthReason.TOKEN_EXPIRED, "expired").status())
                .isEqualTo(401);
    }
}
