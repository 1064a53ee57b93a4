package io.mmkit.exchange.http;

import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.VenueObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A token bucket counted in request weight: {@code capacity} weight per {@code window}, refilled continuously.
 * A venue's {@code Retry-After} closes the bucket until that instant. An {@link #unbounded} limiter has no
 * bucket and only honours {@code Retry-After}.
 *
 * <p>Thread-safe. {@link #acquire(int)} blocks the calling thread through the injected {@link TimeSource}
 * (interruptible, bounded by the time the bucket needs to refill).
 */
public final class WeightRateLimiter {
    private final TimeSource time;
    private final double capacity;
    private final double perMilli;
    private final boolean bounded;
    private double tokens;
    private Instant refilledAt;
    private Instant closedUntil;
    private volatile VenueObserver observer = VenueObserver.NONE;
    private volatile String venue = "";

    public WeightRateLimiter(TimeSource time, int capacity, Duration window) {
        this(time, capacity, window, true);
    }

    private WeightRateLimiter(TimeSource time, int capacity, Duration window, boolean bounded) {
        this.time = Objects.requireNonNull(time, "time");
        if (capacity < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("need capacity >= 1 and a positive window");
        }
        this.bounded = bounded;
        this.capacity = capacity;
        this.perMilli = capacity / (double) window.toMillis();
        this.tokens = capacity;
        this.refilledAt = time.now();
        this.closedUntil = Instant.MIN;
    }

    /**
     * A limiter that never waits for weight, only for a venue's {@code Retry-After}: for a local mock or a
     * backtest, where no {@code Retry-After} comes and so {@link #acquire} never touches the time source.
     */
    public static WeightRateLimiter unbounded(TimeSource time) {
        return new WeightRateLimiter(time, 1, Duration.ofMinutes(1), false);
    }

    /**
     * Takes {@code weight} from the bucket, waiting until it is available and any {@code Retry-After} has
     * passed.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public void acquire(int weight) throws InterruptedException {
        double need = Math.min(weight, capacity);
        long waited = 0;
        while (true) {
            Duration wait = tryTake(need);
            if (wait.isZero()) {
                if (waited > 0) {
                    observer.onRateLimitWait(venue, waited);
                }
                return;
            }
            time.pause(wait);
            waited += wait.toNanos();
        }
    }

    /** Where waits are reported, as {@code venue}'s; set before the first call. */
    public void observe(String venue, VenueObserver observer) {
        this.venue = Objects.requireNonNull(venue, "venue");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** Refuses every request until {@code now + retryAfter}. */
    public synchronized void closeFor(Duration retryAfter) {
        Instant until = time.now().plus(retryAfter);
        if (until.isAfter(closedUntil)) {
            closedUntil = until;
        }
    }

    /** Weight available right now; for tests and logs. */
    public synchronized double available() {
        refill(time.now());
        return tokens;
    }

    private synchronized Duration tryTake(double need) {
        Instant now = time.now();
        if (now.isBefore(closedUntil)) {
            return Duration.between(now, closedUntil);
        }
        if (!bounded) {
            return Duration.ZERO;
        }
        refill(now);
        if (tokens >= need) {
            tokens -= need;
            return Duration.ZERO;
        }
        long millis = (long) Math.ceil((need - tokens) / perMilli);
        return Duration.ofMillis(Math.max(1, millis));
    }

    private void refill(Instant now) {
        long elapsed = Duration.between(refilledAt, now).toMillis();
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * perMilli);
            refilledAt = now;
        }
    }
}
