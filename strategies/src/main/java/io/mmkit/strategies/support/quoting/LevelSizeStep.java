package io.mmkit.strategies.support.quoting;

import io.mmkit.core.engine.Market;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Order levels with an amount step: the k-th quote of a side (k = 0 nearest the mid, in the ladder's order) is
 * {@code quantity + k × step}. The price step per level is the ladder's own {@code level_step_percentage}.
 * Hummingbot's {@code order_level_amount}. Stateless.
 */
public record LevelSizeStep(BigDecimal step) implements QuotingFeature {
    @Override
    public List<Quote> adjust(List<Quote> wanted, Market market, BookTop top, Instant now) {
        List<Quote> out = new ArrayList<>(wanted.size());
        int bids = 0;
        int asks = 0;
        for (Quote q : wanted) {
            int level = q.side() == Side.BUY ? bids++ : asks++;
            out.add(level == 0 ? q : q.withQuantity(q.quantity().add(step.multiply(BigDecimal.valueOf(level)))));
        }
        return out;
    }
}
