package io.mmkit.core.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One execution of one of our orders. {@code fillId} is unique per venue and is the key fills are
 * deduplicated by (the same fill may arrive on the WebSocket and through REST polling).
 *
 * @param fee the fee charged, in {@code feeAsset}; negative for a maker rebate
 */
public record Fill(
        String fillId,
        String orderId,
        String clientOrderId,
        String symbol,
        Side side,
        BigDecimal price,
        BigDecimal quantity,
        BigDecimal fee,
        String feeAsset,
        Liquidity liquidity,
        Instant time) {

    public Fill {
        Objects.requireNonNull(fillId, "fillId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(feeAsset, "feeAsset");
        Objects.requireNonNull(liquidity, "liquidity");
        Objects.requireNonNull(time, "time");
        price = Decimals.requirePositive(price, "price");
        quantity = Decimals.requirePositive(quantity, "quantity");
        fee = Decimals.normalize(Objects.requireNonNull(fee, "fee"));
    }

    /** Price times quantity, in the quote asset. */
    public BigDecimal notional() {
        return Decimals.normalize(price.multiply(quantity));
    }

    /** Quantity with the sign of the side: positive for buys. */
    public BigDecimal signedQuantity() {
        return side == Side.BUY ? quantity : quantity.negate();
    }
}
