package io.mmkit.strategies.support;

import io.mmkit.core.engine.Market;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import java.util.List;

/**
 * A step a maker applies to its wanted quotes before the risk filter: how signals (imbalance skew, ...) are
 * composed onto a maker without subclassing it. Called on the strategy thread.
 */
@FunctionalInterface
public interface QuoteAdjustment {
    QuoteAdjustment NONE = (wanted, market, top) -> wanted;

    List<Quote> adjust(List<Quote> wanted, Market market, BookTop top);
}
