package io.mmkit.core.exchange;

/**
 * The request did not get a usable answer: timeout, connection reset, 5xx, or a body we could not parse.
 * For a placement the outcome is unknown; the caller finds out through the client order id.
 */
public class TransportException extends ExchangeException {
    public TransportException(String venue, String message, Throwable cause) {
        super(venue, message, cause);
    }

    public TransportException(String venue, String message) {
        super(venue, message);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
