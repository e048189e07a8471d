package dev.mastra4j.auth.clerk.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class RetryAfterPauseTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    @Test
    void delaySecondsAndHttpDatesAreRead() {
        assertThat(RetryAfterPause.parse("10", NOW)).isEqualTo(Duration.ofSeconds(10));
        assertThat(RetryAfterPause.parse(" 0 ", NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfterPause.parse("Fri, 01 May 2026 12:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfterPause.parse("Fri, 01 May 2026 11:00:00 GMT", NOW))
                .as("a past date")
                .isZero();
    }

    @Test
    void aMissingOrUnreadableHeaderIsTheDefaultPause() {
        assertThat(RetryAfterPause.parse(null, NOW)).isEqualTo(RetryAfterPause.DEFAULT_PAUSE);
        assertThat(RetryAfterPause.parse("", NOW)).isEqualTo(RetryAfterPause.DEFAULT_PAUSE);
        assertThat(RetryAfterPause.parse("-5", NOW)).isEqualTo(RetryAfterPause.DEFAULT_PAUSE);
        assertThat(RetryAfterPause.parse("1.5", NOW)).isEqualTo(RetryAfterPause.DEFAULT_PAUSE);
        assertThat(RetryAfterPause.parse("tomorrow", NOW)).isEqualTo(RetryAfterPause.DEFAULT_PAUSE);
    }

    @Test
    void noPauseIsLongerThanTheMaximumAndALongerOneNeverShortensIt() {
        MutableClock clock = MutableClock.startingNow();
        RetryAfterPause pause = new RetryAfterPause(clock);
        assertThat(pause.active()).isFalse();

        assertThat(pause.pauseFor("99999999999999999999")).isEqualTo(RetryAfterPause.MAX_PAUSE);
        assertThat(pause.pauseFor("1")).isEqualTo(Duration.ofSeconds(1));
        clock.advance(RetryAfterPause.MAX_PAUSE.minusMillis(1));
        assertThat(pause.active())
                .as("the shorter second pause did not cut the first one short")
                .isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(pause.active()).isFalse();
    }

    @Property
    void anyHeaderGivesAPauseWithinBounds(@ForAll String header) {
        Duration pause = RetryAfterPause.parse(header, NOW);
        assertThat(pause.isNegative()).isFalse();
        assertThat(new RetryAfterPause(java.time.Clock.fixed(NOW, ZoneOffset.UTC)).pauseFor(header))
                .isLessThanOrEqualTo(RetryAfterPause.MAX_PAUSE);
    }

    @Property
    void everyDateWithinTheMaximumIsHonouredToTheSecond(@ForAll("seconds") int seconds) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                NOW.plusSeconds(seconds).atZone(ZoneOffset.UTC));
        assertThat(RetryAfterPause.parse(date, NOW)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> seconds() {
        return net.jqwik.api.Arbitraries.integers().between(0, 60);
    }
}
