package io.mmkit.strategies.grid;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.core.spi.ConfiguredStrategy;
import io.mmkit.core.spi.StrategyProvider;

/** {@code --strategy perp_grid}. See {@link PerpGridParams}. */
public final class PerpGridProvider implements StrategyProvider {
    @Override
    public String name() {
        return "perp_grid";
    }

    @Override
    public String description() {
        return "perpetual grid: neutral/long/short, reduce-only closes, max position, boundary actions";
    }

    @Override
    public ConfiguredStrategy configure(StrategyParams params) {
        PerpGridParams grid = PerpGridParams.read(params);
        RiskLimits limits = RiskLimits.read(params);
        params.requireAllRead();
        return context -> new PerpGridStrategy(context, grid, limits);
    }
}
