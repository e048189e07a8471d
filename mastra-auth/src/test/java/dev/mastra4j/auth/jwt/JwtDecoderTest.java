package dev.mastra4j.auth.jwt;

import static dev.mastra4j.auth.jwt.TestTokens.b64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.auth.AuthReason;
import dev.mastra4j.auth.AuthenticationException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class JwtDecoderTest {

    private static final String HEADER = b64("{\"alg\":\"RS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}");
    private static final String PAYLOAD =
            b64("{\"sub\":\"user_1\",\"exp\":4102444800,\"aud\":[\"a\",\"b\"],\"o\":{\"id\":\"org_1\"}}");
    private static final String SIGNATURE = "c2lnbmF0dXJl";

    @Test
    void decodesHeaderAndClaimsIntoImmutableJsonValues() {
        DecodedJwt jwt = JwtDecoder.decode(HEADER + "." + PAYLOAD + "." + SIGNATURE, 8192);

        assertThat(jwt.header().algorithm()).isEqualTo("RS256");
        assertThat(jwt.header().keyId()).isEqualTo("k1");
        assertThat(jwt.claims().subject()).isEqualTo("user_1");
        assertThat(jwt.claims().asMap().get("exp")).isEqualTo(4102444800L);
        assertThat(jwt.claims().asMap().get("aud")).isEqualTo(List.of("a", "b"));
        assertThat(jwt.claims().asMap().get("o")).isEqualTo(Map.of("id", "org_1"));
        assertThat(new String(jwt.signingInput())).isEqualTo(HEADER + "." + PAYLOAD);
        assertThatThrownBy(() -> jwt.claims().asMap().put("sub", "user_2"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesAByteOrderMarkOrWhitespaceAroundEitherJsonPart() {
        String header = "{\"alg\":\"RS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}";
        String payload = "{\"sub\":\"user_1\",\"exp\":4102444800}";
        for (String wrap : List.of("\uFEFF%s", " %s", "%s ", "\n%s", "%s\n", "\t%s\r\n", "\uFEFF %s")) {
            assertInvalid(b64(wrap.formatted(header)) + "." + b64(payload) + "." + SIGNATURE);
            assertInvalid(b64(header) + "." + b64(wrap.formatted(payload)) + "." + SIGNATURE);
        }
        // Whitespace inside the object is ordinary JSON.
        DecodedJwt spaced = JwtDecoder.decode(
                b64("{ \"alg\" : \"RS256\" }") + "." + b64("{\"sub\": \"user_1\"}") + "." + SIGNATURE, 8192);
        assertThat(spaced.claims().subject()).isEqualTo("user_1");
    }

    @Test
    void refusesWrongShapes() {
        assertInvalid("");
        assertInvalid("abc");
        assertInvalid(HEADER + "." + PAYLOAD);
        assertInvalid(HEADER + "." + PAYLOAD + "." + SIGNATURE + "." + SIGNATURE);
        assertInvalid("." + PAYLOAD + "." + SIGNATURE);
        assertInvalid(HEADER + ".." + SIGNATURE);
    }

    @Test
    void refusesAnythingButCanonicalUnpaddedBase64Url() {
        assertInvalid(HEADER + "=." + PAYLOAD + "." + SIGNATURE);
        assertInvalid(HEADER + "." + PAYLOAD + "." + SIGNATURE + "==");
        assertInvalid(HEADER.replace('e', '+') + "." + PAYLOAD + "." + SIGNATURE);
        assertInvalid(HEADER + "." + PAYLOAD + ".c2ln/mF0");
        assertInvalid(HEADER + "." + PAYLOAD + ".a");
        // Characters outside ASCII, including a surrogate pair (two chars, one code point) and a lone surrogate.
        assertInvalid(HEADER + "." + PAYLOAD.substring(0, 4) + "\uD83D\uDE00" + PAYLOAD.substring(6) + "." + SIGNATURE);
        assertInvalid(HEADER + "." + PAYLOAD + "." + SIGNATURE.substring(0, 4) + "\uD83D" + SIGNATURE.substring(5));
        assertInvalid(HEADER.substring(0, 8) + "\u0100" + HEADER.substring(9) + "." + PAYLOAD + "." + SIGNATURE);
        assertInvalid(HEADER + "." + PAYLOAD + "." + SIGNATURE.substring(0, 4) + "\u00e9" + SIGNATURE.substring(5));
        // "AB" and "AC" differ only in bits the decoder drops: both would decode to the same byte.
        assertThat(Base64.getUrlDecoder().decode("AB"))
                .isEqualTo(Base64.getUrlDecoder().decode("AA"));
        assertThat(JwtDecoder.hasCanonicalEnd("AA", 0, 2)).isTrue();
        assertThat(JwtDecoder.hasCanonicalEnd("AB", 0, 2)).isFalse();
        assertThat(JwtDecoder.hasCanonicalEnd("AAA", 0, 3)).isTrue();
        assertThat(JwtDecoder.hasCanonicalEnd("AAB", 0, 3)).isFalse();
        assertInvalid(HEADER + "." + PAYLOAD + ".AB");
    }

    @Property(tries = 200)
    void everyEncodingOfRandomBytesIsCanonicalAndEveryOtherSpellingIsNot(@ForAll @Size(max = 64) byte[] bytes) {
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertThat(JwtDecoder.hasCanonicalEnd(encoded, 0, encoded.length())).isTrue();
        if (!encoded.isEmpty()) {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            char last = encoded.charAt(encoded.length() - 1);
            for (char c : alphabet.toCharArray()) {
                String other = encoded.substring(0, encoded.length() - 1) + c;
                if (c != last && JwtDecoder.hasCanonicalEnd(other, 0, other.length())) {
                    assertThat(Base64.getUrlDecoder().decode(other)).isNotEqualTo(bytes);
                }
            }
        }
    }

    @Property(tries = 200)
    void decodingAcceptsExactlyOneSpellingOfEachSignature(@ForAll @Size(max = 300) byte[] bytes) {
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String prefix = HEADER + "." + PAYLOAD + ".";
        assertThat(JwtDecoder.decode(prefix + encoded, 8192).signature()).isEqualTo(bytes);
        if (encoded.isEmpty()) {
            return;
        }
        String allButLast = prefix + encoded.substring(0, encoded.length() - 1);
        for (char c = 0; c < 0x180; c++) {
            if (c == encoded.charAt(encoded.length() - 1) || c == '.') {
                continue;
            }
            DecodedJwt other;
            try {
                other = JwtDecoder.decode(allButLast + c, 8192);
            } catch (AuthenticationException e) {
                assertThat(e.reason()).isEqualTo(AuthReason.TOKEN_INVALID.wireName());
                continue;
            }
            assertThat(other.signature()).as("last character %s", (int) c).isNotEqualTo(bytes);
        }
    }

    @Property(tries = 400)
    void refusesEveryCharacterOutsideTheAlphabetInEveryPart(
            @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll char replacement) {
        String token = HEADER + "." + PAYLOAD + "." + SIGNATURE;
        int index = position % token.length();
        boolean inAlphabet = replacement < 128
                && "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(replacement) >= 0;
        if (inAlphabet || token.charAt(index) == '.') {
            return;
        }
        assertInvalid(token.substring(0, index) + replacement + token.substring(index + 1));
    }

    @Test
    void refusesHeadersAndPayloadsThatAreNotJsonObjects() {
        assertInvalid(b64("[1,2]") + "." + PAYLOAD + "." + SIGNATURE);
        assertInvalid(HEADER + "." + b64("\"user_1\"") + "." + SIGNATURE);
        assertInvalid(HEADER + "." + b64("user_1 is signed in") + "." + SIGNATURE);
        assertInvalid(HEADER + "." + b64("{\"sub\":\"user_1\"} {}") + "." + SIGNATURE);
        assertInvalid(HEADER + "." + b64("{\"sub\":\"user_1\"") + "." + SIGNATURE);
        assertInvalid(HEADER + "." + b64("{\"sub\":NaN}") + "." + SIGNATURE);
        assertInvalid(HEADER + "." + b64("{\"sub\":\"x\" /* c */}") + "." + SIGNATURE);
    }

    @Test
    void refusesDuplicateKeysAtAnyDepth() {
        assertInvalid(b64("{\"alg\":\"RS256\",\"alg\":\"none\"}") + "." + PAYLOAD + "." + SIGNATURE);
        assertInvalid(HEADER + "." + b64("{\"sub\":\"user_1\",\"sub\":\"user_admin\"}") + "." + SIGNATURE);
        assertInvalid(HEADER + "." + b64("{\"o\":{\"rol\":\"member\",\"rol\":\"admin\"}}") + "." + SIGNATURE);
    }

    @Test
    void aRepeatedHeaderDecodesAsBeforeAndAnyOtherHeaderIsParsedAfresh() {
        String other = b64("{\"alg\":\"RS384\",\"kid\":\"k2\",\"typ\":\"JWT\"}");
        assertThat(other).hasSameSizeAs(HEADER).isNotEqualTo(HEADER);
        for (int round = 0; round < 2; round++) {
            assertThat(JwtDecoder.decode(HEADER + "." + PAYLOAD + "." + SIGNATURE, 8192)
                            .header()
                            .keyId())
                    .isEqualTo("k1");
            assertThat(JwtDecoder.decode(HEADER + "." + PAYLOAD + "." + SIGNATURE, 8192)
                            .header()
                            .algorithm())
                    .isEqualTo("RS256");
            DecodedJwt second = JwtDecoder.decode(other + "." + PAYLOAD + "." + SIGNATURE, 8192);
            assertThat(second.header().algorithm()).isEqualTo("RS384");
            assertThat(second.header().keyId()).isEqualTo("k2");
        }
        // A header that merely starts like the last one, or differs in its last character, is parsed on its own.
        assertThat(JwtDecoder.decode(HEADER + "." + PAYLOAD + "." + SIGNATURE, 8192)
                        .header()
                        .keyId())
                .isEqualTo("k1");
        assertInvalid(HEADER + "AAAA." + PAYLOAD + "." + SIGNATURE);
        assertInvalid(HEADER.substring(0, HEADER.length() - 1) + "A." + PAYLOAD + "." + SIGNATURE);
        String critical = b64("{\"alg\":\"RS256\",\"crit\":[\"b64\"],\"b64\":false}");
        assertInvalid(critical + "." + PAYLOAD + "." + SIGNATURE);
        assertInvalid(critical + "." + PAYLOAD + "." + SIGNATURE);
        assertThat(JwtDecoder.decode(HEADER + "." + PAYLOAD + "." + SIGNATURE, 8192)
                        .header()
                        .keyId())
                .isEqualTo("k1");
        assertInvalid(HEADER + "." + b64("{\"sub\":\"user_1\",\"sub\":\"user_2\"}") + "." + SIGNATURE);
    }

    @Test
    void refusesOversizedTokensBeforeParsing() {
        String big = HEADER + "." + b64("{\"pad\":\"" + "x".repeat(9000) + "\"}") + "." + SIGNATURE;
        assertThat(big.length()).isGreaterThan(8192);
        assertThatThrownBy(() -> JwtDecoder.decode(big, 8192))
                .isInstanceOfSatisfying(
                        AuthenticationException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthReason.TOKEN_INVALID.wireName()));
        assertThat(JwtDecoder.decode(big, 20_000).claims().asMap()).containsKey("pad");
    }

    @Test
    void refusesCriticalHeaderExtensions() {
        assertInvalid(b64("{\"alg\":\"RS256\",\"crit\":[\"b64\"],\"b64\":false}") + "." + PAYLOAD + "." + SIGNATURE);
    }

    @Test
    void refusesDeepNesting() {
        String deep = "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}";
        assertInvalid(HEADER + "." + b64(deep) + "." + SIGNATURE);
    }

    @Test
    void acceptsAnEmptySignatureSoTheAlgorithmStepCanRefuseIt() {
        assertThat(JwtDecoder.decode(HEADER + "." + PAYLOAD + ".", 8192).signature())
                .isEmpty();
    }

    @Test
    void messagesNeverContainTheToken() {
        String token = HEADER + "." + b64("{\"sub\":\"secret-user\",\"sub\":\"x\"}") + "." + SIGNATURE;
        assertThatThrownBy(() -> JwtDecoder.decode(token, 8192))
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain(token)
                        .doesNotContain("secret-user")
                        .doesNotContain(HEADER));
    }

    private static void assertInvalid(String token) {
        assertThatThrownBy(() -> JwtDecoder.decode(token, 8192))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AuthReason.TOKEN_INVALID.wireName());
                    assertThat(e.status()).isEqualTo(401);
                });
    }
}
