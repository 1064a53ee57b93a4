package io.mmkit.core.store;

import io.mmkit.core.model.Decimals;
import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One of our orders as the store last recorded it.
 *
 * @param orderId the venue's id, {@code null} when the placement's answer never came
 * @param price {@code null} for a market order
 */
public record RecordedOrder(String clientOrderId, String orderId, String symbol, Side side, BigDecimal price,
                            BigDecimal quantity, OrderStatus status, Instant createdAt) {

    public RecordedOrder {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        price = price == null ? null : Decimals.normalize(price);
        quantity = Decimals.requirePositive(quantity, "quantity");
    }
}
