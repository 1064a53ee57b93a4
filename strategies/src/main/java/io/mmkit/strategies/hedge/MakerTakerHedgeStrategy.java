package io.mmkit.strategies.hedge;

import io.mmkit.core.engine.Market;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Decimals;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Side;
import io.mmkit.core.risk.RiskGuard;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.strategies.support.RiskedQuoting;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maker quotes on the primary market, every maker fill hedged by a taker (market) order for the net delta
 * ({@code --strategy maker_taker_hedge}). The hedge goes to the same market or to the {@code hedge} market
 * (another symbol or venue, e.g. quote spot, hedge on a perpetual).
 *
 * <p><b>Delta.</b> {@code delta = position(primary) [+ position(hedge)] + hedges accepted but not yet booked
 * − reference_position}, from this run's ledgers. Each iteration, after fills, the delta rounded down to the
 * hedge market's lot is sent as a market order if the venue's minimums accept it; what is below the minimum
 * is carried in the delta until later fills make it hedgeable.
 *
 * <p><b>Spread.</b> Quotes are priced off the hedge market's touch so that a maker fill and its hedge earn at
 * least {@code base_spread_percentage}: {@code bid = hedge bid × (1 − s/100)}, {@code ask = hedge ask ×
 * (1 + s/100)}. (The predecessor's hedge ignored the spread.)
 *
 * <p><b>Failures.</b> While a hedge is pending (the delta is unhedged, a hedge order was accepted without
 * being filled yet, or a hedge's answer was lost and the engine has not yet settled whether it traded) no
 * maker quote rests, and no second hedge is sent for a lost one. A rejected or failed hedge is retried next iteration; after
 * {@code max_hedge_retries} failures in a row the strategy stops (as failed) and the engine cancels every order.
 *
 * <p>All hooks run on the strategy thread.
 */
public class MakerTakerHedgeStrategy extends MarketMaker {
    private static final Logger LOG = LoggerFactory.getLogger(MakerTakerHedgeStrategy.class);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** Iterations after which a hedge whose fills never arrived stops counting (the ledgers decide again). */
    private static final int UNBOOKED_EXPIRY = 5;

    private record Unbooked(BigDecimal signedQuantity, boolean filledOnAccept, long since) {
    }

    private final HedgeParams params;
    private final RiskedQuoting risk;
    private final Map<String, Unbooked> unbooked = new LinkedHashMap<>();
    private long iteration;
    private int failuresInARow;

    public MakerTakerHedgeStrategy(MarketMakerContext context, HedgeParams params, RiskLimits limits) {
        super(context);
        this.params = params;
        this.risk = new RiskedQuoting(limits);
    }

    private Market hedgeMarket() {
        return params.separateHedgeMarket() ? market("hedge") : market();
    }

    @Override
    protected void onFill(Market market, Fill fill) {
        Unbooked u = fill.clientOrderId() == null ? null : unbooked.get(fill.clientOrderId());
        if (u == null) {
            return;
        }
        BigDecimal left = u.signedQuantity().subtract(fill.signedQuantity());
        if (left.signum() == 0 || left.signum() != u.signedQuantity().signum()) {
            unbooked.remove(fill.clientOrderId());
        } else {
            unbooked.put(fill.clientOrderId(), new Unbooked(left, u.filledOnAccept(), u.since()));
        }
    }

    /** The net delta to hedge, in base units; see the class comment. */
    public BigDecimal netDelta() {
        BigDecimal delta = market().ledger().position();
        if (params.separateHedgeMarket()) {
            delta = delta.add(hedgeMarket().ledger().position());
        }
        for (Unbooked u : unbooked.values()) {
            delta = delta.add(u.signedQuantity());
        }
        return Decimals.normalize(delta.subtract(params.referencePosition()));
    }

    @Override
    protected void onIteration(BookTop top) {
        iteration++;
        unbooked.values().removeIf(u -> iteration - u.since() > UNBOOKED_EXPIRY);
        BigDecimal equity = market().ledger().netPnl(top.mid());
        if (params.separateHedgeMarket()) {
            equity = equity.add(hedgeMarket().ledger().netPnl(hedgeMarket().bookTop().mid()));
        }
        RiskGuard.Verdict verdict = risk.check(equity, now());
        if (verdict.state() == RiskGuard.State.STOP) {
            requestStop(verdict.reason(), true);
            return;
        }
        hedge();
    }

    private void hedge() {
        BigDecimal quantity = hedgeableQuantity();
        if (quantity.signum() == 0) {
            failuresInARow = 0;
            return;
        }
        if (hedgeMarket().hasUnsettledPlacements()) {
            // An earlier hedge's answer was lost: it may have traded. Hedging again now could double it.
            LOG.info("[{}] waiting for the outcome of an earlier hedge before hedging {} again", settings().instanceId(),
                    quantity.toPlainString());
            return;
        }
        BigDecimal delta = netDelta();
        Side side = delta.signum() > 0 ? Side.SELL : Side.BUY;
        String failure;
        try {
            PlaceResult result = hedgeMarket().placeMarket(side, quantity, false);
            if (result instanceof PlaceResult.Accepted accepted) {
                OpenOrder o = accepted.order();
                boolean filled = o.filledQuantity().compareTo(o.quantity()) >= 0;
                BigDecimal expected = o.filledQuantity().signum() > 0 ? o.filledQuantity() : o.quantity();
                unbooked.put(o.clientOrderId(), new Unbooked(side == Side.BUY ? expected : expected.negate(),
                        filled, iteration));
                LOG.info("[{}] hedged delta {}: {} {} on {} (residual {} carried)", settings().instanceId(),
                        delta.toPlainString(), side, quantity.toPlainString(), hedgeMarket().name(),
                        delta.abs().subtract(quantity).toPlainString());
                failuresInARow = 0;
                return;
            }
            PlaceResult.Rejected r = (PlaceResult.Rejected) result;
            failure = r.reason() + " " + r.detail();
        } catch (ExchangeException e) {
            failure = e.getMessage();
        }
        failuresInARow++;
        LOG.warn("[{}] hedge of {} {} failed ({} in a row): {}", settings().instanceId(), side,
                quantity.toPlainString(), failuresInARow, failure);
        if (failuresInARow > params.maxHedgeRetries()) {
            requestStop("hedge failed " + failuresInARow + " times in a row, last: " + failure
                    + "; unhedged delta " + delta.toPlainString(), true);
        }
    }

    /** The delta rounded down to the hedge market's lot, or zero when the venue's minimums would refuse it. */
    private BigDecimal hedgeableQuantity() {
        Instrument inst = hedgeMarket().instrument();
        BigDecimal qty = inst.roundQuantity(netDelta().abs());
        if (qty.signum() == 0 || qty.compareTo(inst.minQuantity()) < 0) {
            return BigDecimal.ZERO;
        }
        if (inst.minNotional().signum() > 0) {
            BigDecimal price = hedgeMarket().bookTop().mid();
            if (price.multiply(qty).compareTo(inst.minNotional()) < 0) {
                return BigDecimal.ZERO;
            }
        }
        return qty;
    }

    /**
     * Whether a hedge is outstanding: an unhedged delta above the minimums, a hedge not yet filled, or a hedge
     * whose answer was lost and whose outcome the engine has not settled yet.
     */
    public boolean hedgePending() {
        return hedgeableQuantity().signum() > 0 || unbooked.values().stream().anyMatch(u -> !u.filledOnAccept())
                || hedgeMarket().hasUnsettledPlacements();
    }

    @Override
    protected List<Quote> quotes(BookTop top) {
        if (hedgePending()) {
            return List.of();
        }
        BookTop hedgeTop = params.separateHedgeMarket() ? hedgeMarket().bookTop() : top;
        BigDecimal edge = params.spreadPercentage().divide(HUNDRED, MathContext.DECIMAL64);
        BigDecimal bid = hedgeTop.bidPrice().multiply(BigDecimal.ONE.subtract(edge));
        BigDecimal ask = hedgeTop.askPrice().multiply(BigDecimal.ONE.add(edge));
        List<Quote> wanted = List.of(Quote.bid(bid, params.orderQuantity()), Quote.ask(ask, params.orderQuantity()));
        return risk.filter(wanted, netDelta(), top.mid(), now());
    }

    @Override
    protected BigDecimal requoteTolerance(BookTop top) {
        return top.mid().multiply(params.tolerancePercentage()).divide(HUNDRED, MathContext.DECIMAL64);
    }
}
