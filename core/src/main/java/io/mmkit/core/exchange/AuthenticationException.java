package io.mmkit.core.exchange;

/** The venue refused our credentials or signature (e.g. HTTP 401). Not retryable. */
public class AuthenticationException extends ExchangeException {
    public AuthenticationException(String venue, String message) {
        super(venue, message);
    }
}
