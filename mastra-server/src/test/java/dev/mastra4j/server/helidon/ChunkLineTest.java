package dev.mastra4j.server.helidon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkLineTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1a",
                "1A",
                "001a",
                "1a;ext",
                "1a;ext=1",
                "1a;a=b;c;d=\"q\"",
                "1a ; a = b",
                "1a\t;\ta\t=\tb",
                "1a;a=\"x;y=z\"",
                "1a;a=\"say \\\"hi\\\"\"",
                "1a;a=\"\"",
                "1a;!#$%&'*+-.^_`|~=v"
            })
    void extensionsThatFollowTheGrammarAreAcceptedAndIgnored(String line) {
        assertThat(ChunkLine.size(line)).isEqualTo(0x1a);
        assertThat(line.substring(0, ChunkLine.extensionsStart(line))).matches("0*1[aA]");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " 1a",
                "1a ",
                "+1a",
                "-1",
                "0x1a",
                "1a;",
                "1a;;a",
                "1a;=b",
                "1a;a=",
                "1a;a=b c",
                "1a;a b",
                "1a;a=\"open",
                "1a;a=\"bad\u0001\"",
                "1a;a=\"x\\",
                "1a;a=b ",
                "1a;a\u0000",
                "zz",
                "1a\u007f",
                "1a;a=\"x\"y",
                "1a;a=b;",
                "1a;a=(b)"
            })
    void anythingElseIsInvalid(String line) {
        assertThat(ChunkLine.size(line)).isEqualTo(ChunkLine.INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffffffffffffffffffff", "8000000000000000"})
    void aSizeBeyondALongSaturates(String line) {
        assertThat(ChunkLine.size(line)).isEqualTo(Long.MAX_VALUE);
    }

    @Property(tries = 300)
    void everySizeReadsBack(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE >> 4) long size, @ForAll("extensions") String extensions) {
        assertThat(ChunkLine.size(Long.toHexString(size) + extensions)).isEqualTo(size);
        assertThat(ChunkLine.size(Long.toHexString(size).toUpperCase() + extensions))
                .isEqualTo(size);
    }

    @Property(tries = 300)
    void aControlCharacterAnywhereMakesTheLineInvalid(
            @ForAll("extensions") String extensions, @ForAll("controls") char control) {
        String line = "1a" + extensions;
        for (int at = 0; at <= line.length(); at++) {
            assertThat(ChunkLine.size(line.substring(0, at) + control + line.substring(at)))
                    .as("control %04x at %d of %s", (int) control, at, line)
                    .isEqualTo(ChunkLine.INVALID);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Checksum: abc", "x:", "X-T:1", "X-T: a \"b\" \t c", "Server-Timing: db;dur=53"})
    void trailerFieldLines(String line) {
        assertThat(ChunkLine.isFieldLine(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                ":v",
                " X: v",
                "\tX: v",
                "X : v",
                "X",
                "X(: v",
                "X: a\u0001b",
                "X: a\u007fb",
                "GET / HTTP/1.1"
            })
    void notTrailerFieldLines(String line) {
        assertThat(ChunkLine.isFieldLine(line)).isFalse();
    }

    @Provide
    Arbitrary<String> extensions() {
        Arbitrary<String> tokens = Arbitraries.strings()
                .withChars("abcXYZ019!#$%&'*+-.^_`|~")
                .ofMinLength(1)
                .ofMaxLength(8);
        Arbitrary<String> quoted = Arbitraries.strings()
                .withChars("ab ;=,\t\\\"~")
                .ofMaxLength(8)
                .map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        Arbitrary<String> spaces = Arbitraries.of("", " ", "\t", "  ");
        Arbitrary<String> one = Combinators.combine(
                        spaces, tokens, spaces, Arbitraries.oneOf(tokens, quoted), Arbitraries.of(true, false))
                .as((ws, name, ws2, value, withValue) ->
                        ws + ";" + ws2 + name + (withValue ? ws2 + "=" + ws + value : ""));
        return one.list().ofMaxSize(4).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<Character> controls() {
        return Arbitraries.of(List.of('\u0000', '\u0001', '\r', '\n', '\u000b', '\u001b', '\u007f'));
    }
}
