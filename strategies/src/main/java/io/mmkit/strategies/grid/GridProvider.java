package io.mmkit.strategies.grid;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.core.spi.ConfiguredStrategy;
import io.mmkit.core.spi.RestingOrderCount;
import io.mmkit.core.spi.StartPlan;
import io.mmkit.core.spi.StrategyProvider;
import java.util.List;
import java.util.Optional;

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
        return new ConfiguredStrategy() {
            @Override
            public MarketMaker create(MarketMakerContext context) {
                return new GridStrategy(context, grid, limits);
            }

            @Override
            public Optional<RestingOrderCount> restingOrderCount() {
                return Optional.of(GridStartPlan.restingOrders(grid));
            }

            @Override
            public StartPlan startPlan(Instrument instrument, BookTop top, List<Balance> balances) {
                return GridStartPlan.of(grid, instrument, top, true, true);
            }
        };
    }
}
