package io.mmkit.core.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;

/** Best bid and ask at a moment. */
public record BookTop(
        String symbol,
        BigDecimal bidPrice,
        BigDecimal bidQuantity,
        BigDecimal askPrice,
        BigDecimal askQuantity,
        Instant time) {

    public BookTop {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(time, "time");
        bidPrice = Decimals.requirePositive(bidPrice, "bidPrice");
        askPrice = Decimals.requirePositive(askPrice, "askPrice");
        bidQuantity = Decimals.requireNonNegative(bidQuantity, "bidQuantity");
        askQuantity = Decimals.requireNonNegative(askQuantity, "askQuantity");
        if (bidPrice.compareTo(askPrice) >= 0) {
            throw new IllegalArgumentException(
                    "crossed book: bid " + bidPrice.toPlainString() + " >= ask " + askPrice.toPlainString());
        }
    }

    /** (bid + ask) / 2, to 12 decimals (half-even beyond). */
    public BigDecimal mid() {
        BigDecimal sum = bidPrice.add(askPrice);
        if (sum.scale() < 12) {
            // Exact in one more decimal, within the 12: the same value as the division, without dividing.
            return Decimals.normalize(sum.multiply(HALF));
        }
        return Decimals.normalize(sum.divide(BigDecimal.valueOf(2), 12, RoundingMode.HALF_EVEN));
    }

    private static final BigDecimal HALF = new BigDecimal("0.5");

    public BigDecimal spread() {
        return Decimals.normalize(askPrice.subtract(bidPrice));
    }
}
