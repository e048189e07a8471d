package dev.mastra4j.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantTest {

    private static final DateTimeFormatter JDK =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Property(tries = 2000)
    void formatsAsTheJdkFormatterAndParsesBack(
            @ForAll @LongRange(min = -62_167_219_200_000L, max = 253_402_300_799_999L) long epochMilli,
            @ForAll @LongRange(min = 0, max = 999_999) long extraNanos) {
        Instant instant = Instant.ofEpochMilli(epochMilli).plusNanos(extraNanos);
        String text = IsoInstant.format(instant);
        assertThat(text).isEqualTo(JDK.format(instant));
        assertThat(IsoInstant.parse(text)).isEqualTo(instant.truncatedTo(ChronoUnit.MILLIS));
        assertThat(IsoInstant.parse(text)).isEqualTo(Instant.parse(text));
    }

    @Test
    void yearsBeyondFourDigitsFallBackToTheJdk() {
        Instant far = Instant.parse("+12345-01-02T03:04:05.678Z");
        assertThat(IsoInstant.format(far)).isEqualTo(JDK.format(far));
        assertThat(IsoInstant.parse("+12345-01-02T03:04:05.678Z")).isEqualTo(far);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-12-05T06:24:29Z",
                "2026-12-05T06:24:29.1Z",
                "2026-12-05T06:24:29.123456Z",
                "2026-12-05T07:24:29.123+01:00",
                "2024-02-29T23:59:59.999Z"
            })
    void otherIsoFormsParseAsInstantDoes(String text) {
        assertThat(IsoInstant.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-02-30T00:00:00.000Z",
                "2025-02-29T00:00:00.000Z",
                "2026-13-01T00:00:00.000Z",
                "2026-12-05T25:00:00.000Z",
                "2026-12-05T06:60:00.000Z",
                "2026-12-05 06:24:29.123Z",
                "2026-12-05T06:24:29.12xZ",
                "",
                "yesterday"
            })
    void badTextIsAParseError(String text) {
        assertThatThrownBy(() -> IsoInstant.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
