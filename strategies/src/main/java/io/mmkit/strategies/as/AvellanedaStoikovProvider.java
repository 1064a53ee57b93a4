package io.mmkit.strategies.as;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.core.spi.ConfiguredStrategy;
import io.mmkit.core.spi.StrategyProvider;

/** {@code --strategy avellaneda_stoikov}. See {@link AsParams} and {@link AvellanedaStoikovMaker}. */
public final class AvellanedaStoikovProvider implements StrategyProvider {
    @Override
    public String name() {
        return "avellaneda_stoikov";
    }

    @Override
    public String description() {
        return "Avellaneda-Stoikov maker: reservation price and optimal spread from inventory, online sigma and kappa";
    }

    @Override
    public ConfiguredStrategy configure(StrategyParams params) {
        AsParams as = AsParams.read(params);
        RiskLimits limits = RiskLimits.read(params);
        params.requireAllRead();
        return new ConfiguredStrategy() {
            @Override
            public MarketMaker create(MarketMakerContext context) {
                return new AvellanedaStoikovMaker(context, as, limits);
            }
        };
    }
}
