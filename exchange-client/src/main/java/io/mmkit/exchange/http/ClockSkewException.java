package io.mmkit.exchange.http;

import io.mmkit.core.exchange.ExchangeException;

/**
 * The venue refused the request's timestamp (Binance {@code -1021}, Backpack's expired window). The request was
 * not processed, so it may be re-sent once our clock offset is re-synchronised.
 */
public class ClockSkewException extends ExchangeException {
    public ClockSkewException(String venue, String message) {
        super(venue, message);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
