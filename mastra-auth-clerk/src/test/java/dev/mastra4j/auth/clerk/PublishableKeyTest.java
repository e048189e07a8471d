package dev.mastra4j.auth.clerk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PublishableKeyTest {

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesTheFrontendApiHostAndInstanceType() {
        PublishableKey dev = PublishableKey.parse("pk_test_" + encode("quiet-fox-12.clerk.accounts.dev$"));
        assertThat(dev.frontendApi()).isEqualTo("quiet-fox-12.clerk.accounts.dev");
        assertThat(dev.instanceType()).isEqualTo(PublishableKey.InstanceType.DEVELOPMENT);
        assertThat(dev.issuer()).isEqualTo("https://quiet-fox-12.clerk.accounts.dev");

        PublishableKey live = PublishableKey.parse("pk_live_" + encode("clerk.example.com$"));
        assertThat(live.instanceType()).isEqualTo(PublishableKey.InstanceType.PRODUCTION);
        assertThat(live.issuer()).isEqualTo("https://clerk.example.com");
    }

    @Test
    void paddingIsOptional() {
        String padded = encode("clerk.acme.io$");
        assertThat(padded).endsWith("=");
        assertThat(PublishableKey.parse("pk_live_" + padded).frontendApi()).isEqualTo("clerk.acme.io");
        assertThat(PublishableKey.parse("pk_live_" + padded.replace("=", "")).frontendApi())
                .isEqualTo("clerk.acme.io");
    }

    @Test
    void saysWhatIsWrong() {
        assertError("pk_test", "parts");
        assertError("pk_test_abc_def", "parts");
        assertError("xx_test_" + encode("a.b$"), "pk_test_ or pk_live_");
        assertError("pk_prod_" + encode("a.b$"), "pk_test_ or pk_live_");
        assertError("pk_test_%%%%", "base64");
        assertError("pk_test_" + encode("clerk.example.com"), "'$'");
        assertError("pk_test_" + encode("clerk.exa$mple.com$"), "more than one '$'");
        assertError("pk_test_" + encode("localhost$"), "no '.'");
        assertError("pk_test_" + encode("evil.com/path?x=.$"), "characters");
    }

    private static void assertError(String key, String expected) {
        assertThatThrownBy(() -> PublishableKey.parse(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected);
    }
}
