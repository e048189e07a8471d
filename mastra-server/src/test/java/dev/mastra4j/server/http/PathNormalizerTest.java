package dev.mastra4j.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathNormalizerTest {

    @ParameterizedTest
    @CsvSource({
        "/, /",
        "/api/agents, /api/agents",
        "//api/agents, /api/agents",
        "/api//agents///, /api/agents",
        "/api/./agents, /api/agents",
        "/api/x/../agents, /api/agents",
        "/api/agents/, /api/agents",
        "/%61pi/agents, /api/agents",
        "/api/%2e%2e/api/agents, /api/agents",
        "/api/agents;x, /api/agents;x",
        "/API/Agents, /API/Agents",
        "/api/agents/my%20agent, /api/agents/my agent",
        "/api/%2561, /api/%61",
        "/caf%C3%A9, /café",
        "/a/b/../../c, /c",
        "/., /",
        "/a/.., /",
    })
    void normalises(String raw, String expected) throws InvalidPathException {
        assertThat(PathNormalizer.normalize(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "api",
                "*",
                "http://host/api",
                "/api%2Fagents",
                "/api%2fagents",
                "/a\\b",
                "/a%5cb",
                "/a%5Cb",
                "/a%00b",
                "/a%0Ab",
                "/a%7F",
                "/a%C2%85",
                "/a%",
                "/a%4",
                "/a%zz",
                "/a%%41",
                "/a%C0%AF",
                "/a%E0%80%AF",
                "/a%FF",
                "/a%C3",
                "/a%ED%A0%80",
                "/..",
                "/../api",
                "/api/../..",
                "/%2e%2e/x",
                "/a b",
                "/a\tb",
                "/é",
            })
    void rejects(String raw) {
        assertThatThrownBy(() -> PathNormalizer.normalize(raw)).isInstanceOf(InvalidPathException.class);
    }

    @Property(tries = 2000)
    void outputIsCanonicalOrTheInputIsRejected(@ForAll("paths") String raw) {
        String normalized;
        try {
            normalized = PathNormalizer.normalize(raw);
        } catch (InvalidPathException e) {
            return;
        }
        assertThat(normalized).startsWith("/").doesNotContain("//").doesNotContain("\\");
        assertThat(normalized.equals("/") || !normalized.endsWith("/")).isTrue();
        for (String segment : normalized.substring(1).split("/")) {
            assertThat(segment).isNotIn(".", "..");
        }
        if (!normalized.contains("%")) {
            // Without a literal %, normalising again changes nothing: one decoding, no second meaning.
            try {
                assertThat(PathNormalizer.normalize(encode(normalized))).isEqualTo(normalized);
            } catch (InvalidPathException e) {
                throw new AssertionError("re-normalising " + normalized, e);
            }
        }
    }

    /** Percent-encodes everything but letters, digits and '/', as UTF-8. */
    private static String encode(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c == '/' || (c < 0x80 && Character.isLetterOrDigit(c))) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.of(
                "api", "agents", "", ".", "..", "%2e", "%2E%2e", "%2F", "%5C", "%61pi", "a;b", "x%20y", "%25", "%",
                "%C3%A9", "%C0%AF", "A", "\\");
        return segment.list().ofMaxSize(8).map(list -> "/" + String.join("/", list));
    }
}
