package io.mmkit.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An L2 book snapshot: bids best (highest) first, asks best (lowest) first.
 *
 * @param sequence the venue's update id for the snapshot (Binance {@code lastUpdateId}); 0 if none
 */
public record OrderBook(String symbol, List<BookLevel> bids, List<BookLevel> asks, long sequence, Instant time) {
    public OrderBook {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(time, "time");
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }

    /** The best bid and ask, if both sides have a level. */
    public Optional<BookTop> top() {
        if (bids.isEmpty() || asks.isEmpty()) {
            return Optional.empty();
        }
        BookLevel bid = bids.get(0);
        BookLevel ask = asks.get(0);
        return Optional.of(new BookTop(symbol, bid.price(), bid.quantity(), ask.price(), ask.quantity(), time));
    }
}
