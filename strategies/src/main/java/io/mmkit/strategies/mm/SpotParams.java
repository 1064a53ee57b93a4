package io.mmkit.strategies.mm;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.spi.StartPlan;
import io.mmkit.strategies.support.SpreadLadder;
import io.mmkit.strategies.support.SpreadParams;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * The {@code standard} spot market maker's keys (besides {@link SpreadParams} and {@code risk}):
 *
 * <pre>
 * order_quantity                 base quantity of every order, or instead:
 * order_balance_percentage       size each order as this percent of the total balance: bids of the quote
 *                                asset (converted at the mid), asks of the base asset
 * base_asset_target_percentage   enables rebalancing: the share of the portfolio's value to hold in base
 * rebalance_threshold            percentage points the base share may stray from the target (default 15)
 * quote_reference                touch (default): each side from its own best price; mid: both sides from the
 *                                mid, bid = mid − half, ask = mid + half, as the Python bot quotes
 * </pre>
 *
 * @param orderQuantity {@code null} when sized by balance
 * @param balancePercentage {@code null} when the quantity is fixed
 * @param targetBasePercentage {@code null} when rebalancing is off
 */
public record SpotParams(SpreadParams spread, BigDecimal orderQuantity, BigDecimal balancePercentage,
                         BigDecimal targetBasePercentage, BigDecimal rebalanceThreshold, Reference reference) {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** What the inner quotes are measured from. */
    public enum Reference {
        /** Each side from its own best price: a move of one side of the book restales only that side. */
        TOUCH,
        /** Both sides from the mid (the Python bot's {@code mid ± mid × spread / 200}). */
        MID
    }

    /** Quoting from the touch. */
    public SpotParams(SpreadParams spread, BigDecimal orderQuantity, BigDecimal balancePercentage,
                      BigDecimal targetBasePercentage, BigDecimal rebalanceThreshold) {
        this(spread, orderQuantity, balancePercentage, targetBasePercentage, rebalanceThreshold, Reference.TOUCH);
    }

    public static SpotParams read(StrategyParams p) {
        SpreadParams spread = SpreadParams.read(p);
        BigDecimal quantity = p.optionalPositiveDecimal("order_quantity").orElse(null);
        BigDecimal byBalance = p.optionalPositiveDecimal("order_balance_percentage").orElse(null);
        if (quantity == null && byBalance == null) {
            throw p.invalid("order_quantity", "required key is missing (or give order_balance_percentage)");
        }
        if (quantity != null && byBalance != null) {
            throw p.invalid("order_balance_percentage", "give either order_quantity or order_balance_percentage");
        }
        if (byBalance != null && byBalance.compareTo(HUNDRED) > 0) {
            throw p.invalid("order_balance_percentage", "must be at most 100, was " + byBalance.toPlainString());
        }
        BigDecimal target = p.optionalDecimal("base_asset_target_percentage").orElse(null);
        if (target != null && (target.signum() < 0 || target.compareTo(HUNDRED) > 0)) {
            throw p.invalid("base_asset_target_percentage", "must be 0..100, was " + target.toPlainString());
        }
        BigDecimal threshold = p.optionalPositiveDecimal("rebalance_threshold").orElse(BigDecimal.valueOf(15));
        if (threshold.compareTo(HUNDRED) >= 0) {
            throw p.invalid("rebalance_threshold", "must be below 100 percentage points, was "
                    + threshold.toPlainString());
        }
        Reference reference = p.enumValue("quote_reference", Reference.class, Reference.TOUCH);
        return new SpotParams(spread, quantity, byBalance, target, threshold, reference);
    }

    /**
     * The first ladder, sized as {@link SpotMarketMaker} sizes it (by balance when
     * {@code order_balance_percentage} is set), before any rebalancing skew. For the launcher's pre-flight.
     */
    public StartPlan startPlan(Instrument instrument, BookTop top, List<Balance> balances) {
        BigDecimal bidQty = orderQuantity;
        BigDecimal askQty = orderQuantity;
        String key = "strategy.order_quantity";
        if (balancePercentage != null) {
            BigDecimal base = BigDecimal.ZERO;
            BigDecimal quote = BigDecimal.ZERO;
            for (Balance b : balances) {
                if (b.asset().equals(instrument.baseAsset())) {
                    base = b.total();
                } else if (b.asset().equals(instrument.quoteAsset())) {
                    quote = b.total();
                }
            }
            BigDecimal share = balancePercentage.divide(HUNDRED, MathContext.DECIMAL64);
            bidQty = quote.multiply(share).divide(top.mid(), MathContext.DECIMAL64);
            askQty = base.multiply(share);
            key = "strategy.order_balance_percentage";
        }
        return new StartPlan(ladder(top, bidQty, askQty, instrument.tickSize()), key);
    }

    /** The unskewed ladder against {@code top}, from the touch or the mid as {@code quote_reference} says. */
    public List<Quote> ladder(BookTop top, BigDecimal bidQty, BigDecimal askQty, BigDecimal tick) {
        return reference == Reference.MID
                ? SpreadLadder.quotes(spread, top.mid(), BigDecimal.ZERO, bidQty, askQty, tick)
                : SpreadLadder.quotesFromTouch(spread, top, bidQty, askQty, tick);
    }
}
