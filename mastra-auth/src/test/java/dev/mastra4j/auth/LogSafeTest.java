package dev.mastra4j.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void lineBreaksAndControlsBecomeEscapes() {
        assertThat(LogSafe.text("GET /a\r\nERROR forged")).isEqualTo("GET /a\\r\\nERROR forged");
        assertThat(LogSafe.text("a\tb\u0000c\u001b[31md\u007fe\u0085f"))
                .isEqualTo("a\\tb\\u0000c\\u001b[31md\\u007fe\\u0085f");
        assertThat(LogSafe.text("x\u2028y\u2029z\u202eq")).isEqualTo("x\\u2028y\\u2029z\\u202eq");
        assertThat(LogSafe.text("a\\nb"))
                .as("a literal backslash-n stays tellable from a line break")
                .isEqualTo("a\\\\nb");
        assertThat(LogSafe.text("plain /api/agents Grüße 天气 \uD83C\uDF26"))
                .isEqualTo("plain /api/agents Grüße 天气 \uD83C\uDF26");
        assertThat(LogSafe.text(null)).isEqualTo("null");
    }

    @Test
    void longValuesAreCut() {
        String text = LogSafe.text("x".repeat(5000));
        assertThat(text).startsWith("x".repeat(LogSafe.MAX_TEXT)).endsWith("...(5000 chars)");
        assertThat(text.length()).isLessThan(LogSafe.MAX_TEXT + 20);
    }

    @Test
    void anExceptionKeepsItsStackTraceButNotTheRawMessages() {
        IllegalStateException cause = new IllegalStateException("inner\nFORGED cause");
        IllegalArgumentException failure = new IllegalArgumentException("outer\r\nFORGED line", cause);
        failure.addSuppressed(new RuntimeException("suppressed\nFORGED too"));
        Throwable safe = LogSafe.throwable(failure);

        StringWriter printed = new StringWriter();
        safe.printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString().lines())
                .noneMatch(line -> line.startsWith("FORGED"))
                .anyMatch(line -> line.equals("java.lang.IllegalArgumentException: outer\\r\\nFORGED line"))
                .anyMatch(line -> line.equals("Caused by: java.lang.IllegalStateException: inner\\nFORGED cause"))
                .anyMatch(line -> line.contains("Suppressed: java.lang.RuntimeException: suppressed\\nFORGED too"))
                .anyMatch(line -> line.contains("at dev.mastra4j.auth.LogSafeTest.anExceptionKeepsItsStackTrace"));
        assertThat(safe.getStackTrace()).isEqualTo(failure.getStackTrace());
        assertThat(LogSafe.throwable(null)).isNull();
    }

    @Test
    void aCycleOfCausesEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(LogSafe.throwable(a).getCause().getCause()).isNull();
    }

    @Property(tries = 500)
    void noEscapedValueHoldsALineBreakOrControl(@ForAll String value) {
        assertThat(LogSafe.text(value).chars())
                .noneMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029);
    }
}
