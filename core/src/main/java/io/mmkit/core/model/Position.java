package io.mmkit.core.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A perpetual position. {@code quantity} is signed: positive long, negative short, zero flat.
 *
 * @param entryPrice average entry price; zero when flat
 * @param fundingPaid cumulative funding paid (negative when received), in the quote asset, where the venue reports it
 */
public record Position(
        String symbol,
        BigDecimal quantity,
        BigDecimal entryPrice,
        BigDecimal markPrice,
        BigDecimal unrealizedPnl,
        BigDecimal fundingPaid) {

    public Position {
        Objects.requireNonNull(symbol, "symbol");
        quantity = Decimals.normalize(Objects.requireNonNull(quantity, "quantity"));
        entryPrice = Decimals.normalize(Objects.requireNonNull(entryPrice, "entryPrice"));
        markPrice = Decimals.normalize(Objects.requireNonNull(markPrice, "markPrice"));
        unrealizedPnl = Decimals.normalize(Objects.requireNonNull(unrealizedPnl, "unrealizedPnl"));
        fundingPaid = Decimals.normalize(Objects.requireNonNull(fundingPaid, "fundingPaid"));
    }

    public static Position flat(String symbol) {
        return new Position(symbol, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO);
    }

    public boolean isFlat() {
        return quantity.signum() == 0;
    }
}
