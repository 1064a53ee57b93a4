package io.mmkit.strategies.mm;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.strategies.support.quoting.QuotingParams;
import io.mmkit.core.spi.ConfiguredStrategy;
import io.mmkit.core.spi.RestingOrderCount;
import io.mmkit.core.spi.StartPlan;
import io.mmkit.core.spi.StrategyProvider;
import java.util.List;
import java.util.Optional;

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
        QuotingParams quoting = QuotingParams.read(params);
        params.requireAllRead();
        return new ConfiguredStrategy() {
            @Override
            public MarketMaker create(MarketMakerContext context) {
                return new SpotMarketMaker(context, spot, limits).withQuoting(quoting.create());
            }

            @Override
            public Optional<RestingOrderCount> restingOrderCount() {
                return Optional.of(spot.spread().restingOrders());
            }

            @Override
            public StartPlan startPlan(Instrument instrument, BookTop top, List<Balance> balances) {
                return spot.startPlan(instrument, top, balances);
            }
        };
    }
}
