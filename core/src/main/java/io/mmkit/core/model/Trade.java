package io.mmkit.core.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A public trade printed by the venue (anyone's, not necessarily ours).
 *
 * @param aggressor the taker's side: {@code SELL} when the buyer was the maker
 */
public record Trade(String symbol, BigDecimal price, BigDecimal quantity, Side aggressor, Instant time) {
    public Trade {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(aggressor, "aggressor");
        Objects.requireNonNull(time, "time");
        price = Decimals.requirePositive(price, "price");
        quantity = Decimals.requirePositive(quantity, "quantity");
    }
}
