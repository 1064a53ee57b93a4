package io.mmkit.strategies.grid;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Side;
import io.mmkit.core.spi.RestingOrderCount;
import io.mmkit.core.spi.StartPlan;
import java.math.BigDecimal;
import java.util.List;

/**
 * The orders a grid rests at start, seeded exactly as the strategy seeds them, for the launcher's pre-flight;
 * and the refusal of a range that misses the venue's price unless {@code allow_one_sided} says so. Pure.
 */
final class GridStartPlan {
    private GridStartPlan() {
    }

    /** A grid of n levels rests at most n − 1 orders: the level nearest the mid stays empty. */
    static RestingOrderCount restingOrders(GridParams params) {
        return new RestingOrderCount("strategy.grid_num", params.gridNum(), params.gridNum() - 1L);
    }

    static StartPlan of(GridParams params, Instrument instrument, BookTop top, boolean buys, boolean sells) {
        BigDecimal mid = top.mid();
        GridLadder ladder;
        try {
            ladder = params.ladder(mid, instrument.tickSize());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("strategy.grid_num", e.getMessage() + " with " + instrument.symbol()
                    + "'s tick " + instrument.tickSize().toPlainString());
        }
        GridBook book = new GridBook(ladder);
        book.seed(mid, params.quantity(), buys, sells);
        List<Quote> quotes = book.wanted(false);
        if (!ladder.contains(mid) && !params.allowOneSided()) {
            boolean below = mid.compareTo(ladder.lower()) < 0;
            long bids = quotes.stream().filter(q -> q.side() == Side.BUY).count();
            throw new ConfigException(below ? "strategy.grid_lower_price" : "strategy.grid_upper_price",
                    "the grid " + ladder.lower().toPlainString() + " .. " + ladder.upper().toPlainString()
                    + " lies " + (below ? "above" : "below") + " the price " + mid.toPlainString() + " of "
                    + instrument.symbol() + ": it would rest " + bids + " buy(s) and " + (quotes.size() - bids)
                    + " sell(s); set strategy.allow_one_sided: true if that is meant");
        }
        return new StartPlan(quotes, "strategy.order_quantity");
    }
}
