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
import io.mmkit.strategies.support.SpreadLadder;
import java.util.List;
import java.util.Optional;

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
        QuotingParams quoting = QuotingParams.read(params);
        params.requireAllRead();
        return new ConfiguredStrategy() {
            @Override
            public MarketMaker create(MarketMakerContext context) {
                return new PerpetualMarketMaker(context, perp, limits).withQuoting(quoting.create());
            }

            @Override
            public Optional<RestingOrderCount> restingOrderCount() {
                return Optional.of(perp.spread().restingOrders());
            }

            @Override
            public StartPlan startPlan(Instrument instrument, BookTop top, List<Balance> balances) {
                return new StartPlan(SpreadLadder.quotes(perp.spread(), top.mid(), java.math.BigDecimal.ZERO,
                        perp.orderQuantity(), perp.orderQuantity(), instrument.tickSize()), "strategy.order_quantity");
            }
        };
    }
}
