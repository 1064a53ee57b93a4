package io.mmkit.collector;

import io.mmkit.core.model.OrderBook;
import io.mmkit.core.time.TimeSource;
import java.time.Instant;
import java.util.Objects;

/**
 * One venue's REST depth snapshot, as a book and as the venue's body (the raw event's payload, in the shape
 * {@code CollectorDbReader} replays: {@code bids} and {@code asks} as {@code [price, quantity]} strings).
 */
interface DepthRest {
    /**
     * Calls the venue; blocks on REST for at most its call timeout.
     *
     * @param time read once the answer is in: the snapshot's receive time
     * @throws io.mmkit.core.exchange.ExchangeException when the call fails
     */
    Snapshot fetch(TimeSource time);

    /** {@code received}: our clock when the answer came; {@code book.sequence()}: its last update id. */
    record Snapshot(Instant received, OrderBook book, String payload) {
        public Snapshot {
            Objects.requireNonNull(received, "received");
            Objects.requireNonNull(book, "book");
            Objects.requireNonNull(payload, "payload");
        }
    }
}
