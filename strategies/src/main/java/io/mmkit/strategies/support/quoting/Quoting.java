package io.mmkit.strategies.support.quoting;

import io.mmkit.core.engine.Market;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.OpenOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The quoting features a maker was configured with, applied in a fixed order: sizes per level, then the price
 * band and ping-pong (which sides may quote), then the hanging orders kept, then the holds (filled-order delay,
 * order refresh) that keep what rests instead. Stateful: one per strategy instance.
 */
public final class Quoting {
    public static final Quoting NONE = new Quoting(List.of());

    private final List<QuotingFeature> features;

    public Quoting(List<QuotingFeature> features) {
        this.features = List.copyOf(features);
    }

    public boolean isEmpty() {
        return features.isEmpty();
    }

    public List<QuotingFeature> features() {
        return features;
    }

    public void beforeQuotes(Market market, BookTop top, Instant now) {
        for (QuotingFeature f : features) {
            f.beforeQuotes(market, top, now);
        }
    }

    public List<Quote> adjust(List<Quote> wanted, Market market, BookTop top, Instant now) {
        List<Quote> out = wanted;
        for (QuotingFeature f : features) {
            out = f.adjust(out, market, top, now);
        }
        return out;
    }

    public void onFill(Market market, Fill fill, Instant now) {
        for (QuotingFeature f : features) {
            f.onFill(market, fill, now);
        }
    }

    /** A resting order as the quote that keeps it: its side, price and what is left of it. */
    public static Quote asQuote(OpenOrder order) {
        return new Quote(order.side(), order.price(), order.remainingQuantity(), order.timeInForce(),
                order.reduceOnly());
    }

    /** Every order resting on {@code market}, as quotes that keep them. */
    static List<Quote> resting(Market market) {
        List<Quote> out = new ArrayList<>();
        for (OpenOrder o : market.restingOrders()) {
            out.add(asQuote(o));
        }
        return out;
    }
}
