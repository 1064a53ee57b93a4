package io.mmkit.exchange.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts and retry bounds for one venue's REST traffic.
 *
 * @param connectTimeout TCP + TLS connect
 * @param readTimeout gap allowed between two reads of a response
 * @param callTimeout the whole call, from DNS to the last body byte: what bounds a strategy's wait
 * @param maxAttempts attempts per safe call (reads, cancels), the first included
 * @param baseBackoff first retry delay; doubles per attempt
 * @param maxBackoff cap on one retry delay
 * @param maxRetryAfter a venue's {@code Retry-After} longer than this is not waited out: the call fails with
 *     a {@link io.mmkit.core.exchange.RateLimitException} instead
 * @param rateLimited whether calls wait for the client-side token bucket sized to the venue's documented limit
 *     (config {@code "rate_limit"}, default true). False for a local mock or a backtest, where a wait on a
 *     simulated clock would move the market; a venue's {@code Retry-After} is honoured either way
 */
public record HttpSettings(
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        int maxAttempts,
        Duration baseBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        boolean rateLimited) {

    /** Rate-limited by the venue's documented limit. */
    public HttpSettings(Duration connectTimeout, Duration readTimeout, Duration callTimeout, int maxAttempts,
                        Duration baseBackoff, Duration maxBackoff, Duration maxRetryAfter) {
        this(connectTimeout, readTimeout, callTimeout, maxAttempts, baseBackoff, maxBackoff, maxRetryAfter, true);
    }

    public HttpSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(callTimeout, "callTimeout");
        requirePositive(baseBackoff, "baseBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        requirePositive(maxRetryAfter, "maxRetryAfter");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /** 5 s connect, 10 s read, 15 s per call, 3 attempts backing off 200 ms .. 2 s, Retry-After up to 10 s. */
    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15), 3,
                Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    public HttpSettings withTimeouts(Duration connect, Duration read, Duration call) {
        return new HttpSettings(connect, read, call, maxAttempts, baseBackoff, maxBackoff, maxRetryAfter,
                rateLimited);
    }

    public HttpSettings withRetries(int attempts, Duration base, Duration max) {
        return new HttpSettings(connectTimeout, readTimeout, callTimeout, attempts, base, max, maxRetryAfter,
                rateLimited);
    }

    /** With or without the client-side rate limit (see {@link #rateLimited()}). */
    public HttpSettings withRateLimited(boolean limited) {
        return new HttpSettings(connectTimeout, readTimeout, callTimeout, maxAttempts, baseBackoff, maxBackoff,
                maxRetryAfter, limited);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
