package com.example.mmkit;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.spi.ConfiguredStrategy;
import io.mmkit.core.spi.StrategyProvider;
import java.math.BigDecimal;

/** {@code --strategy tick_spread}: keys {@code ticks} (whole number, at least 1) and {@code order_quantity}. */
public final class TickSpreadProvider implements StrategyProvider {
    @Override
    public String name() {
        return "tick_spread";
    }

    @Override
    public String description() {
        return "example plug-in: one bid and one ask a fixed number of ticks from the mid";
    }

    @Override
    public ConfiguredStrategy configure(StrategyParams params) {
        int ticks = params.integer("ticks");
        if (ticks < 1) {
            throw params.invalid("ticks", "must be at least 1, was " + ticks);
        }
        BigDecimal quantity = params.positiveDecimal("order_quantity");
        params.requireAllRead();
        return context -> new TickSpreadStrategy(context, ticks, quantity);
    }
}
