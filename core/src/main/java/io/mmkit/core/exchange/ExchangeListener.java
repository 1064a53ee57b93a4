package io.mmkit.core.exchange;

import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Trade;

/**
 * Events a venue pushes. Called on the venue's own threads (a WebSocket reader, or the simulated
 * exchange's matching), so an implementation must only record or enqueue: it never blocks and never
 * calls strategy code. Every hook has an empty default.
 */
public interface ExchangeListener {
    default void onFill(Fill fill) {
    }

    default void onBookTop(BookTop top) {
    }

    /**
     * Whether this listener acts on {@link #onBookTop}: a venue may skip building tops nobody reads (a simulated
     * venue replaying a day). Default true.
     */
    default boolean wantsBookTops() {
        return true;
    }

    default void onTrade(Trade trade) {
    }

    /** The private stream is down (fills will come from REST polling) or back up. */
    default void onConnectionState(boolean connected) {
    }
}
