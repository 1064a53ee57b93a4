package io.mmkit.sim;

import io.mmkit.core.model.BookTop;
import java.time.Instant;

/**
 * Remembers the touch (best bid and ask, with their sizes, in the engine's units) last turned into a
 * {@link BookTop}, so a simulated venue builds a top only when something changed: listeners are told of a new top
 * once per clock advance at most, never per replayed event, and nothing at all while the touch stays put.
 * Confined to the venue's lock.
 */
final class TopWatch {
    private long bid = Long.MIN_VALUE;
    private long bidQuantity;
    private long ask;
    private long askQuantity;
    private BookTop last;

    /** The engine's top if it changed since the last call that returned one, else {@code null}. */
    BookTop changed(MatchingEngine engine, Instant now) {
        DepthBook b = engine.book;
        if (!b.isTwoSided() || same(b)) {
            return null;
        }
        return build(engine, now);
    }

    /** The engine's (two-sided) top at {@code now}: the last one built when neither the touch nor the time moved. */
    BookTop at(MatchingEngine engine, Instant now) {
        if (last != null && same(engine.book)) {
            if (!last.time().equals(now)) {
                last = new BookTop(last.symbol(), last.bidPrice(), last.bidQuantity(), last.askPrice(),
                        last.askQuantity(), now);
            }
            return last;
        }
        return build(engine, now);
    }

    private boolean same(DepthBook b) {
        return b.bestBid() == bid && b.bestBidQuantity() == bidQuantity && b.bestAsk() == ask
                && b.bestAskQuantity() == askQuantity;
    }

    private BookTop build(MatchingEngine engine, Instant now) {
        DepthBook b = engine.book;
        bid = b.bestBid();
        bidQuantity = b.bestBidQuantity();
        ask = b.bestAsk();
        askQuantity = b.bestAskQuantity();
        last = new BookTop(engine.instrument.symbol(), engine.px.decimal(bid), engine.qty.decimal(bidQuantity),
                engine.px.decimal(ask), engine.qty.decimal(askQuantity), now);
        return last;
    }
}
