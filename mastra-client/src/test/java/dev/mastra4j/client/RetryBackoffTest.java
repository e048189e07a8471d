package dev.mastra4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    private final RetryBackoff backoff =
            new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(2), () -> new Random(42));

    @Test
    void delaysStayWithinTheExponentialCap() {
        Random random = new Random(7);
        RetryBackoff seeded = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(2), () -> random);
        long[] caps = {100, 200, 400, 800, 1600, 2000, 2000, 2000};
        for (int retry = 0; retry < caps.length; retry++) {
            long max = 0;
            for (int i = 0; i < 500; i++) {
                long delay = seeded.delay(retry).toMillis();
                assertThat(delay).isBetween(0L, caps[retry]);
                max = Math.max(max, delay);
            }
            // Full jitter spreads over the whole range, so the largest of 500 draws is close to the cap.
            assertThat(max).as("retry %d", retry).isGreaterThan(caps[retry] / 2);
        }
    }

    @Test
    void hugeRetryNumbersDoNotOverflow() {
        assertThat(backoff.delay(Integer.MAX_VALUE)).isBetween(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void zeroBaseMeansNoWait() {
        assertThat(new RetryBackoff(Duration.ZERO, Duration.ZERO).delay(3)).isEqualTo(Duration.ZERO);
    }

    @Test
    void rejectsMaxBelowBase() {
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofMillis(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryAfterInSeconds() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(backoff.retryAfter("1", now)).contains(Duration.ofSeconds(1));
        assertThat(backoff.retryAfter(" 0 ", now)).contains(Duration.ZERO);
        assertThat(backoff.retryAfter("-5", now)).contains(Duration.ZERO);
    }

    @Test
    void retryAfterAsHttpDate() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        String inOneSecond =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(1).atOffset(ZoneOffset.UTC));
        assertThat(backoff.retryAfter(inOneSecond, now)).contains(Duration.ofSeconds(1));
        String past =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(now.minusSeconds(30).atOffset(ZoneOffset.UTC));
        assertThat(backoff.retryAfter(past, now)).contains(Duration.ZERO);
    }

    @Test
    void retryAfterIsCappedAndIgnoredWhenUnreadable() {
        Instant now = Instant.now();
        assertThat(backoff.retryAfter("3600", now)).contains(Duration.ofSeconds(2));
        assertThat(backoff.retryAfter("99999999999999999999999", now)).isEmpty();
        assertThat(backoff.retryAfter("soon", now)).isEmpty();
        assertThat(backoff.retryAfter(null, now)).isEmpty();
        assertThat(backoff.retryAfter("", now)).isEmpty();
    }
}
