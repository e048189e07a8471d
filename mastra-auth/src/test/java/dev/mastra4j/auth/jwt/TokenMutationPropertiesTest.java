package dev.mastra4j.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import dev.mastra4j.auth.AuthenticationException;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** A signed token must not survive any single-character change or any truncation. */
class TokenMutationPropertiesTest {

    private static final RSAKey KEY = TestTokens.rsaKey("kid-props");
    private static final String TOKEN = TestTokens.sign(KEY, TestTokens.claims("https://issuer.example"));
    private static final JwtVerifier VERIFIER = verifier();

    private static JwtVerifier verifier() {
        try {
            return JwtVerifier.builder()
                    .keySource(JwtKeySource.rsaPublicKey(KEY.toRSAPublicKey()))
                    .claimValidator(ClaimValidator.expiry(Duration.ofSeconds(5)))
                    .build();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = 400)
    void everySingleCharacterMutationIsRejected(
            @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll("replacements") char replacement) {
        assertThat(VERIFIER.verify(TOKEN).claims().subject()).isEqualTo("user_1");
        int index = position % TOKEN.length();
        if (TOKEN.charAt(index) == replacement) {
            return;
        }
        String mutated = TOKEN.substring(0, index) + replacement + TOKEN.substring(index + 1);
        assertThatThrownBy(() -> VERIFIER.verify(mutated)).isInstanceOf(AuthenticationException.class);
    }

    @Property(tries = 300)
    void everyTruncationIsRejected(@ForAll @IntRange(min = 0, max = 10_000) int length) {
        String truncated = TOKEN.substring(0, length % TOKEN.length());
        assertThatThrownBy(() -> VERIFIER.verify(truncated)).isInstanceOf(AuthenticationException.class);
    }

    @Example
    void exhaustively_everyTruncationAndEveryLowBitFlipIsRejected() {
        for (int length = 0; length < TOKEN.length(); length++) {
            String truncated = TOKEN.substring(0, length);
            assertThatThrownBy(() -> VERIFIER.verify(truncated)).isInstanceOf(AuthenticationException.class);
        }
        for (int i = 0; i < TOKEN.length(); i++) {
            // Flipping the lowest bit keeps most base64url characters inside the alphabet: the subtle case.
            String mutated = TOKEN.substring(0, i) + (char) (TOKEN.charAt(i) ^ 1) + TOKEN.substring(i + 1);
            assertThatThrownBy(() -> VERIFIER.verify(mutated))
                    .as("position %d", i)
                    .isInstanceOf(AuthenticationException.class);
        }
    }

    @Provide
    Arbitrary<Character> replacements() {
        return Arbitraries.oneOf(
                Arbitraries.chars()
                        .with("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray()),
                Arbitraries.chars().with(".=+/ \t\n\"{}".toCharArray()),
                Arbitraries.chars().range('\u0080', '\u00ff'));
    }
}
