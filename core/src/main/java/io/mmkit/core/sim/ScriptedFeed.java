package io.mmkit.core.sim;

import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.Trade;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/** A hand-written price path for tests: events at given offsets from a start time. */
public final class ScriptedFeed implements MarketFeed {
    private final Deque<MarketEvent> events;

    private ScriptedFeed(List<MarketEvent> events) {
        List<MarketEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(MarketEvent::time)); // stable: same-time events keep script order
        this.events = new ArrayDeque<>(sorted);
    }

    public static Builder builder(String symbol, Instant start) {
        return new Builder(symbol, start);
    }

    @Override
    public MarketEvent poll(Instant until) {
        MarketEvent head = events.peekFirst();
        if (head == null || head.time().isAfter(until)) {
            return null;
        }
        return events.pollFirst();
    }

    /** Builds a script: {@code at(offset)} sets the time of the events that follow. */
    public static final class Builder {
        private final String symbol;
        private final Instant start;
        private final List<MarketEvent> events = new ArrayList<>();
        private Instant at;

        private Builder(String symbol, Instant start) {
            this.symbol = symbol;
            this.start = start;
            this.at = start;
        }

        public Builder at(Duration offset) {
            this.at = start.plus(offset);
            return this;
        }

        public Builder top(String bid, String ask) {
            return top(bid, "10", ask, "10");
        }

        public Builder top(String bid, String bidQty, String ask, String askQty) {
            events.add(new MarketEvent.TopChanged(new BookTop(symbol, new BigDecimal(bid), new BigDecimal(bidQty),
                    new BigDecimal(ask), new BigDecimal(askQty), at)));
            return this;
        }

        public Builder trade(String price, String quantity, Side aggressor) {
            events.add(new MarketEvent.Printed(new Trade(symbol, new BigDecimal(price), new BigDecimal(quantity),
                    aggressor, at)));
            return this;
        }

        public ScriptedFeed build() {
            return new ScriptedFeed(events);
        }
    }
}
