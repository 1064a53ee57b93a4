package io.mmkit.core.exchange;

/**
 * A venue call failed for a reason that is not a business outcome: transport, authentication, rate
 * limit, or a venue error we do not map to a result. Unchecked; each venue maps its failures to these
 * in one place.
 */
public class ExchangeException extends RuntimeException {
    private final String venue;

    public ExchangeException(String venue, String message) {
        super(venue + ": " + message);
        this.venue = venue;
    }

    public ExchangeException(String venue, String message, Throwable cause) {
        super(venue + ": " + message, cause);
        this.venue = venue;
    }

    public String venue() {
        return venue;
    }

    /** Whether repeating the same call may succeed (timeouts, 5xx, connection resets, rate limits). */
    public boolean isRetryable() {
        return false;
    }
}
