package dev.mastra4j.auth.clerk.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {

    private final MutableClock clock = MutableClock.startingNow();

    @Test
    void aBurstThenASteadyRatePerAddress() {
        ClientRateLimiter limiter = new ClientRateLimiter(20, 10, clock);
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.tryAcquire("203.0.113.7"))
                    .as("permit %d of the burst", i + 1)
                    .isTrue();
        }
        assertThat(limiter.tryAcquire("203.0.113.7")).isFalse();
        assertThat(limiter.tryAcquire("198.51.100.1"))
                .as("another address has its own bucket")
                .isTrue();

        clock.advance(Duration.ofMillis(99));
        assertThat(limiter.tryAcquire("203.0.113.7")).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire("203.0.113.7"))
                .as("one permit every 100 ms")
                .isTrue();
        assertThat(limiter.tryAcquire("203.0.113.7")).isFalse();

        clock.advance(Duration.ofMinutes(5));
        int burst = 0;
        while (limiter.tryAcquire("203.0.113.7")) {
            burst++;
        }
        assertThat(burst).as("a long rest refills no more than the burst").isEqualTo(20);
    }

    @Test
    void aRefusedAddressIsToldHowLongUntilItsNextPermit() {
        ClientRateLimiter limiter = new ClientRateLimiter(2, 0.25, clock);
        assertThat(limiter.untilNextPermit("203.0.113.7"))
                .as("an address never seen")
                .isZero();
        assertThat(limiter.tryAcquire("203.0.113.7")).isTrue();
        assertThat(limiter.untilNextPermit("203.0.113.7")).as("a permit left").isZero();
        assertThat(limiter.tryAcquire("203.0.113.7")).isTrue();
        assertThat(limiter.tryAcquire("203.0.113.7")).isFalse();
        assertThat(limiter.untilNextPermit("203.0.113.7")).isEqualTo(Duration.ofSeconds(4));

        clock.advance(Duration.ofMillis(2_500));
        assertThat(limiter.untilNextPermit("203.0.113.7")).isEqualTo(Duration.ofMillis(1_500));
        assertThat(limiter.untilNextPermit("198.51.100.1"))
                .as("another address has its own bucket")
                .isZero();
        clock.advance(Duration.ofMillis(1_500));
        assertThat(limiter.untilNextPermit("203.0.113.7")).isZero();
        assertThat(limiter.tryAcquire("203.0.113.7")).isTrue();
    }

    @Test
    void aReleasedPermitCanBeTakenAgainButNeverBeyondTheBurst() {
        ClientRateLimiter limiter = new ClientRateLimiter(3, 1, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("a")).isTrue();
        }
        assertThat(limiter.tryAcquire("a")).isFalse();
        limiter.release("a");
        assertThat(limiter.tryAcquire("a")).isTrue();

        for (int i = 0; i < 10; i++) {
            limiter.release("a");
        }
        int taken = 0;
        while (limiter.tryAcquire("a")) {
            taken++;
        }
        assertThat(taken).isEqualTo(3);
    }

    @Test
    void callersWithoutAnAddressShareOneBucket() {
        ClientRateLimiter limiter = new ClientRateLimiter(2, 1, clock);
        assertThat(limiter.tryAcquire(null)).isTrue();
        assertThat(limiter.tryAcquire(null)).isTrue();
        assertThat(limiter.tryAcquire(null)).isFalse();
        assertThat(limiter.tryAcquire("127.0.0.1")).isTrue();
    }

    @Test
    void manyAddressesStayWithinTheBoundAndEachStillGetsItsBurst() {
        ClientRateLimiter limiter = new ClientRateLimiter(1, 1, clock);
        for (int i = 0; i < 3 * ClientRateLimiter.MAX_ADDRESSES; i++) {
            assertThat(limiter.tryAcquire("client-" + i)).isTrue();
        }
        assertThat(limiter.tryAcquire("client-0") && limiter.tryAcquire("client-0"))
                .as("an address never gets more than its burst at once")
                .isFalse();
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> new ClientRateLimiter(0, 1, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientRateLimiter(1, 0, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientRateLimiter(1, Double.NaN, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
