package io.mmkit.core.engine;

import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.OrderRequest;

/**
 * What an operator's tools (metrics, health, status, alerts) learn of a running {@link MarketMaker}. Every
 * method has an empty default: implement only what you need.
 *
 * <p>Called on the thread where the event happens: the strategy thread for iterations, placements and
 * fills; a shutdown worker or the strategy thread during cleanup; any thread for {@link #onStopRequested}
 * (it may run inside a signal handler). So an observer must be quick, must not block, must not call the
 * venue, and must hand anything slow (an HTTP alert) to a thread of its own. What it throws is logged and
 * ignored: an observer never stops the engine.
 */
public interface EngineObserver {
    /** An observer that ignores everything. */
    EngineObserver NONE = new EngineObserver() {
    };

    /** The markets are loaded, recovery and the orphan sweep are done; quoting starts next. */
    default void onStarted(MarketMaker maker) {
    }

    /**
     * An iteration ran to its end.
     *
     * @param iteration its number, from 1
     * @param tookNanos wall time of the iteration (fills, venue reconcile, strategy decision, order calls)
     * @param top the primary market's book top it quoted against
     */
    default void onIteration(long iteration, long tookNanos, BookTop top) {
    }

    /** An iteration threw; {@code inARow} counts the failures since the last good one. */
    default void onIterationFailed(long iteration, int inARow, RuntimeException error) {
    }

    /** The venue accepted an order (its client id is in the request). */
    default void onOrderPlaced(String market, OrderRequest request) {
    }

    /** The venue refused an order. */
    default void onOrderRejected(String market, OrderRequest request, String reason) {
    }

    /** A placement's answer was lost: the order may or may not rest. */
    default void onOrderUnknown(String market, OrderRequest request, String error) {
    }

    /** The venue confirmed one of our orders cancelled (its listing no longer shows it). */
    default void onOrderCancelled(String market, String clientOrderId) {
    }

    /** A new fill of ours, booked in the market's ledger. */
    default void onFill(String market, Fill fill) {
    }

    /**
     * Stop was requested: by a signal or {@link MarketMaker#stop()}, by the strategy (kill switch, stop-loss,
     * boundary rules), after too many failed iterations, or because the duration was reached. Any thread.
     *
     * @param failure whether the run counts as failed
     */
    default void onStopRequested(String reason, boolean failure) {
    }

    /** One step of the shutdown sequence ended. */
    default void onShutdownStep(RunResult.ShutdownStep step) {
    }

    /** The run is over: {@link RunResult#ordersMaybeRemaining()} names any order that may still rest. */
    default void onRunEnded(RunResult result) {
    }

    /**
     * The strategy decided what it wants resting: {@code tookNanos} is the wall time of its {@code quotes()} hook
     * alone (the decision latency), {@code quotes} how many orders it asked for. Strategy thread.
     */
    default void onQuotesDecided(long tookNanos, int quotes) {
    }
}
