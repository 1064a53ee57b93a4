package io.mmkit.strategies.mm;

import io.mmkit.core.engine.Market;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Position;
import io.mmkit.core.model.Side;
import io.mmkit.core.risk.RiskGuard;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.strategies.support.Perpetuals;
import io.mmkit.strategies.support.RiskedQuoting;
import io.mmkit.strategies.support.SpreadLadder;
import io.mmkit.strategies.support.quoting.Quoting;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The perpetual market maker ({@code --strategy perp_market_maker}): a post-only ladder around the mid,
 * skewed by inventory, never able to take the position past {@code max_position}.
 *
 * <p><b>Inventory skew.</b> With {@code d = clamp((position − target_position) / max_position, −1, 1)}
 * and {@code half = mid × base_spread_percentage / 200}, every quote moves by
 * {@code shift = inventory_skew × d × half} (down when long, up when short):
 * {@code bid = mid − shift − half}, {@code ask = mid − shift + half}. The spread itself never changes, and at
 * {@code inventory_skew = 1} and a full position the inner quote that reduces it sits at the mid. (The
 * predecessor moved quotes by a fraction of the <em>price</em>; {@code inventory_skew_basis: price} does so
 * too: {@code shift = inventory_skew × d × mid}.)
 *
 * <p><b>Limits.</b> On each side, quotes nearest the mid first, quantities are cut so that the position stays
 * within ±{@code max_position} even if everything on that side fills (see {@link RiskGuard#filter}). Beyond
 * {@code position_threshold} from the target, the side that would stray further is withheld.
 *
 * <p><b>Exits.</b> When the position's unrealized PnL (the venue's, marked at its mark price) reaches
 * −{@code stop_loss} or +{@code take_profit}, the position is closed by a reduce-only market order and the
 * log says why; quoting then goes on from flat. With {@code close_excess_above} set, whatever |position| holds
 * beyond it is closed the same way each iteration (the Python bot's reduction past target + threshold).
 * {@code leverage} is set on the venue at start.
 *
 * <p><b>PnL.</b> Equity for the kill switch is realized − fees + unrealized − funding paid (funding as the
 * venue reports it on the position); {@link #pnl()} gives the breakdown, logged at stop.
 *
 * <p>All hooks run on the strategy thread.
 */
public class PerpetualMarketMaker extends MarketMaker {
    private static final Logger LOG = LoggerFactory.getLogger(PerpetualMarketMaker.class);

    /** The PnL breakdown in quote units. {@code net = realized − fees + unrealized − funding}. */
    public record Pnl(BigDecimal realized, BigDecimal fees, BigDecimal unrealized, BigDecimal funding,
                      BigDecimal net) {
    }

    private final PerpParams params;
    private final RiskedQuoting risk;
    private Quoting quoting = Quoting.NONE;
    private final RiskGuard positionCap;
    private Position position;
    private BigDecimal lastMid;

    public PerpetualMarketMaker(MarketMakerContext context, PerpParams params, RiskLimits limits) {
        super(context);
        this.params = params;
        this.risk = new RiskedQuoting(limits);
        this.positionCap = new RiskGuard(RiskLimits.maxPositionOnly(params.maxPosition()));
    }

    /**
     * The shared quoting features (order refresh and age, filled-order delay, hanging orders, price band,
     * ping-pong, size steps) this maker applies to its quotes; set before {@link #run()}.
     */
    public final PerpetualMarketMaker withQuoting(Quoting features) {
        this.quoting = java.util.Objects.requireNonNull(features, "features");
        return this;
    }

    @Override
    protected void onFill(Market market, Fill fill) {
        quoting.onFill(market, fill, now());
    }

    @Override
    protected void onStart() {
        Perpetuals.applyLeverage(market(), params.leverage(), settings().instanceId());
    }

    @Override
    protected void onIteration(BookTop top) {
        lastMid = top.mid();
        position = market().position();
        RiskGuard.Verdict verdict = risk.check(pnl().net(), now());
        if (verdict.state() == RiskGuard.State.STOP) {
            requestStop(verdict.reason(), true);
            return;
        }
        quoting.beforeQuotes(market(), top, now());
        BigDecimal upnl = position.unrealizedPnl();
        if (position.isFlat()) {
            return;
        }
        if (params.stopLoss() != null && upnl.compareTo(params.stopLoss().negate()) <= 0) {
            close("stop-loss: unrealized PnL " + upnl.toPlainString() + " reached -" + params.stopLoss().toPlainString());
        } else if (params.takeProfit() != null && upnl.compareTo(params.takeProfit()) >= 0) {
            close("take-profit: unrealized PnL " + upnl.toPlainString() + " reached " + params.takeProfit().toPlainString());
        } else {
            closeExcess();
        }
    }

    /** With {@code close_excess_above}: a reduce-only market order for what |position| holds beyond it. */
    private void closeExcess() {
        BigDecimal limit = params.closeExcessAbove();
        if (limit == null) {
            return;
        }
        BigDecimal size = position.quantity().abs();
        BigDecimal excess = market().instrument().roundQuantity(size.subtract(limit));
        if (excess.signum() <= 0) {
            return;
        }
        Side side = position.quantity().signum() > 0 ? Side.SELL : Side.BUY;
        LOG.warn("[{}] position {} is beyond close_excess_above {}: closing {} at market, reduce-only",
                settings().instanceId(), position.quantity().toPlainString(), limit.toPlainString(),
                excess.toPlainString());
        PlaceResult result = market().placeMarket(side, excess, true);
        if (result instanceof PlaceResult.Rejected r) {
            LOG.error("[{}] excess close rejected: {} {}; retried next iteration", settings().instanceId(), r.reason(),
                    r.detail());
        }
        position = market().position();
    }

    private void close(String why) {
        Side side = position.quantity().signum() > 0 ? Side.SELL : Side.BUY;
        BigDecimal qty = position.quantity().abs();
        LOG.warn("[{}] {}; closing position {} (entry {}) at market, reduce-only", settings().instanceId(), why,
                position.quantity().toPlainString(), position.entryPrice().toPlainString());
        PlaceResult result = market().placeMarket(side, qty, true);
        if (result instanceof PlaceResult.Rejected r) {
            LOG.error("[{}] close rejected: {} {}; retried next iteration", settings().instanceId(), r.reason(),
                    r.detail());
        }
        position = market().position();
    }

    /** The inventory shift of every quote, in price units; see the class comment. */
    BigDecimal skewShift(BigDecimal mid, BigDecimal pos) {
        BigDecimal d = pos.subtract(params.targetPosition()).divide(params.maxPosition(), MathContext.DECIMAL64);
        d = d.max(BigDecimal.ONE.negate()).min(BigDecimal.ONE);
        BigDecimal basis = params.skewBasis() == PerpParams.SkewBasis.PRICE ? mid : params.spread().halfSpread(mid);
        return params.inventorySkew().multiply(d).multiply(basis);
    }

    @Override
    protected List<Quote> quotes(BookTop top) {
        BigDecimal mid = top.mid();
        BigDecimal pos = position.quantity();
        BigDecimal deviation = pos.subtract(params.targetPosition());
        boolean beyond = deviation.abs().compareTo(params.positionThreshold()) > 0;
        BigDecimal bidQty = beyond && deviation.signum() > 0 ? BigDecimal.ZERO : params.orderQuantity();
        BigDecimal askQty = beyond && deviation.signum() < 0 ? BigDecimal.ZERO : params.orderQuantity();
        List<Quote> wanted = SpreadLadder.quotes(params.spread(), mid, skewShift(mid, pos), bidQty, askQty,
                market().instrument().tickSize());
        wanted = quoting.adjust(wanted, market(), top, now());
        List<Quote> capped = positionCap.filter(wanted, pos, mid, now());
        return risk.filter(capped, pos, mid, now());
    }

    @Override
    protected BigDecimal requoteTolerance(BookTop top) {
        return params.spread().tolerance(top.mid());
    }

    @Override
    protected void onStop(String reason) {
        if (lastMid != null && position != null) {
            Pnl p = pnl();
            LOG.info("[{}] PnL: realized {} fees {} unrealized {} funding {} net {}", settings().instanceId(),
                    p.realized().toPlainString(), p.fees().toPlainString(), p.unrealized().toPlainString(),
                    p.funding().toPlainString(), p.net().toPlainString());
        }
    }

    /** This run's PnL at the last mid, with the venue's funding; zeros before the first iteration. */
    public Pnl pnl() {
        var ledger = market().ledger();
        BigDecimal mid = lastMid == null ? BigDecimal.ZERO : lastMid;
        BigDecimal unrealized = lastMid == null ? BigDecimal.ZERO : ledger.unrealizedPnl(mid);
        BigDecimal funding = position == null ? BigDecimal.ZERO : position.fundingPaid();
        BigDecimal net = ledger.realizedPnl().subtract(ledger.fees()).add(unrealized).subtract(funding);
        return new Pnl(ledger.realizedPnl(), ledger.fees(), unrealized, funding, net);
    }
}
