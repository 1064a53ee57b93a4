package io.mmkit.core.model;

import java.math.BigDecimal;

/** One price level of an order book. */
public record BookLevel(BigDecimal price, BigDecimal quantity) {
    public BookLevel {
        price = Decimals.requirePositive(price, "price");
        quantity = Decimals.requireNonNegative(quantity, "quantity");
    }
}
