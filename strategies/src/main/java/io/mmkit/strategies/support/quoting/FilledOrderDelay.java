package io.mmkit.strategies.support.quoting;

import io.mmkit.core.engine.Market;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Filled-order delay: for {@code delay} after any fill of ours no new order is placed and none cancelled —
 * what rests stays, the filled side stays empty — so a maker does not re-offer at once into a move that just
 * took it out. Hummingbot's {@code filled_order_delay}.
 */
public final class FilledOrderDelay implements QuotingFeature {
    private final Duration delay;
    private Instant lastFill;

    public FilledOrderDelay(Duration delay) {
        this.delay = delay;
    }

    @Override
    public void onFill(Market market, Fill fill, Instant now) {
        lastFill = now;
    }

    @Override
    public List<Quote> adjust(List<Quote> wanted, Market market, BookTop top, Instant now) {
        if (lastFill != null && now.isBefore(lastFill.plus(delay))) {
            return Quoting.resting(market);
        }
        return wanted;
    }
}
