package io.mmkit.strategies.support.quoting;

import io.mmkit.core.engine.Market;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import java.time.Instant;
import java.util.List;

/**
 * One rule a maker's quotes pass through (order refresh, hanging orders, a price band, ...). Features compose:
 * a maker holds a {@link Quoting} of several and stays ignorant of each. All calls come from the strategy
 * thread, in this order each iteration: {@link #beforeQuotes}, then {@link #adjust}; {@link #onFill} when a
 * fill of ours is booked.
 */
public interface QuotingFeature {
    /** Before the maker computes its quotes: e.g. cancel orders that are too old. May call the venue. */
    default void beforeQuotes(Market market, BookTop top, Instant now) {
    }

    /**
     * The quotes wanted after this rule. To keep an order resting, include it as it rests
     * ({@link Quoting#asQuote}); anything left out is cancelled by the engine.
     */
    List<Quote> adjust(List<Quote> wanted, Market market, BookTop top, Instant now);

    /** A fill of ours was booked on {@code market}. */
    default void onFill(Market market, Fill fill, Instant now) {
    }
}
