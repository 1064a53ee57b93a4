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
import io.mmkit.strategies.grid.PerpGridParams.Direction;
import java.util.List;
import java.util.Optional;

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
        return new ConfiguredStrategy() {
            @Override
            public MarketMaker create(MarketMakerContext context) {
                return new PerpGridStrategy(context, grid, limits);
            }

            @Override
            public Optional<RestingOrderCount> restingOrderCount() {
                return Optional.of(GridStartPlan.restingOrders(grid.grid()));
            }

            @Override
            public StartPlan startPlan(Instrument instrument, BookTop top, List<Balance> balances) {
                return GridStartPlan.of(grid.grid(), instrument, top, grid.direction() != Direction.SHORT,
                        grid.direction() != Direction.LONG);
            }
        };
    }
}
