package io.mmkit.core.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** An order resting at a venue, as the venue reports it. */
public record OpenOrder(
        String orderId,
        String clientOrderId,
        String symbol,
        Side side,
        BigDecimal price,
        BigDecimal quantity,
        BigDecimal filledQuantity,
        TimeInForce timeInForce,
        boolean reduceOnly,
        Instant createdAt) {

    public OpenOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(timeInForce, "timeInForce");
        Objects.requireNonNull(createdAt, "createdAt");
        price = Decimals.requirePositive(price, "price");
        quantity = Decimals.requirePositive(quantity, "quantity");
        filledQuantity = Decimals.requireNonNegative(filledQuantity, "filledQuantity");
    }

    public BigDecimal remainingQuantity() {
        return Decimals.normalize(quantity.subtract(filledQuantity));
    }

    public OpenOrder withFilled(BigDecimal filled) {
        return new OpenOrder(orderId, clientOrderId, symbol, side, price, quantity, filled, timeInForce, reduceOnly,
                createdAt);
    }
}
