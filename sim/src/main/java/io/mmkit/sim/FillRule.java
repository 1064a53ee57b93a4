package io.mmkit.sim;

/**
 * How much of a resting order the replayed market fills, in fixed-point units. One implementation per
 * {@link FillModelName}; see there for what each answers. Confined to the engine's lock.
 *
 * <p>Two sources of fills: public trades ({@link #onTrade}), whose size is a budget shared among our orders
 * when {@link #sharesTrades()}; and the opposite side of the book reaching the order ({@link #fillsAgainst}),
 * where the engine walks the opposite levels best first and, when {@link #boundedByBook()}, fills at most what
 * those levels display (less what we already took from them), taking it from them so that two of our orders
 * are not both given the same displayed quantity.
 */
interface FillRule {

    /** The order starts resting (after its entry latency); {@code ahead} is what the book shows at its price. */
    default void onRest(SimulatedOrder order, long ahead) {
    }

    /** The book level at the order's own price (same side) now holds {@code quantity}. */
    default void onOwnLevel(SimulatedOrder order, long quantity) {
    }

    /**
     * A public trade at {@code price}; {@code hitsOrder} is true when the aggressor is on the other side of the
     * order (a sell hitting our bid). {@code budget} is the trade's quantity not yet given to our other orders.
     *
     * @return the quantity to fill, at most the order's remaining
     */
    long onTrade(SimulatedOrder order, long price, boolean hitsOrder, long budget);

    /** Whether an opposite level at {@code levelPrice} fills the order. Levels are offered best first. */
    boolean fillsAgainst(SimulatedOrder order, long levelPrice);

    /**
     * Whether a fill from the opposite book is bounded by the quantity those levels display; when not (touch),
     * the first level that {@link #fillsAgainst} fills the whole order.
     */
    boolean boundedByBook();

    /** Whether fills by trades use up the trade's quantity (so one print is not given out twice). */
    boolean sharesTrades();

    static FillRule of(FillModelName name) {
        return switch (name) {
            case TOUCH -> new Touch();
            case TRADE_THROUGH -> new TradeThrough();
            case QUEUE -> new Queue();
        };
    }

    /** At or beyond the order's price, from its point of view ("reached"). */
    static boolean reached(SimulatedOrder o, long price) {
        return o.isBuy ? price <= o.price : price >= o.price;
    }

    /** Strictly beyond the order's price ("through"). */
    static boolean through(SimulatedOrder o, long price) {
        return o.isBuy ? price < o.price : price > o.price;
    }

    /** Optimistic: any trade or opposite level at or beyond the price fills the whole order. */
    final class Touch implements FillRule {
        @Override
        public long onTrade(SimulatedOrder o, long price, boolean hitsOrder, long budget) {
            return reached(o, price) ? o.remaining() : 0;
        }

        @Override
        public boolean fillsAgainst(SimulatedOrder o, long levelPrice) {
            return reached(o, levelPrice);
        }

        @Override
        public boolean boundedByBook() {
            return false;
        }

        @Override
        public boolean sharesTrades() {
            return false;
        }
    }

    /** Conservative: only prices strictly beyond ours fill, and only as much as traded or was displayed there. */
    final class TradeThrough implements FillRule {
        @Override
        public long onTrade(SimulatedOrder o, long price, boolean hitsOrder, long budget) {
            return through(o, price) ? Math.min(o.remaining(), budget) : 0;
        }

        @Override
        public boolean fillsAgainst(SimulatedOrder o, long levelPrice) {
            return through(o, levelPrice);
        }

        @Override
        public boolean boundedByBook() {
            return true;
        }

        @Override
        public boolean sharesTrades() {
            return true;
        }
    }

    /**
     * Queue position: a trade at our price first uses up the quantity ahead of us. Every fill is bounded by what
     * traded (a trade at or through our price) or by what the opposite book displays (a level through our
     * price, or at it once nothing is ahead of us).
     */
    final class Queue implements FillRule {
        @Override
        public void onRest(SimulatedOrder o, long ahead) {
            o.ahead = ahead;
        }

        @Override
        public void onOwnLevel(SimulatedOrder o, long quantity) {
            o.ahead = Math.min(o.ahead, quantity);
        }

        @Override
        public long onTrade(SimulatedOrder o, long price, boolean hitsOrder, long budget) {
            if (through(o, price)) {
                return Math.min(o.remaining(), budget);
            }
            if (price != o.price || !hitsOrder) {
                return 0;
            }
            // The budget is what this trade has left after our better-placed orders; the market's quantity ahead
            // of us (which includes what was ahead of our earlier orders at this price) takes it first.
            long toQueue = Math.min(o.ahead, budget);
            o.ahead -= toQueue;
            return Math.min(o.remaining(), budget - toQueue);
        }

        @Override
        public boolean fillsAgainst(SimulatedOrder o, long levelPrice) {
            return through(o, levelPrice) || (levelPrice == o.price && o.ahead == 0);
        }

        @Override
        public boolean boundedByBook() {
            return true;
        }

        @Override
        public boolean sharesTrades() {
            return true;
        }
    }
}
