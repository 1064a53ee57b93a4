package io.mmkit.exchange.http;

import io.mmkit.core.exchange.ExchangeException;
import java.io.IOException;
import okhttp3.Headers;

/**
 * A venue's error adapter as the shared transport sees it. Each venue has exactly one implementation; it is
 * the only place where venue codes and {@link IOException}s become typed exceptions.
 */
public interface VenueErrors {

    /**
     * Classifies an answer. Returns the exception to throw (authentication, rate limit, stale timestamp, 5xx),
     * or {@code null} when the caller's {@link ResponseReader} should see the answer (2xx, and business
     * rejections it turns into values).
     */
    ExchangeException classify(String what, HttpAnswer answer);

    /** Maps a failure to get or read an answer (timeout, reset, malformed body) to a typed exception. */
    ExchangeException transportFailure(String what, IOException cause);
}
