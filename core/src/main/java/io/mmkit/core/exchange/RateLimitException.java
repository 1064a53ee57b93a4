package io.mmkit.core.exchange;

import java.time.Duration;

/** The venue asked us to slow down (HTTP 429, or 418 for a ban), for at least {@link #retryAfter()}. */
public class RateLimitException extends ExchangeException {
    private final Duration retryAfter;

    public RateLimitException(String venue, String message, Duration retryAfter) {
        super(venue, message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
