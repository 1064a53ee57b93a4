package io.mmkit.sim;

import io.mmkit.core.model.BookLevel;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Side;
import io.mmkit.sim.feed.ReplaySource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One instrument of a {@link SimulatedExchange}: the matching engine and order entry the backtest uses, fed
 * by that instrument's events. Confined to the exchange's lock.
 */
final class SimulatedMarket {
    final Instrument instrument;
    final MatchingEngine engine;
    final OrderEntry entry;
    private final TopWatch tops = new TopWatch();

    SimulatedMarket(ExchangeSettings settings, ReplaySource feed, ReplayObserver observer, Consumer<Fill> stream) {
        this.instrument = settings.instrument();
        this.engine = new MatchingEngine(settings, feed, observer, stream);
        this.entry = new OrderEntry(engine, settings);
    }

    void replayUntil(Instant now) {
        engine.replayUntil(MatchingEngine.nanos(now));
    }

    /** The top if the touch changed since it was last returned, else {@code null}. */
    BookTop topIfChanged(Instant now) {
        return tops.changed(engine, now);
    }

    boolean isTwoSided() {
        return engine.book.isTwoSided();
    }

    BookTop top(Instant now) {
        DepthBook b = engine.book;
        return new BookTop(instrument.symbol(), engine.px.decimal(b.bestBid()), engine.qty.decimal(b.bestBidQuantity()),
                engine.px.decimal(b.bestAsk()), engine.qty.decimal(b.bestAskQuantity()), now);
    }

    /** Mid price, or {@code null} while the book is not two-sided. */
    BigDecimal mark() {
        DepthBook b = engine.book;
        return b.isTwoSided() ? engine.px.decimal((b.bestBid() + b.bestAsk()) / 2) : null;
    }

    List<BookLevel> levels(Side side, int depth) {
        DepthBook b = engine.book;
        List<BookLevel> out = new ArrayList<>();
        for (int i = 0; i < Math.min(depth, b.depth(side)); i++) {
            out.add(new BookLevel(engine.px.decimal(b.priceAt(side, i)), engine.qty.decimal(b.quantityAtRank(side, i))));
        }
        return out;
    }
}
