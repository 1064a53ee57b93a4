package io.mmkit.sim;

import io.mmkit.core.model.Fill;
import io.mmkit.core.model.OrderRequest;
import java.math.BigDecimal;

/**
 * Watches a replay for the report: called by the engine on the thread that advances the clock, under the
 * engine's lock, so implementations must be quick and must not call back into the exchange's gateway methods
 * (they may use the {@link MarketView} they are given).
 */
public interface ReplayObserver {

    /** Engine time moved to {@code epochNanos} (before each event, and at the end of each catch-up). */
    default void onTime(long epochNanos, MarketView market) {
    }

    /** One of our orders was accepted. */
    default void onOrderAccepted(OrderRequest request) {
    }

    /** One of our orders filled (maker or taker). */
    default void onFill(Fill fill) {
    }

    /** A perpetual funding payment was charged (positive: we paid). */
    default void onFunding(long epochNanos, BigDecimal payment) {
    }

    /** What an observer may read while it is called. */
    interface MarketView {
        /** Mid price, or NaN while the book is not two-sided. For charts and statistics only. */
        double mid();

        /** How many of our orders are resting (active and not cancelled). */
        int restingOrders();

        /** Best bid of the replayed book, or NaN when that side is empty. For charts only. */
        default double bestBid() {
            return Double.NaN;
        }

        /** Best ask of the replayed book, or NaN when that side is empty. For charts only. */
        default double bestAsk() {
            return Double.NaN;
        }

        /** Our highest resting buy price (our inner bid quote), or NaN when we have none. For charts only. */
        default double ourBid() {
            return Double.NaN;
        }

        /** Our lowest resting sell price (our inner ask quote), or NaN when we have none. For charts only. */
        default double ourAsk() {
            return Double.NaN;
        }
    }
}
