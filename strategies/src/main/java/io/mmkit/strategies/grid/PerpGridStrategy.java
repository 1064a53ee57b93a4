package io.mmkit.strategies.grid;

import io.mmkit.core.engine.Market;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Position;
import io.mmkit.core.model.Side;
import io.mmkit.core.risk.RiskGuard;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.strategies.grid.PerpGridParams.Direction;
import io.mmkit.strategies.support.Perpetuals;
import io.mmkit.strategies.support.RiskedQuoting;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A grid on a perpetual market ({@code --strategy perp_grid}). The ladder and its round trips are the spot
 * grid's ({@link GridBook}); on top: a direction ({@code neutral}, {@code long}, {@code short}) choosing which
 * orders open positions, reduce-only closing orders, a {@code max_position} cap on opening orders, and a
 * {@code boundary_action} once the mid leaves {@code [lower × (1 − tol), upper × (1 + tol)]}:
 * {@code emergency_close} closes the position at market (reduce-only) and stops; {@code adjust_range}
 * rebuilds the ladder with the same width centred on the mid (the position is kept; booked profit carries
 * over) and goes on; {@code stop_only} stops, leaving the position open. Stopping cancels every order.
 *
 * <p>All hooks run on the strategy thread.
 */
public class PerpGridStrategy extends MarketMaker {
    private static final Logger LOG = LoggerFactory.getLogger(PerpGridStrategy.class);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final PerpGridParams params;
    private final RiskedQuoting risk;
    private final RiskGuard positionCap;
    private GridBook book;
    private Position position;

    public PerpGridStrategy(MarketMakerContext context, PerpGridParams params, RiskLimits limits) {
        super(context);
        this.params = params;
        this.risk = new RiskedQuoting(limits);
        this.positionCap = new RiskGuard(RiskLimits.maxPositionOnly(params.maxPosition()));
    }

    @Override
    protected void onStart() {
        Perpetuals.applyLeverage(market(), params.leverage(), settings().instanceId());
        BookTop top = market().bookTop();
        book = new GridBook(params.grid().ladder(top.mid(), market().instrument().tickSize()));
        seed(top.mid());
    }

    private void seed(BigDecimal mid) {
        book.seed(mid, params.grid().quantity(), params.direction() != Direction.SHORT,
                params.direction() != Direction.LONG);
        LOG.info("[{}] perp grid ({}): {} levels {} .. {} around mid {}", settings().instanceId(),
                params.direction(), book.ladder().size(), book.ladder().lower().toPlainString(),
                book.ladder().upper().toPlainString(), mid.toPlainString());
    }

    @Override
    protected void onFill(Market market, Fill fill) {
        if (market == market() && fill.liquidity() == Liquidity.MAKER) {
            book.onFill(fill, market.ledger().feeInQuote(fill)).ifPresent(trip -> LOG.info(
                    "[{}] grid round trip {} -> {} x {}: profit {} (total {})", settings().instanceId(),
                    trip.openPrice().toPlainString(), trip.closePrice().toPlainString(),
                    trip.quantity().toPlainString(), trip.profit().toPlainString(),
                    book.realizedProfit().toPlainString()));
        }
    }

    @Override
    protected void onIteration(BookTop top) {
        position = market().position();
        BigDecimal equity = market().ledger().netPnl(top.mid()).subtract(position.fundingPaid());
        RiskGuard.Verdict verdict = risk.check(equity, now());
        if (verdict.state() == RiskGuard.State.STOP) {
            requestStop(verdict.reason(), true);
            return;
        }
        BigDecimal tol = params.tolerancePercentage().divide(HUNDRED, MathContext.DECIMAL64);
        BigDecimal low = book.ladder().lower().multiply(BigDecimal.ONE.subtract(tol));
        BigDecimal high = book.ladder().upper().multiply(BigDecimal.ONE.add(tol));
        BigDecimal mid = top.mid();
        if (mid.compareTo(low) >= 0 && mid.compareTo(high) <= 0) {
            return;
        }
        String where = "mid " + mid.toPlainString() + " left the grid range " + low.stripTrailingZeros().toPlainString()
                + " .. " + high.stripTrailingZeros().toPlainString() + " (bounds ± " + params.tolerancePercentage()
                .toPlainString() + " %)";
        switch (params.action()) {
            case EMERGENCY_CLOSE -> {
                LOG.warn("[{}] {}: emergency_close, closing position {} at market and stopping",
                        settings().instanceId(), where, position.quantity().toPlainString());
                closePosition();
                requestStop("boundary emergency_close: " + where, false);
            }
            case STOP_ONLY -> {
                LOG.warn("[{}] {}: stop_only, cancelling the grid and stopping; position {} left open",
                        settings().instanceId(), where, position.quantity().toPlainString());
                requestStop("boundary stop_only: " + where, false);
            }
            case ADJUST_RANGE -> adjustRange(mid, where);
        }
    }

    private void closePosition() {
        if (position.isFlat()) {
            return;
        }
        Side side = position.quantity().signum() > 0 ? Side.SELL : Side.BUY;
        PlaceResult result = market().placeMarket(side, position.quantity().abs(), true);
        if (result instanceof PlaceResult.Rejected r) {
            LOG.error("[{}] emergency close rejected: {} {}", settings().instanceId(), r.reason(), r.detail());
        }
    }

    private void adjustRange(BigDecimal mid, String where) {
        GridLadder old = book.ladder();
        BigDecimal half = old.upper().subtract(old.lower()).divide(BigDecimal.valueOf(2), MathContext.DECIMAL64);
        BigDecimal lower = mid.subtract(half);
        if (lower.signum() <= 0) {
            requestStop("boundary adjust_range impossible (range would go below zero): " + where, true);
            return;
        }
        GridLadder moved = GridLadder.of(params.grid().mode(), lower, mid.add(half), old.size(),
                market().instrument().tickSize());
        LOG.warn("[{}] {}: adjust_range, new grid {} .. {}; position {} kept", settings().instanceId(), where,
                moved.lower().toPlainString(), moved.upper().toPlainString(), position.quantity().toPlainString());
        book = book.onLadder(moved);
        seed(mid);
    }

    @Override
    protected List<Quote> quotes(BookTop top) {
        List<Quote> capped = positionCap.filter(book.wanted(true), position.quantity(), top.mid(), now());
        return risk.filter(capped, position.quantity(), top.mid(), now());
    }

    @Override
    protected BigDecimal requoteTolerance(BookTop top) {
        return market().instrument().tickSize();
    }

    /** The grid's state; {@code null} before start. */
    public GridBook book() {
        return book;
    }
}
