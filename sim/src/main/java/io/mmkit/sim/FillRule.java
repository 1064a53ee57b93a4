package io.mmkit.sim;

/**
 * How much of a resting order the replayed market fills, in fixed-point units. One implementation per
 * {@link FillModelName}; see there for what each answers. Confined to the engine's lock.
 */
interface FillRule {

    /** The order starts resting (after its entry latency). */
    default void onRest(SimulatedOrder order, DepthBook book) {
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

    /** The opposite side's best moved to {@code oppositeBest}; the quantity to fill. */
    long onOppositeBest(SimulatedOrder order, long oppositeBest);

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

    final class Touch implements FillRule {
        @Override
        public long onTrade(SimulatedOrder o, long price, boolean hitsOrder, long budget) {
            return reached(o, price) ? o.remaining() : 0;
        }

        @Override
        public long onOppositeBest(SimulatedOrder o, long oppositeBest) {
            return reached(o, oppositeBest) ? o.remaining() : 0;
        }

        @Override
        public boolean sharesTrades() {
            return false;
        }
    }

    final class TradeThrough implements FillRule {
        @Override
        public long onTrade(SimulatedOrder o, long price, boolean hitsOrder, long budget) {
            return through(o, price) ? Math.min(o.remaining(), budget) : 0;
        }

        @Override
        public long onOppositeBest(SimulatedOrder o, long oppositeBest) {
            return through(o, oppositeBest) ? o.remaining() : 0;
        }

        @Override
        public boolean sharesTrades() {
            return true;
        }
    }

    final class Queue implements FillRule {
        @Override
        public void onRest(SimulatedOrder o, DepthBook book) {
            o.ahead = book.quantityAt(o.side, o.price);
        }

        @Override
        public void onOwnLevel(SimulatedOrder o, long quantity) {
            o.ahead = Math.min(o.ahead, quantity);
        }

        @Override
        public long onTrade(SimulatedOrder o, long price, boolean hitsOrder, long budget) {
            if (through(o, price)) {
                return o.remaining();
            }
            if (price != o.price || !hitsOrder) {
                return 0;
            }
            long toQueue = Math.min(o.ahead, budget);
            o.ahead -= toQueue;
            return Math.min(o.remaining(), budget - toQueue);
        }

        @Override
        public long onOppositeBest(SimulatedOrder o, long oppositeBest) {
            if (through(o, oppositeBest) || (oppositeBest == o.price && o.ahead == 0)) {
                return o.remaining();
            }
            return 0;
        }

        @Override
        public boolean sharesTrades() {
            return true;
        }
    }
}
