package io.mmkit.strategies.mm;

import io.mmkit.core.engine.Market;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Side;
import io.mmkit.core.risk.RiskGuard;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.strategies.support.QuoteAdjustment;
import io.mmkit.strategies.support.RiskedQuoting;
import io.mmkit.strategies.support.SpreadLadder;
import io.mmkit.strategies.support.quoting.Quoting;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spot market maker ({@code --strategy standard}): {@code max_orders} post-only bids and asks, each
 * side anchored to its own best price and {@code base_spread_percentage} of the mid wider than the book
 * (see {@link SpreadLadder#quotesFromTouch}), so a move of one side of the book restales only that side's
 * quotes; {@code quote_reference: mid} measures both sides from the mid instead. The engine diffs the wanted
 * quotes against live orders: an order within {@code requote_tolerance_percentage} of its wanted price stays
 * in the queue; only orders that went stale are cancelled and re-placed. A post-only rejection retreats one
 * tick (engine).
 *
 * <p>Rebalancing (when {@code base_asset_target_percentage} is set): when the base asset's share of the
 * portfolio value strays more than {@code rebalance_threshold} points from the target, the side that would
 * stray further is withheld and the inner order of the other side carries the whole deviation
 * ({@code |share − target| / 100 × portfolio value / mid}), still post-only: the maker rebalances passively
 * instead of paying the taker fee.
 *
 * <p>All hooks run on the strategy thread.
 */
public class SpotMarketMaker extends MarketMaker {
    private static final Logger LOG = LoggerFactory.getLogger(SpotMarketMaker.class);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final SpotParams params;
    private final RiskedQuoting risk;
    private Quoting quoting = Quoting.NONE;
    private final QuoteAdjustment adjustment;
    private Side rebalancing;

    public SpotMarketMaker(MarketMakerContext context, SpotParams params, RiskLimits limits) {
        this(context, params, limits, QuoteAdjustment.NONE);
    }

    /** With {@code adjustment} (e.g. an imbalance skew) applied to the ladder before the risk filter. */
    public SpotMarketMaker(MarketMakerContext context, SpotParams params, RiskLimits limits,
                           QuoteAdjustment adjustment) {
        super(context);
        this.params = params;
        this.risk = new RiskedQuoting(limits);
        this.adjustment = adjustment;
    }

    /**
     * The shared quoting features (order refresh and age, filled-order delay, hanging orders, price band,
     * ping-pong, size steps) this maker applies to its quotes; set before {@link #run()}.
     */
    public final SpotMarketMaker withQuoting(Quoting features) {
        this.quoting = java.util.Objects.requireNonNull(features, "features");
        return this;
    }

    @Override
    protected void onFill(Market market, Fill fill) {
        quoting.onFill(market, fill, now());
    }

    @Override
    protected void onIteration(BookTop top) {
        RiskGuard.Verdict verdict = risk.check(() -> RiskedQuoting.netPnl(market(), top.mid()), now());
        if (verdict.state() == RiskGuard.State.STOP) {
            requestStop(verdict.reason(), true);
            return;
        }
        quoting.beforeQuotes(market(), top, now());
    }

    @Override
    protected List<Quote> quotes(BookTop top) {
        BigDecimal mid = top.mid();
        BigDecimal bidQty = params.orderQuantity();
        BigDecimal askQty = params.orderQuantity();
        BigDecimal base = BigDecimal.ZERO;
        BigDecimal quote = BigDecimal.ZERO;
        if (params.balancePercentage() != null || params.targetBasePercentage() != null) {
            Instrument inst = market().instrument();
            for (Balance b : market().balances()) {
                // Totals, not free amounts: what our own resting orders lock must not shrink the next quote.
                if (b.asset().equals(inst.baseAsset())) {
                    base = b.total();
                } else if (b.asset().equals(inst.quoteAsset())) {
                    quote = b.total();
                }
            }
        }
        if (params.balancePercentage() != null) {
            BigDecimal share = params.balancePercentage().divide(HUNDRED, MathContext.DECIMAL64);
            bidQty = quote.multiply(share).divide(mid, MathContext.DECIMAL64);
            askQty = base.multiply(share);
        }
        List<Quote> wanted = params.ladder(top, bidQty, askQty, market().instrument().tickSize());
        if (params.targetBasePercentage() != null) {
            wanted = rebalance(wanted, base, quote, mid);
        }
        wanted = adjustment.adjust(wanted, market(), top);
        wanted = quoting.adjust(wanted, market(), top, now());
        return risk.filter(wanted, market().ledger().position(), mid, now());
    }

    private List<Quote> rebalance(List<Quote> wanted, BigDecimal base, BigDecimal quote, BigDecimal mid) {
        BigDecimal value = base.multiply(mid).add(quote);
        if (value.signum() <= 0) {
            return wanted;
        }
        BigDecimal share = base.multiply(mid).multiply(HUNDRED).divide(value, MathContext.DECIMAL64);
        BigDecimal deviation = share.subtract(params.targetBasePercentage());
        if (deviation.abs().compareTo(params.rebalanceThreshold()) <= 0) {
            if (rebalancing != null) {
                LOG.info("[{}] rebalanced: base share {} %", settings().instanceId(), share.round(MathContext.DECIMAL32));
                rebalancing = null;
            }
            return wanted;
        }
        Side side = deviation.signum() > 0 ? Side.SELL : Side.BUY;
        BigDecimal amount = deviation.abs().divide(HUNDRED, MathContext.DECIMAL64).multiply(value)
                .divide(mid, MathContext.DECIMAL64);
        if (rebalancing != side) {
            LOG.info("[{}] rebalancing: base share {} % vs target {} % ± {}: {} {} passively, {} side withheld",
                    settings().instanceId(), share.round(MathContext.DECIMAL32).toPlainString(),
                    params.targetBasePercentage().toPlainString(), params.rebalanceThreshold().toPlainString(),
                    side, amount.round(MathContext.DECIMAL32).toPlainString(), side.opposite());
            rebalancing = side;
        }
        List<Quote> out = new ArrayList<>();
        boolean first = true;
        for (Quote q : wanted) {
            if (q.side() != side) {
                continue;
            }
            out.add(first ? q.withQuantity(amount) : q);
            first = false;
        }
        return out;
    }

    @Override
    protected BigDecimal requoteTolerance(BookTop top) {
        return params.spread().tolerance(top.mid());
    }
}
