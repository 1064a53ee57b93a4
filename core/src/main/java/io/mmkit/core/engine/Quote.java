package io.mmkit.core.engine;

import io.mmkit.core.model.Decimals;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order a strategy wants resting on its primary market. The engine rounds it to the instrument
 * (bids down, asks up, quantity down to the lot), compares it with what rests, and sends only the
 * difference.
 */
public record Quote(Side side, BigDecimal price, BigDecimal quantity, TimeInForce timeInForce, boolean reduceOnly) {
    public Quote {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(timeInForce, "timeInForce");
        price = Decimals.requirePositive(price, "price");
        quantity = Decimals.requirePositive(quantity, "quantity");
    }

    /** A post-only quote: the default for a market maker. */
    public static Quote of(Side side, BigDecimal price, BigDecimal quantity) {
        return new Quote(side, price, quantity, TimeInForce.POST_ONLY, false);
    }

    public static Quote bid(BigDecimal price, BigDecimal quantity) {
        return of(Side.BUY, price, quantity);
    }

    public static Quote ask(BigDecimal price, BigDecimal quantity) {
        return of(Side.SELL, price, quantity);
    }

    public Quote asReduceOnly() {
        return new Quote(side, price, quantity, timeInForce, true);
    }

    public Quote withPrice(BigDecimal newPrice) {
        return new Quote(side, newPrice, quantity, timeInForce, reduceOnly);
    }

    public Quote withQuantity(BigDecimal newQuantity) {
        return new Quote(side, price, newQuantity, timeInForce, reduceOnly);
    }
}
