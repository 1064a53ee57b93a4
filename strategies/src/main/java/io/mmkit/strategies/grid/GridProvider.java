package io.mmkit.strategies.grid;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.core.spi.ConfiguredStrategy;
import io.mmkit.core.spi.StrategyProvider;

/** {@code --strategy grid}: the spot grid. See {@link GridParams} for the keys. */
public final class GridProvider implements StrategyProvider {
    @Override
    public String name() {
        return "grid";
    }

    @Override
    public String description() {
        return "spot grid: buys below, sells above, each fill re-placed one level away; profit on filled round trips";
    }

    @Override
    public ConfiguredStrategy configure(StrategyParams params) {
        GridParams grid = GridParams.read(params);
        RiskLimits limits = RiskLimits.read(params);
        params.requireAllRead();
        return context -> new GridStrategy(context, grid, limits);
    }
}
