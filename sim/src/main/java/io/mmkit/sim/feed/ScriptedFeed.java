package io.mmkit.sim.feed;

import io.mmkit.core.model.Side;
import io.mmkit.sim.feed.ReplayEvent.BookCleared;
import io.mmkit.sim.feed.ReplayEvent.FundingSettled;
import io.mmkit.sim.feed.ReplayEvent.LevelChanged;
import io.mmkit.sim.feed.ReplayEvent.TradePrinted;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A hand-written price path for tests: events at given offsets from a start time. */
public final class ScriptedFeed implements MarketFeed {
    private final String symbol;
    private final List<ReplayEvent> events;
    private int next;

    private ScriptedFeed(String symbol, List<ReplayEvent> events) {
        List<ReplayEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(ReplayEvent::time)); // stable: same-time events keep script order
        this.symbol = symbol;
        this.events = List.copyOf(sorted);
    }

    public static Builder builder(String symbol, Instant start) {
        return new Builder(symbol, start);
    }

    @Override
    public String symbol() {
        return symbol;
    }

    @Override
    public ReplayEvent next() {
        return next < events.size() ? events.get(next++) : null;
    }

    @Override
    public double progress() {
        return events.isEmpty() ? 1.0 : (double) next / events.size();
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    /** Builds a script: {@code at(offset)} sets the time of the events that follow. */
    public static final class Builder {
        private final String symbol;
        private final Instant start;
        private final List<ReplayEvent> events = new ArrayList<>();
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

        /** The book becomes one level a side: {@code bid x bidQty} and {@code ask x askQty}. */
        public Builder top(String bid, String bidQty, String ask, String askQty) {
            // A snapshot rather than two top updates: the old levels go, and the book is never crossed between.
            events.add(new BookCleared(at));
            events.add(new LevelChanged(at, Side.BUY, new BigDecimal(bid), new BigDecimal(bidQty)));
            events.add(new LevelChanged(at, Side.SELL, new BigDecimal(ask), new BigDecimal(askQty)));
            return this;
        }

        /** A public trade; {@code aggressor} SELL hits bids, BUY lifts asks. */
        public Builder trade(String price, String quantity, Side aggressor) {
            events.add(new TradePrinted(at, aggressor, new BigDecimal(price), new BigDecimal(quantity)));
            return this;
        }

        /** A perpetual funding settlement: a long pays {@code position x mid x rate} (receives when negative). */
        public Builder funding(String rate) {
            events.add(new FundingSettled(at, new BigDecimal(rate)));
            return this;
        }

        public ScriptedFeed build() {
            return new ScriptedFeed(symbol, events);
        }
    }
}
