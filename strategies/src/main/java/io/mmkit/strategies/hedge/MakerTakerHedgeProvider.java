package io.mmkit.strategies.hedge;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.spi.ConfiguredStrategy;
import io.mmkit.core.spi.RestingOrderCount;
import io.mmkit.core.spi.StartPlan;
import io.mmkit.core.spi.StrategyProvider;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code --strategy maker_taker_hedge}. See {@link HedgeParams}. */
public final class MakerTakerHedgeProvider implements StrategyProvider {
    @Override
    public String name() {
        return "maker_taker_hedge";
    }

    @Override
    public String description() {
        return "maker quotes hedged by taker orders for the net delta, on the same or a second market";
    }

    @Override
    public ConfiguredStrategy configure(StrategyParams params) {
        HedgeParams hedge = HedgeParams.read(params);
        RiskLimits limits = RiskLimits.read(params);
        params.requireAllRead();
        return new ConfiguredStrategy() {
            @Override
            public MarketMaker create(MarketMakerContext context) {
                return new MakerTakerHedgeStrategy(context, hedge, limits);
            }

            @Override
            public Optional<RestingOrderCount> restingOrderCount() {
                return Optional.of(new RestingOrderCount("strategy.order_quantity", 1, 2));
            }

            /** One bid and one ask off the primary book; the live quotes follow the hedge market's book. */
            @Override
            public StartPlan startPlan(Instrument instrument, BookTop top, List<Balance> balances) {
                return new StartPlan(hedge.firstQuotes(top), "strategy.order_quantity");
            }

            @Override
            public Set<String> requiredMarkets() {
                return hedge.separateHedgeMarket() ? Set.of("hedge") : Set.of();
            }
        };
    }
}
