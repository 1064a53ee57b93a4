package io.mmkit.strategies.mm;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.strategies.support.SpreadLadder;
import io.mmkit.strategies.support.quoting.Quoting;
import io.mmkit.strategies.support.quoting.QuotingFeature;
import io.mmkit.strategies.support.quoting.QuotingParams;
import java.math.BigDecimal;
import java.util.ArrayList;
import io.mmkit.core.spi.ConfiguredStrategy;
import io.mmkit.core.spi.RestingOrderCount;
import io.mmkit.core.spi.StartPlan;
import io.mmkit.core.spi.StrategyProvider;
import io.mmkit.strategies.support.ImbalanceSkew;
import java.util.List;
import java.util.Optional;

/**
 * {@code --strategy imbalance_maker}: the spot market maker ({@link SpotParams}) composed with an
 * {@link ImbalanceSkew} that shifts its quotes by the order-book imbalance.
 */
public final class ImbalanceMakerProvider implements StrategyProvider {
    @Override
    public String name() {
        return "imbalance_maker";
    }

    @Override
    public String description() {
        return "spot market maker skewed by depth-weighted order-book imbalance within N bps of the mid";
    }

    @Override
    public ConfiguredStrategy configure(StrategyParams params) {
        String maker = params.string("maker", "spot");
        ImbalanceSkew skew = ImbalanceSkew.read(params);
        RiskLimits limits = RiskLimits.read(params);
        QuotingParams quoting = QuotingParams.read(params);
        return switch (maker) {
            case "spot" -> spot(params, skew, limits, quoting);
            case "perpetual" -> perpetual(params, skew, limits, quoting);
            default -> throw params.invalid("maker", "must be spot or perpetual, was \"" + maker + "\"");
        };
    }

    private static ConfiguredStrategy spot(StrategyParams params, ImbalanceSkew skew, RiskLimits limits,
                                           QuotingParams quoting) {
        SpotParams spot = SpotParams.read(params);
        params.requireAllRead();
        return new ConfiguredStrategy() {
            @Override
            public MarketMaker create(MarketMakerContext context) {
                return new SpotMarketMaker(context, spot, limits, skew).withQuoting(quoting.create());
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

    /**
     * The perpetual maker (inventory skew, max position, leverage, stop-loss) with the imbalance shift applied
     * to its ladder first, as the first of its quoting features.
     */
    private static ConfiguredStrategy perpetual(StrategyParams params, ImbalanceSkew skew, RiskLimits limits,
                                                QuotingParams quoting) {
        PerpParams perp = PerpParams.read(params);
        params.requireAllRead();
        return new ConfiguredStrategy() {
            @Override
            public MarketMaker create(MarketMakerContext context) {
                List<QuotingFeature> features = new ArrayList<>();
                features.add((wanted, market, top, now) -> skew.adjust(wanted, market, top));
                features.addAll(quoting.create().features());
                return new PerpetualMarketMaker(context, perp, limits).withQuoting(new Quoting(features));
            }

            @Override
            public Optional<RestingOrderCount> restingOrderCount() {
                return Optional.of(perp.spread().restingOrders());
            }

            @Override
            public StartPlan startPlan(Instrument instrument, BookTop top, List<Balance> balances) {
                return new StartPlan(SpreadLadder.quotes(perp.spread(), top.mid(), BigDecimal.ZERO,
                        perp.orderQuantity(), perp.orderQuantity()), "strategy.order_quantity");
            }
        };
    }
}
