package io.mmkit.backtest.data;

import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.util.Locale;

/** Field parsing shared by the CSV and JSON-lines readers; failures are {@link IllegalArgumentException}s. */
final class Rows {
    private Rows() {
    }

    /** {@code buy}/{@code bid}/{@code b} or {@code sell}/{@code ask}/{@code a}/{@code s}, any case. */
    static Side side(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "buy", "bid", "b" -> Side.BUY;
            case "sell", "ask", "a", "s" -> Side.SELL;
            default -> throw new IllegalArgumentException("side must be buy|bid or sell|ask, was \"" + text + "\"");
        };
    }

    static BigDecimal decimal(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is not a number: \"" + text + "\"");
        }
    }
}
