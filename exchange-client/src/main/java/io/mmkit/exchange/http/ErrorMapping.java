package io.mmkit.exchange.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mmkit.core.exchange.AuthenticationException;
import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.exchange.RateLimitException;
import io.mmkit.core.exchange.TransportException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import okhttp3.Headers;

/**
 * Pieces every venue's error adapter uses: HTTP status families, {@code Retry-After}, and the wording of
 * transport failures. Pure functions.
 */
public final class ErrorMapping {
    /** When a 429 carries no {@code Retry-After}, wait this long. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private ErrorMapping() {
    }

    /** A failure to get or read an answer: always a retryable {@link TransportException}. */
    public static TransportException transport(String venue, String what, IOException cause) {
        String kind;
        if (cause instanceof JsonProcessingException) {
            kind = "malformed JSON in the response";
        } else if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
            kind = "timed out";
        } else if (cause instanceof ConnectException) {
            kind = "could not connect";
        } else {
            kind = "connection failed (" + cause.getClass().getSimpleName() + ")";
        }
        return new TransportException(venue, what + ": " + kind, cause);
    }

    /**
     * The venue-independent reading of a status: 401/403 authentication, 429/418 rate limit, 5xx transport.
     * Returns null for anything else (2xx, other 4xx), which the venue adapter looks at itself.
     *
     * @param detail the venue's description of the answer, starting with its HTTP status
     */
    public static ExchangeException byStatus(String venue, String what, HttpAnswer answer, String detail) {
        int status = answer.status();
        if (status == 401 || status == 403) {
            return new AuthenticationException(venue, what + ": " + detail);
        }
        if (status == 429 || status == 418) {
            return new RateLimitException(venue, what + ": " + detail + (status == 418 ? " (IP banned)" : ""),
                    retryAfter(answer.headers()));
        }
        if (status >= 500) {
            return new TransportException(venue, what + ": " + detail);
        }
        return null;
    }

    /** The {@code Retry-After} header in seconds (the only form venues send), or {@link #DEFAULT_RETRY_AFTER}. */
    public static Duration retryAfter(Headers headers) {
        String value = headers.get("Retry-After");
        if (value == null) {
            return DEFAULT_RETRY_AFTER;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }

    /** A body shortened for an error message. */
    public static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}
