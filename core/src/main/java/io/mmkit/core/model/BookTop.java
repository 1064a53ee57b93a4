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

    public BigDecimal mid() {
        return Decimals.normalize(bidPrice.add(askPrice).divide(BigDecimal.valueOf(2), 12, RoundingMode.HALF_EVEN));
    }

    public BigDecimal spread() {
        return Decimals.normalize(askPrice.subtract(bidPrice));
    }
}
