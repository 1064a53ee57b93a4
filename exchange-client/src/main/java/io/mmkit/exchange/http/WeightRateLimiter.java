package io.mmkit.exchange.http;

import io.mmkit.core.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A token bucket counted in request weight: {@code capacity} weight per {@code window}, refilled continuously.
 * A venue's {@code Retry-After} closes the bucket until that instant.
 *
 * <p>Thread-safe. {@link #acquire(int)} blocks the calling thread through the injected {@link TimeSource}
 * (interruptible, bounded by the time the bucket needs to refill).
 */
public final class WeightRateLimiter {
    private final TimeSource time;
    private final double capacity;
    private final double perMilli;
    private double tokens;
    private Instant refilledAt;
    private Instant closedUntil;

    public WeightRateLimiter(TimeSource time, int capacity, Duration window) {
        this.time = Objects.requireNonNull(time, "time");
        if (capacity < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("need capacity >= 1 and a positive window");
        }
        this.capacity = capacity;
        this.perMilli = capacity / (double) window.toMillis();
        this.tokens = capacity;
        this.refilledAt = time.now();
        this.closedUntil = Instant.MIN;
    }

    /**
     * Takes {@code weight} from the bucket, waiting until it is available and any {@code Retry-After} has
     * passed.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public void acquire(int weight) throws InterruptedException {
        double need = Math.min(weight, capacity);
        while (true) {
            Duration wait = tryTake(need);
            if (wait.isZero()) {
                return;
            }
            time.pause(wait);
        }
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
