package io.mmkit.strategies.grid;

import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.Decimals;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The state of a grid: which order each level wants, and the profit of completed round trips. Shared by
 * the spot and the perpetual grid.
 *
 * <p>A fill of an <em>opening</em> order at level i asks for a <em>closing</em> order on the other side one
 * level away (a buy at i: a sell at i + 1; a sell at i: a buy at i − 1) remembering the opening price and
 * fee. Profit is booked only when a closing order <em>fills</em>: (exit − entry) × quantity − both fees; its
 * counter order opens again. Nothing is booked when an order is placed.
 *
 * <p>Not thread-safe: owned by the strategy thread.
 */
public final class GridBook {

    /**
     * What one level wants resting.
     *
     * @param closing whether this order closes a round trip opened at {@code openPrice}
     * @param openFee the opening fill's fee (quote units) still attributed to {@code quantity}
     */
    public record Slot(Side side, BigDecimal quantity, boolean closing, BigDecimal openPrice, BigDecimal openFee) {
    }

    /** A completed round trip: opened at one level, closed one level away. */
    public record RoundTrip(BigDecimal openPrice, BigDecimal closePrice, BigDecimal quantity, BigDecimal profit) {
    }

    private final GridLadder ladder;
    private final Map<Integer, Slot> slots = new TreeMap<>();
    private BigDecimal realizedProfit = BigDecimal.ZERO;
    private int roundTrips;
    /** {@link #wanted} as last built, until a slot changes: the loop asks every iteration, fills are rare. */
    private List<Quote> wanted;
    private boolean wantedReduceOnly;

    public GridBook(GridLadder ladder) {
        this.ladder = ladder;
    }

    public GridLadder ladder() {
        return ladder;
    }

    /**
     * Places the opening orders around {@code mid}: buys on every level below the level nearest the mid,
     * sells on every level above it; that nearest level stays empty, ready for the first counter order.
     */
    public void seed(BigDecimal mid, BigDecimal quantity, boolean buys, boolean sells) {
        wanted = null;
        slots.clear();
        int centre = ladder.nearestIndex(mid);
        for (int i = 0; i < ladder.size(); i++) {
            if (i < centre && buys) {
                slots.put(i, new Slot(Side.BUY, quantity, false, null, null));
            } else if (i > centre && sells) {
                slots.put(i, new Slot(Side.SELL, quantity, false, null, null));
            }
        }
    }

    /**
     * Applies one maker fill of a grid order: the level's order shrinks (or is done), the counter order
     * one level away grows, and a closing fill books its round trip.
     *
     * @param feeInQuote the fill's fee in quote units
     * @return the round trip this fill completed, if it was a closing fill
     */
    public Optional<RoundTrip> onFill(Fill fill, BigDecimal feeInQuote) {
        wanted = null;
        int level = ladder.nearestIndex(fill.price());
        BigDecimal qty = fill.quantity();
        Slot slot = slots.get(level);
        Optional<RoundTrip> trip = Optional.empty();
        if (slot != null && slot.side() == fill.side()) {
            BigDecimal left = slot.quantity().subtract(qty);
            BigDecimal share = qty.min(slot.quantity()).divide(slot.quantity(), MathContext.DECIMAL64);
            if (slot.closing()) {
                BigDecimal openFee = slot.openFee().multiply(share);
                BigDecimal perUnit = fill.side() == Side.SELL
                        ? fill.price().subtract(slot.openPrice())
                        : slot.openPrice().subtract(fill.price());
                BigDecimal profit = Decimals.normalize(perUnit.multiply(qty).subtract(openFee).subtract(feeInQuote));
                realizedProfit = Decimals.normalize(realizedProfit.add(profit));
                roundTrips++;
                trip = Optional.of(new RoundTrip(slot.openPrice(), fill.price(), qty, profit));
            }
            if (left.signum() > 0) {
                BigDecimal feeLeft = slot.closing() ? slot.openFee().subtract(slot.openFee().multiply(share)) : null;
                slots.put(level, new Slot(slot.side(), left, slot.closing(), slot.openPrice(), feeLeft));
            } else {
                slots.remove(level);
            }
        }
        boolean wasClosing = trip.isPresent();
        int counter = fill.side() == Side.BUY ? level + 1 : level - 1;
        if (counter >= 0 && counter < ladder.size()) {
            addCounter(counter, fill.side().opposite(), qty, !wasClosing, fill.price(), feeInQuote);
        }
        return trip;
    }

    private void addCounter(int level, Side side, BigDecimal qty, boolean closing, BigDecimal price, BigDecimal fee) {
        Slot existing = slots.get(level);
        if (existing != null && existing.side() == side && existing.closing() == closing) {
            BigDecimal total = existing.quantity().add(qty);
            BigDecimal openPrice = closing
                    ? existing.openPrice().multiply(existing.quantity()).add(price.multiply(qty))
                            .divide(total, MathContext.DECIMAL64)
                    : null;
            BigDecimal openFee = closing ? existing.openFee().add(fee) : null;
            slots.put(level, new Slot(side, total, closing, openPrice, openFee));
        } else {
            slots.put(level, new Slot(side, qty, closing, closing ? price : null, closing ? fee : null));
        }
    }

    /** An empty book on a new ladder that carries over this book's booked profit (a range adjustment). */
    public GridBook onLadder(GridLadder newLadder) {
        GridBook moved = new GridBook(newLadder);
        moved.realizedProfit = realizedProfit;
        moved.roundTrips = roundTrips;
        return moved;
    }

    /**
     * The orders the grid wants resting, lowest level first: post-only; closing orders reduce-only when
     * {@code reduceOnlyCloses} (perpetual markets). Unmodifiable; the same list until a fill or a seed changes a
     * slot.
     */
    public List<Quote> wanted(boolean reduceOnlyCloses) {
        if (wanted == null || wantedReduceOnly != reduceOnlyCloses) {
            List<Quote> out = new ArrayList<>();
            slots.forEach((level, slot) -> out.add(new Quote(slot.side(), ladder.price(level), slot.quantity(),
                    TimeInForce.POST_ONLY, reduceOnlyCloses && slot.closing())));
            wanted = List.copyOf(out);
            wantedReduceOnly = reduceOnlyCloses;
        }
        return wanted;
    }

    public Map<Integer, Slot> slots() {
        return Map.copyOf(slots);
    }

    /** Profit of filled round trips, net of both fills' fees (quote units). */
    public BigDecimal realizedProfit() {
        return realizedProfit;
    }

    public int roundTrips() {
        return roundTrips;
    }
}
