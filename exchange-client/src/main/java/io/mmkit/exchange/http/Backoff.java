package io.mmkit.exchange.http;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with jitter: attempt {@code n} (0-based) waits a random time between half and
 * all of {@code min(max, base * 2^n)}. The randomness is injected, so a seeded generator gives the same delays
 * every run. Not thread-safe unless the generator is.
 */
public final class Backoff {
    private final Duration base;
    private final Duration max;
    private final RandomGenerator random;

    public Backoff(Duration base, Duration max, RandomGenerator random) {
        this.base = Objects.requireNonNull(base, "base");
        this.max = Objects.requireNonNull(max, "max");
        this.random = Objects.requireNonNull(random, "random");
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= max, was " + base + " / " + max);
        }
    }

    /** The delay before retry number {@code attempt} (0 for the first retry). */
    public Duration delay(int attempt) {
        long capMillis = max.toMillis();
        long exp = base.toMillis() << Math.min(Math.max(attempt, 0), 30);
        long ceiling = exp <= 0 || exp > capMillis ? capMillis : exp;
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.nextDouble() * (ceiling - half + 1)));
    }

    public Duration max() {
        return max;
    }
}
