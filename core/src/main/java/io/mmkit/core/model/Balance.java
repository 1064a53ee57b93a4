package io.mmkit.core.model;

import java.math.BigDecimal;
import java.util.Objects;

/** An asset balance: free to trade, and locked in open orders. */
public record Balance(String asset, BigDecimal free, BigDecimal locked) {
    public Balance {
        Objects.requireNonNull(asset, "asset");
        free = Decimals.normalize(Objects.requireNonNull(free, "free"));
        locked = Decimals.normalize(Objects.requireNonNull(locked, "locked"));
    }

    public BigDecimal total() {
        return Decimals.normalize(free.add(locked));
    }
}
