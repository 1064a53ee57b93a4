package io.mmkit.core.sim;

import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.Trade;
import java.math.BigDecimal;

/**
 * Decides how much of a resting order the simulated market fills. Named, because a backtest's answer
 * depends on it and reports must say which was used.
 */
public interface FillModel {

    /** The name configs and reports use, e.g. {@code touch}. */
    String name();

    /** Called when the order starts resting (after any entry latency); a queue model records what is ahead. */
    default void onRest(SimOrder order, BookTop top) {
    }

    /** The quantity of {@code order} filled by a public trade (0 for none); at most its remaining quantity. */
    BigDecimal onTrade(SimOrder order, Trade trade);

    /** The quantity of {@code order} filled because the opposite best price reached it. */
    BigDecimal onTop(SimOrder order, BookTop top);

    /** Optimistic: a resting order fills in full as soon as the market touches its price. */
    FillModel TOUCH = new FillModel() {
        @Override
        public String name() {
            return "touch";
        }

        @Override
        public BigDecimal onTrade(SimOrder order, Trade trade) {
            boolean reached = order.side() == Side.BUY
                    ? trade.price().compareTo(order.price()) <= 0
                    : trade.price().compareTo(order.price()) >= 0;
            return reached ? order.remaining() : BigDecimal.ZERO;
        }

        @Override
        public BigDecimal onTop(SimOrder order, BookTop top) {
            return crossedBy(order, top) ? order.remaining() : BigDecimal.ZERO;
        }

        @Override
        public String toString() {
            return name();
        }
    };

    /**
     * Conservative: a fill needs a trade strictly beyond our price (or the opposite side of the book moving
     * through it), so the queue at our price has certainly been consumed. Fills at most the trade's size.
     */
    FillModel TRADE_THROUGH = new FillModel() {
        @Override
        public String name() {
            return "trade-through";
        }

        @Override
        public BigDecimal onTrade(SimOrder order, Trade trade) {
            boolean through = order.side() == Side.BUY
                    ? trade.price().compareTo(order.price()) < 0
                    : trade.price().compareTo(order.price()) > 0;
            return through ? order.remaining().min(trade.quantity()) : BigDecimal.ZERO;
        }

        @Override
        public BigDecimal onTop(SimOrder order, BookTop top) {
            boolean through = order.side() == Side.BUY
                    ? top.askPrice().compareTo(order.price()) < 0
                    : top.bidPrice().compareTo(order.price()) > 0;
            return through ? order.remaining() : BigDecimal.ZERO;
        }

        @Override
        public String toString() {
            return name();
        }
    };

    /** Whether the opposite best price has reached a resting order's price. */
    static boolean crossedBy(SimOrder order, BookTop top) {
        return order.side() == Side.BUY
                ? top.askPrice().compareTo(order.price()) <= 0
                : top.bidPrice().compareTo(order.price()) >= 0;
    }

    /** The built-in model by name: {@code touch} or {@code trade-through}. */
    static FillModel named(String name) {
        return switch (name) {
            case "touch" -> TOUCH;
            case "trade-through" -> TRADE_THROUGH;
            default -> throw new IllegalArgumentException(
                    "unknown fill model \"" + name + "\" (built in: touch, trade-through)");
        };
    }
}
