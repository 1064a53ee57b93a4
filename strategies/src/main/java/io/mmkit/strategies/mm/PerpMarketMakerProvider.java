package io.mmkit.strategies.mm;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.core.spi.ConfiguredStrategy;
import io.mmkit.core.spi.StrategyProvider;

/** {@code --strategy perp_market_maker}. See {@link PerpParams}. */
public final class PerpMarketMakerProvider implements StrategyProvider {
    @Override
    public String name() {
        return "perp_market_maker";
    }

    @Override
    public String description() {
        return "perpetual market maker: inventory-skewed ladder, max position, leverage, stop-loss/take-profit";
    }

    @Override
    public ConfiguredStrategy configure(StrategyParams params) {
        PerpParams perp = PerpParams.read(params);
        RiskLimits limits = RiskLimits.read(params);
        params.requireAllRead();
        return context -> new PerpetualMarketMaker(context, perp, limits);
    }
}
