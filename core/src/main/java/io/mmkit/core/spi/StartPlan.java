package io.mmkit.core.spi;

import io.mmkit.core.engine.Quote;
import java.util.List;
import java.util.Objects;

/**
 * What a strategy would rest first on its primary market, worked out from the market's rules and top of book
 * before anything is placed, so the launcher's pre-flight can refuse a fat-fingered config (a quantity below
 * the venue's minimum, an order worth more than the notional cap, more than the balance covers).
 *
 * @param quotes the orders it would rest, unrounded, as its first {@code quotes()} would return them
 * @param quantityKey the config key that sets their size, for the refusal message, e.g.
 *     {@code strategy.order_quantity}
 */
public record StartPlan(List<Quote> quotes, String quantityKey) {
    public StartPlan {
        quotes = List.copyOf(quotes);
        Objects.requireNonNull(quantityKey, "quantityKey");
    }

    /** No plan: the strategy does not say what it rests, and the pre-flight checks only the market. */
    public static StartPlan unknown() {
        return new StartPlan(List.of(), "strategy");
    }
}
