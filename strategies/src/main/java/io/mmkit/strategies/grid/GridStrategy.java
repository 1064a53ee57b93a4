package io.mmkit.strategies.grid;

import io.mmkit.core.engine.Market;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.risk.RiskGuard;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.strategies.support.RiskedQuoting;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A spot grid ({@code --strategy grid}): buy orders on the levels below the first mid, sell orders on the
 * levels above; a buy fill places a sell one level up, a sell fill a buy one level down (see
 * {@link GridBook}). The whole grid is the wanted quote set every iteration, so an order that went
 * missing (cancelled elsewhere, rejected) is placed again, and orders that still match stay in the queue.
 * Profit is booked when a round trip's closing order fills, never when it is placed.
 *
 * <p>After a restart the grid is seeded afresh around the current mid in {@link #onStart}; the fills an earlier
 * run made while the bot was down reach {@link #onFill} right after, before the first quotes (the engine's
 * restart recovery delivers them), so a level whose order filled while we were down is replaced by its counter
 * order exactly as if the fill had been seen live, and the filled order is not placed again. Round trips whose
 * opening fill an earlier run had already seen are not carried over: their counter orders are lost with the
 * earlier run's book (the store keeps the fills; the ledger of this run starts flat).
 *
 * <p>All hooks run on the strategy thread.
 */
public class GridStrategy extends MarketMaker {
    private static final Logger LOG = LoggerFactory.getLogger(GridStrategy.class);

    private final GridParams params;
    private final RiskedQuoting risk;
    private GridBook book;

    public GridStrategy(MarketMakerContext context, GridParams params, RiskLimits limits) {
        super(context);
        this.params = params;
        this.risk = new RiskedQuoting(limits);
    }

    @Override
    protected void onStart() {
        BookTop top = market().bookTop();
        GridLadder ladder = params.ladder(top.mid(), market().instrument().tickSize());
        book = new GridBook(ladder);
        book.seed(top.mid(), params.quantity(), true, true);
        LOG.info("[{}] grid: {} {} levels {} .. {} around mid {}: {}", settings().instanceId(),
                ladder.size(), params.mode().name().toLowerCase(java.util.Locale.ROOT),
                ladder.lower().toPlainString(), ladder.upper().toPlainString(), top.mid().toPlainString(),
                ladder.levels().stream().map(BigDecimal::toPlainString).collect(Collectors.joining(" ")));
    }

    @Override
    protected void onFill(Market market, Fill fill) {
        if (market != market() || fill.liquidity() != Liquidity.MAKER) {
            return;
        }
        book.onFill(fill, market.ledger().feeInQuote(fill)).ifPresent(trip -> LOG.info(
                "[{}] grid round trip: {} -> {} x {} profit {} (total {} over {} round trips)",
                settings().instanceId(), trip.openPrice().toPlainString(), trip.closePrice().toPlainString(),
                trip.quantity().toPlainString(), trip.profit().toPlainString(),
                book.realizedProfit().toPlainString(), book.roundTrips()));
    }

    @Override
    protected void onIteration(BookTop top) {
        RiskGuard.Verdict verdict = risk.check(() -> RiskedQuoting.netPnl(market(), top.mid()), now());
        if (verdict.state() == RiskGuard.State.STOP) {
            requestStop(verdict.reason(), true);
        }
    }

    @Override
    protected List<Quote> quotes(BookTop top) {
        return risk.filter(book.wanted(false), market().ledger().position(), top::mid, now());
    }

    /** One tick: an order the engine retreated by a tick after a post-only cross still counts as its level's. */
    @Override
    protected BigDecimal requoteTolerance(BookTop top) {
        return market().instrument().tickSize();
    }

    @Override
    protected void onRejected(Quote quote, PlaceResult.Rejected rejection) {
        LOG.info("[{}] grid level {} {} not placed ({}); retried next iteration", settings().instanceId(),
                quote.side(), quote.price().toPlainString(), rejection.reason());
    }

    /** The grid's state; {@code null} before start. For tests and status. */
    public GridBook book() {
        return book;
    }
}
