package io.mmkit.strategies.hedge;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * The {@code maker_taker_hedge} keys (besides {@code risk}):
 *
 * <pre>
 * base_spread_percentage        the minimum edge of a maker fill over its taker hedge, percent (required):
 *                               bid = hedge best bid × (1 − s / 100), ask = hedge best ask × (1 + s / 100)
 * order_quantity                base quantity of each maker quote (required)
 * hedge_market                  same (hedge on the maker's market, default) or hedge (the market the config's
 *                               markets.hedge section binds, e.g. a perpetual while quoting spot)
 * reference_position            the net position (maker + hedge market) to return to, base units (default 0)
 * max_hedge_retries             failed hedge attempts in a row before the strategy stops (default 3)
 * requote_tolerance_percentage  drift allowed before a maker quote is replaced (default: a tenth of the spread)
 * </pre>
 */
public record HedgeParams(BigDecimal spreadPercentage, BigDecimal orderQuantity, boolean separateHedgeMarket,
                          BigDecimal referencePosition, int maxHedgeRetries, BigDecimal tolerancePercentage) {

    /** Where hedges go. */
    public enum HedgeMarket {
        SAME,
        HEDGE
    }

    public static HedgeParams read(StrategyParams p) {
        BigDecimal spread = p.positiveDecimal("base_spread_percentage");
        if (spread.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw p.invalid("base_spread_percentage", "must be below 100 (it is a percentage)");
        }
        BigDecimal quantity = p.positiveDecimal("order_quantity");
        HedgeMarket where = p.enumValue("hedge_market", HedgeMarket.class, HedgeMarket.SAME);
        BigDecimal reference = p.decimal("reference_position", BigDecimal.ZERO);
        int retries = p.integer("max_hedge_retries", 3);
        if (retries < 0) {
            throw p.invalid("max_hedge_retries", "must not be negative, was " + retries);
        }
        BigDecimal tolerance = p.decimal("requote_tolerance_percentage",
                spread.divide(BigDecimal.TEN, MathContext.DECIMAL64));
        if (tolerance.signum() < 0) {
            throw p.invalid("requote_tolerance_percentage", "must not be negative");
        }
        return new HedgeParams(spread, quantity, where == HedgeMarket.HEDGE, reference, retries, tolerance);
    }

    /** The maker quotes the strategy would rest against {@code top}: best prices moved out by the edge. */
    public List<Quote> firstQuotes(BookTop top) {
        BigDecimal edge = spreadPercentage.divide(BigDecimal.valueOf(100), MathContext.DECIMAL64);
        return List.of(Quote.bid(top.bidPrice().multiply(BigDecimal.ONE.subtract(edge)), orderQuantity),
                Quote.ask(top.askPrice().multiply(BigDecimal.ONE.add(edge)), orderQuantity));
    }
}
