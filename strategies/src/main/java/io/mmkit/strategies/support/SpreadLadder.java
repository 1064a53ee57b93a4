package io.mmkit.strategies.support;

import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Post-only quote ladders:
 *
 * <pre>
 * bid_k = bid_ref − shift − half − offset_k
 * ask_k = ask_ref − shift + half + offset_k        k = 0 .. max_orders − 1
 * </pre>
 *
 * where {@code offset_k} is {@link SpreadParams#levelOffset} ({@code k × step}, or a tick-based step),
 * {@code half} is half the configured spread (of the mid), {@code shift} an inventory skew (zero for
 * the spot maker) and the references either the mid for both sides ({@link #quotes}) or each side's own best
 * price ({@link #quotesFromTouch}). The engine rounds bids down and asks up to the tick, so a quote is never
 * more aggressive than the formula. Pure.
 */
public final class SpreadLadder {
    private SpreadLadder() {
    }

    /**
     * @param bidQuantity size of every bid level; zero or less for no bids
     * @param askQuantity size of every ask level; zero or less for no asks
     */
    public static List<Quote> quotes(SpreadParams params, BigDecimal mid, BigDecimal shift, BigDecimal bidQuantity,
                                     BigDecimal askQuantity) {
        return quotes(params, mid, shift, bidQuantity, askQuantity, null);
    }

    /** As {@link #quotes(SpreadParams, BigDecimal, BigDecimal, BigDecimal, BigDecimal)}, on an instrument's tick. */
    public static List<Quote> quotes(SpreadParams params, BigDecimal mid, BigDecimal shift, BigDecimal bidQuantity,
                                     BigDecimal askQuantity, BigDecimal tick) {
        return ladder(params, mid, mid, mid, shift, bidQuantity, askQuantity, tick);
    }

    /**
     * Each side anchored to its own best price: when only one side of the book moves, only that side's
     * quotes go stale, and the other keeps its place in the queue.
     */
    public static List<Quote> quotesFromTouch(SpreadParams params, BookTop top, BigDecimal bidQuantity,
                                              BigDecimal askQuantity) {
        return quotesFromTouch(params, top, bidQuantity, askQuantity, null);
    }

    /** As {@link #quotesFromTouch(SpreadParams, BookTop, BigDecimal, BigDecimal)}, on an instrument's tick. */
    public static List<Quote> quotesFromTouch(SpreadParams params, BookTop top, BigDecimal bidQuantity,
                                              BigDecimal askQuantity, BigDecimal tick) {
        return ladder(params, top.mid(), top.bidPrice(), top.askPrice(), BigDecimal.ZERO, bidQuantity, askQuantity,
                tick);
    }

    private static List<Quote> ladder(SpreadParams params, BigDecimal mid, BigDecimal bidRef, BigDecimal askRef,
                                      BigDecimal shift, BigDecimal bidQuantity, BigDecimal askQuantity,
                                      BigDecimal tick) {
        BigDecimal half = params.halfSpread(mid);
        List<Quote> out = new ArrayList<>();
        for (int k = 0; k < params.maxOrders(); k++) {
            BigDecimal away = half.add(params.levelOffset(k, mid, tick));
            BigDecimal bid = bidRef.subtract(shift).subtract(away);
            if (bidQuantity.signum() > 0 && bid.signum() > 0) {
                out.add(Quote.bid(bid, bidQuantity));
            }
            if (askQuantity.signum() > 0) {
                out.add(Quote.ask(askRef.subtract(shift).add(away), askQuantity));
            }
        }
        return out;
    }
}
