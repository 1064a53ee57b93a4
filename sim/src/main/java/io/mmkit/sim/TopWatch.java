package io.mmkit.sim;

import io.mmkit.core.model.BookTop;
import java.time.Instant;

/**
 * Remembers the touch (best bid and ask, with their sizes, in the engine's units) last told to the listeners, so a
 * simulated venue tells them of a new top only when it changed: once per clock advance at most, never per replayed
 * event, and nothing at all while the touch stays put. Confined to the venue's lock.
 */
final class TopWatch {
    private long bid = Long.MIN_VALUE;
    private long bidQuantity;
    private long ask;
    private long askQuantity;

    /** The engine's top if it changed since the last call that returned one, else {@code null}. */
    BookTop changed(MatchingEngine engine, Instant now) {
        DepthBook b = engine.book;
        if (!b.isTwoSided()) {
            return null;
        }
        long nb = b.bestBid();
        long nbq = b.bestBidQuantity();
        long na = b.bestAsk();
        long naq = b.bestAskQuantity();
        if (nb == bid && nbq == bidQuantity && na == ask && naq == askQuantity) {
            return null;
        }
        bid = nb;
        bidQuantity = nbq;
        ask = na;
        askQuantity = naq;
        return new BookTop(engine.instrument.symbol(), engine.px.decimal(nb), engine.qty.decimal(nbq),
                engine.px.decimal(na), engine.qty.decimal(naq), now);
    }
}
