package io.mmkit.exchange.hyperliquid;

import io.mmkit.core.exchange.AuthenticationException;
import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.exchange.RateLimitException;
import io.mmkit.core.model.RejectReason;
import io.mmkit.exchange.http.ErrorMapping;
import io.mmkit.exchange.http.HttpAnswer;
import io.mmkit.exchange.http.VenueErrors;
import java.io.IOException;
import java.util.Locale;

/**
 * Hyperliquid's one error adapter. HTTP statuses (429 rate limit, 5xx, and the 4xx a malformed request gets) and
 * {@link IOException}s become typed exceptions here; so does an {@code /exchange} answer of
 * {@code {"status": "err", "response": "…"}}. A per-order error inside an {@code ok} answer
 * ({@code statuses[i].error}) is a business outcome: {@link #reason} names it for a
 * {@link io.mmkit.core.model.PlaceResult.Rejected}.
 */
public final class HyperliquidErrors implements VenueErrors {
    static final String VENUE = "hyperliquid";

    @Override
    public ExchangeException classify(String what, HttpAnswer answer) {
        if (answer.isSuccess()) {
            return null;
        }
        String detail = "HTTP " + answer.status() + " " + ErrorMapping.abbreviate(answer.body());
        ExchangeException byStatus = ErrorMapping.byStatus(VENUE, what, answer, detail);
        return byStatus != null ? byStatus : new ExchangeException(VENUE, what + ": " + detail);
    }

    @Override
    public ExchangeException transportFailure(String what, IOException cause) {
        return ErrorMapping.transport(VENUE, what, cause);
    }

    /** An {@code {"status": "err"}} answer: authentication, rate limit, or a plain venue error. */
    public ExchangeException refused(String what, String message) {
        String m = message == null ? "" : message;
        String t = m.toLowerCase(Locale.ROOT);
        String detail = what + ": " + ErrorMapping.abbreviate(m);
        if (t.contains("does not exist") && (t.contains("wallet") || t.contains("user"))
                || t.contains("signature") || t.contains("not authorized") || t.contains("unauthorized")) {
            return new AuthenticationException(VENUE, detail);
        }
        if (t.contains("rate limit") || t.contains("too many")) {
            return new RateLimitException(VENUE, detail, ErrorMapping.DEFAULT_RETRY_AFTER);
        }
        return new ExchangeException(VENUE, detail);
    }

    /** The reject reason a per-order error's wording stands for. */
    static RejectReason reason(String error) {
        String t = error == null ? "" : error.toLowerCase(Locale.ROOT);
        // Both an error's words and an orderStatus status name ("badAloPxRejected", "perpMarginRejected", ...).
        if (t.contains("post only") || t.contains("alo order") || t.contains("badalopx")) {
            return RejectReason.POST_ONLY_WOULD_CROSS;
        }
        if (t.contains("insufficient") || t.contains("margin")) {
            return RejectReason.INSUFFICIENT_FUNDS;
        }
        if (t.contains("reduce only") || t.contains("reduceonly")) {
            return RejectReason.REDUCE_ONLY_REJECTED;
        }
        if (t.contains("minimum value") || t.contains("mintradentl")) {
            return RejectReason.BELOW_MIN_NOTIONAL;
        }
        if (t.contains("tick") || t.contains("invalid price") || t.contains("invalid size")
                || t.contains("decimals")) {
            return RejectReason.INVALID_PRECISION;
        }
        if (t.contains("duplicate")) {
            return RejectReason.DUPLICATE_CLIENT_ID;
        }
        if (t.contains("could not immediately match") || t.contains("ioccancel")) {
            return RejectReason.NO_LIQUIDITY;
        }
        return RejectReason.OTHER;
    }

    /** Whether a per-order cancel error says the order is not resting (never placed, cancelled, or filled). */
    static boolean isNotResting(String error) {
        String t = error == null ? "" : error.toLowerCase(Locale.ROOT);
        return t.contains("never placed") || t.contains("already canceled") || t.contains("filled")
                || t.contains("unknown");
    }
}
