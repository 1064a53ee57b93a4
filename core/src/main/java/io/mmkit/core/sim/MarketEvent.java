package io.mmkit.core.sim;

import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Trade;
import java.time.Instant;

/** One step of a replayed or generated market: the best bid/ask moved, or a public trade printed. */
public sealed interface MarketEvent {
    Instant time();

    String symbol();

    record TopChanged(BookTop top) implements MarketEvent {
        @Override
        public Instant time() {
            return top.time();
        }

        @Override
        public String symbol() {
            return top.symbol();
        }
    }

    record Printed(Trade trade) implements MarketEvent {
        @Override
        public Instant time() {
            return trade.time();
        }

        @Override
        public String symbol() {
            return trade.symbol();
        }
    }
}
