package io.mmkit.exchange.backpack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.core.exchange.AuthenticationException;
import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.RejectReason;
import io.mmkit.exchange.http.ClockSkewException;
import io.mmkit.exchange.http.ErrorMapping;
import io.mmkit.exchange.http.HttpAnswer;
import io.mmkit.exchange.http.VenueErrors;
import java.io.IOException;
import java.util.Locale;

/**
 * Backpack's one error adapter: HTTP statuses, Backpack error bodies ({@code {"code","message"}}) and
 * {@link IOException}s become typed exceptions; placement refusals become {@link PlaceResult.Rejected} values.
 */
public final class BackpackErrors implements VenueErrors {
    static final String VENUE = "backpack";

    private final ObjectMapper mapper;

    public BackpackErrors(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public ExchangeException classify(String what, HttpAnswer answer) {
        if (answer.isSuccess()) {
            return null;
        }
        BackpackDtos.ErrorBody error = body(answer);
        String detail = describe(error, answer);
        ExchangeException byStatus = ErrorMapping.byStatus(VENUE, what, answer, detail);
        if (byStatus != null) {
            return byStatus;
        }
        String text = lower(error);
        if (text.contains("expired") || text.contains("timestamp") || text.contains("window")) {
            return new ClockSkewException(VENUE, what + ": " + detail);
        }
        if (text.contains("signature") || text.contains("api key") || "UNAUTHORIZED".equals(error.code())) {
            return new AuthenticationException(VENUE, what + ": " + detail);
        }
        return null;
    }

    @Override
    public ExchangeException transportFailure(String what, IOException cause) {
        return ErrorMapping.transport(VENUE, what, cause);
    }

    /** Whether a 4xx answer says the order or resource does not exist. */
    public boolean isNotFound(HttpAnswer answer) {
        BackpackDtos.ErrorBody error = body(answer);
        return answer.status() == 404 || "RESOURCE_NOT_FOUND".equals(error.code())
                || lower(error).contains("not found");
    }

    /** A 4xx answer to a call that has no business outcome: a plain {@link ExchangeException}. */
    public ExchangeException unexpected(String what, HttpAnswer answer) {
        return new ExchangeException(VENUE, what + ": " + describe(body(answer), answer));
    }

    /** A placement the venue refused, as a value. */
    public PlaceResult rejection(String clientOrderId, HttpAnswer answer) {
        BackpackDtos.ErrorBody error = body(answer);
        return PlaceResult.rejected(clientOrderId, reason(lower(error)), describe(error, answer));
    }

    /** The reject reason Backpack's wording (an error message or an expiry reason) stands for. */
    static RejectReason reason(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("immediately match") || t.contains("post only") || t.contains("postonly")) {
            return RejectReason.POST_ONLY_WOULD_CROSS;
        }
        if (t.contains("insufficient") && !t.contains("liquidity")) {
            return RejectReason.INSUFFICIENT_FUNDS;
        }
        if (t.contains("reduce only") || t.contains("reduceonly")) {
            return RejectReason.REDUCE_ONLY_REJECTED;
        }
        if (t.contains("notional")) {
            return RejectReason.BELOW_MIN_NOTIONAL;
        }
        if (t.contains("below the minimum") || t.contains("quantity is below") || t.contains("min quantity")) {
            return RejectReason.BELOW_MIN_QUANTITY;
        }
        if (t.contains("tick size") || t.contains("step size") || t.contains("decimal") || t.contains("precision")) {
            return RejectReason.INVALID_PRECISION;
        }
        if (t.contains("duplicate")) {
            return RejectReason.DUPLICATE_CLIENT_ID;
        }
        if (t.contains("liquidity") || t.contains("immediateorcancel") || t.contains("fillorkill")) {
            return RejectReason.NO_LIQUIDITY;
        }
        return RejectReason.OTHER;
    }

    private BackpackDtos.ErrorBody body(HttpAnswer answer) {
        try {
            BackpackDtos.ErrorBody parsed = mapper.readValue(answer.body(), BackpackDtos.ErrorBody.class);
            return parsed == null ? new BackpackDtos.ErrorBody(null, answer.body()) : parsed;
        } catch (IOException | RuntimeException e) {
            return new BackpackDtos.ErrorBody(null, answer.body());
        }
    }

    private static String lower(BackpackDtos.ErrorBody error) {
        return ((error.code() == null ? "" : error.code()) + " " + (error.message() == null ? "" : error.message()))
                .toLowerCase(Locale.ROOT);
    }

    private static String describe(BackpackDtos.ErrorBody error, HttpAnswer answer) {
        String text = error.code() == null ? ErrorMapping.abbreviate(answer.body())
                : error.code() + " " + (error.message() == null ? "" : error.message());
        return "HTTP " + answer.status() + " " + text.trim();
    }
}
