package io.mmkit.strategies.mm;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.core.spi.ConfiguredStrategy;
import io.mmkit.core.spi.StrategyProvider;

/** {@code --strategy standard}: the spot market maker. See {@link SpotParams}. */
public final class StandardProvider implements StrategyProvider {
    @Override
    public String name() {
        return "standard";
    }

    @Override
    public String description() {
        return "spot market maker: post-only ladder off each side of the book, requotes only stale orders, rebalancing";
    }

    @Override
    public ConfiguredStrategy configure(StrategyParams params) {
        SpotParams spot = SpotParams.read(params);
        RiskLimits limits = RiskLimits.read(params);
        params.requireAllRead();
        return context -> new SpotMarketMaker(context, spot, limits);
    }
}
