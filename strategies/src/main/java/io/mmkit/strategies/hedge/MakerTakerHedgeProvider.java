package io.mmkit.strategies.hedge;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.core.spi.ConfiguredStrategy;
import io.mmkit.core.spi.StrategyProvider;
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
            public Set<String> requiredMarkets() {
                return hedge.separateHedgeMarket() ? Set.of("hedge") : Set.of();
            }
        };
    }
}
