package io.mmkit.exchange.binance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.core.exchange.AuthenticationException;
import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.exchange.RateLimitException;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.RejectReason;
import io.mmkit.exchange.http.ClockSkewException;
import io.mmkit.exchange.http.ErrorMapping;
import io.mmkit.exchange.http.HttpAnswer;
import io.mmkit.exchange.http.VenueErrors;
import java.io.IOException;
import java.util.Locale;

/**
 * Binance's one error adapter: HTTP statuses, Binance error codes ({@code {"code": -2010, "msg": ...}}) and
 * {@link IOException}s become typed exceptions; placement refusals become {@link PlaceResult.Rejected} values.
 */
public final class BinanceErrors implements VenueErrors {
    static final String VENUE = "binance";

    private final ObjectMapper mapper;
    private final String venue;

    /** Binance's errors. */
    public BinanceErrors(ObjectMapper mapper) {
        this(mapper, VENUE);
    }

    /** The errors of a venue that answers in Binance's shape (Aster), named {@code venue} in its exceptions. */
    public BinanceErrors(ObjectMapper mapper, String venue) {
        this.mapper = mapper;
        this.venue = venue;
    }

    @Override
    public ExchangeException classify(String what, HttpAnswer answer) {
        if (answer.isSuccess()) {
            return null;
        }
        BinanceDtos.ErrorBody error = body(answer);
        String detail = describe(error, answer);
        ExchangeException byStatus = ErrorMapping.byStatus(venue, what, answer, detail);
        if (byStatus != null) {
            return byStatus;
        }
        int code = error.code() == null ? 0 : error.code();
        return switch (code) {
            case -1021 -> new ClockSkewException(venue, what + ": " + detail);
            case -1022, -2014, -2015 -> new AuthenticationException(venue, what + ": " + detail);
            case -1003 -> new RateLimitException(venue, what + ": " + detail, ErrorMapping.retryAfter(answer.headers()));
            default -> null;
        };
    }

    @Override
    public ExchangeException transportFailure(String what, IOException cause) {
        return ErrorMapping.transport(venue, what, cause);
    }

    /** Whether a 4xx answer says the order does not exist ({@code -2011} unknown order, {@code -2013}). */
    public boolean isUnknownOrder(HttpAnswer answer) {
        Integer code = body(answer).code();
        return code != null && (code == -2011 || code == -2013);
    }

    /** A 4xx answer to a call that has no business outcome: a plain {@link ExchangeException}. */
    public ExchangeException unexpected(String what, HttpAnswer answer) {
        return new ExchangeException(venue, what + ": " + describe(body(answer), answer));
    }

    /** A placement the venue refused, as a value. */
    public PlaceResult rejection(String clientOrderId, HttpAnswer answer) {
        BinanceDtos.ErrorBody error = body(answer);
        return PlaceResult.rejected(clientOrderId, reason(error), describe(error, answer));
    }

    /** One order of a batch the venue refused ({@code {"code": -2022, "msg": ...}} in the answer's list). */
    public PlaceResult rejection(String clientOrderId, BinanceDtos.ErrorBody error) {
        return PlaceResult.rejected(clientOrderId, reason(error),
                error.code() + " " + (error.msg() == null ? "" : error.msg()));
    }

    static RejectReason reason(BinanceDtos.ErrorBody error) {
        int code = error.code() == null ? 0 : error.code();
        String msg = error.msg() == null ? "" : error.msg().toLowerCase(Locale.ROOT);
        switch (code) {
            case -5022:
                return RejectReason.POST_ONLY_WOULD_CROSS;
            case -2019:
                return RejectReason.INSUFFICIENT_FUNDS;
            case -2022:
                return RejectReason.REDUCE_ONLY_REJECTED;
            case -4164:
                return RejectReason.BELOW_MIN_NOTIONAL;
            case -4116:
                return RejectReason.DUPLICATE_CLIENT_ID;
            case -1111:
            case -4014:
            case -4023:
                return RejectReason.INVALID_PRECISION;
            default:
                break;
        }
        if (msg.contains("immediately match")) {
            return RejectReason.POST_ONLY_WOULD_CROSS;
        }
        if (msg.contains("insufficient")) {
            return RejectReason.INSUFFICIENT_FUNDS;
        }
        if (msg.contains("duplicate")) {
            return RejectReason.DUPLICATE_CLIENT_ID;
        }
        if (msg.contains("notional")) {
            return RejectReason.BELOW_MIN_NOTIONAL;
        }
        if (msg.contains("lot_size") || msg.contains("market_lot_size")) {
            return RejectReason.BELOW_MIN_QUANTITY;
        }
        if (msg.contains("price_filter") || msg.contains("precision")) {
            return RejectReason.INVALID_PRECISION;
        }
        if (msg.contains("reduceonly") || msg.contains("reduce only")) {
            return RejectReason.REDUCE_ONLY_REJECTED;
        }
        return RejectReason.OTHER;
    }

    private BinanceDtos.ErrorBody body(HttpAnswer answer) {
        try {
            BinanceDtos.ErrorBody parsed = mapper.readValue(answer.body(), BinanceDtos.ErrorBody.class);
            return parsed == null ? new BinanceDtos.ErrorBody(null, answer.body()) : parsed;
        } catch (IOException | RuntimeException e) {
            return new BinanceDtos.ErrorBody(null, answer.body());
        }
    }

    private static String describe(BinanceDtos.ErrorBody error, HttpAnswer answer) {
        String text = error.code() == null ? ErrorMapping.abbreviate(answer.body())
                : error.code() + " " + (error.msg() == null ? "" : error.msg());
        return "HTTP " + answer.status() + " " + text.trim();
    }
}
