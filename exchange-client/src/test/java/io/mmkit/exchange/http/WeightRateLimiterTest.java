package io.mmkit.exchange.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.time.SimulatedTimeSource;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WeightRateLimiterTest {
    private final SimulatedTimeSource time = new SimulatedTimeSource(Instant.parse("2025-01-01T00:00:00Z"));

    @Test
    void shouldWaitForTheBucketToRefillByWeight() throws InterruptedException {
        WeightRateLimiter limiter = new WeightRateLimiter(time, 60, Duration.ofMinutes(1));
        limiter.acquire(60);
        Instant before = time.now();

        limiter.acquire(30);

        assertThat(Duration.between(before, time.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldStayClosedUntilRetryAfterHasPassed() throws InterruptedException {
        WeightRateLimiter limiter = new WeightRateLimiter(time, 1000, Duration.ofMinutes(1));
        limiter.closeFor(Duration.ofSeconds(7));
        Instant before = time.now();

        limiter.acquire(1);

        assertThat(Duration.between(before, time.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void shouldNeverWaitForWeightWhenUnbounded() throws InterruptedException {
        WeightRateLimiter limiter = WeightRateLimiter.unbounded(time);
        Instant before = time.now();

        for (int i = 0; i < 100_000; i++) {
            limiter.acquire(50);
        }

        assertThat(time.now()).as("a simulated clock is never advanced").isEqualTo(before);
    }

    @Test
    void shouldStillHonourRetryAfterWhenUnbounded() throws InterruptedException {
        WeightRateLimiter limiter = WeightRateLimiter.unbounded(time);
        limiter.closeFor(Duration.ofSeconds(3));
        Instant before = time.now();

        limiter.acquire(1);

        assertThat(Duration.between(before, time.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void shouldGiveJitteredBackoffWithinItsCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), new java.util.Random(42));

        for (int attempt = 0; attempt < 10; attempt++) {
            Duration d = backoff.delay(attempt);
            long ceiling = Math.min(1000, 100L << attempt);
            assertThat(d.toMillis()).isBetween(ceiling / 2, ceiling);
        }
    }
}
