package io.mmkit.core.engine;

import io.mmkit.core.store.TradeStore;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a REST fill poll starts looking: at the earlier of the engine's own overlap window and the last fill the
 * store has booked for the market. Fills missed while the stream or the credentials were down (a 401 outage)
 * are older than "now − poll interval" but never older than the last fill we booked before the gap, so they are
 * fetched; the store drops what it already has.
 */
final class FillPollWindow {
    private FillPollWindow() {
    }

    /** Reads the store (local disk); the strategy thread calls it once a market per poll. */
    static Instant since(TradeStore store, Market market, Instant overlapStart) {
        Optional<Instant> lastBooked = store.lastFillTime(market.venue(), market.symbol());
        return lastBooked.filter(t -> t.isBefore(overlapStart)).orElse(overlapStart);
    }
}
