package io.mmkit.strategies.support.quoting;

import io.mmkit.core.engine.Market;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.OpenOrder;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Hanging orders: when an order of one side fills, the orders then resting on the other side are left hanging —
 * kept where they are while the maker requotes around them, instead of being cancelled with the rest — until
 * they fill or the mid moves more than {@code cancelPercentage} away from them (then the engine cancels them).
 * Hummingbot's {@code hanging_orders_enabled} with {@code hanging_orders_cancel_pct}.
 *
 * <p>The hanging orders go first in the wanted list, so each matches its own resting order and a fresh quote
 * near the same price is placed beside it rather than taking its place; a fresh quote identical to a hanging
 * order (same side, price at the tick and size) is not placed twice.
 */
public final class HangingOrders implements QuotingFeature {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final BigDecimal cancelPercentage;
    private final Set<String> hanging = new LinkedHashSet<>();

    public HangingOrders(BigDecimal cancelPercentage) {
        this.cancelPercentage = cancelPercentage;
    }

    @Override
    public void onFill(Market market, Fill fill, Instant now) {
        if (fill.clientOrderId() == null) {
            return;
        }
        for (OpenOrder o : market.restingOrders()) {
            if (o.side() != fill.side() && !o.clientOrderId().equals(fill.clientOrderId())) {
                hanging.add(o.clientOrderId());
            }
        }
    }

    @Override
    public List<Quote> adjust(List<Quote> wanted, Market market, BookTop top, Instant now) {
        if (hanging.isEmpty()) {
            return wanted;
        }
        BigDecimal mid = top.mid();
        List<Quote> out = new ArrayList<>();
        Set<String> stillResting = new LinkedHashSet<>();
        for (OpenOrder o : market.restingOrders()) {
            if (!hanging.contains(o.clientOrderId())) {
                continue;
            }
            BigDecimal away = o.price().subtract(mid).abs().multiply(HUNDRED).divide(mid, MathContext.DECIMAL64);
            if (away.compareTo(cancelPercentage) > 0) {
                continue; // left out: the engine cancels it
            }
            stillResting.add(o.clientOrderId());
            out.add(Quoting.asQuote(o));
        }
        hanging.retainAll(stillResting);
        List<Quote> kept = List.copyOf(out);
        for (Quote q : wanted) {
            // A wanted quote the hanging order already is (same side, price at the tick, size) is not placed twice.
            BigDecimal price = market.instrument().roundPrice(q.side(), q.price());
            boolean duplicate = kept.stream().anyMatch(h -> h.side() == q.side() && h.price().compareTo(price) == 0
                    && h.quantity().compareTo(q.quantity()) == 0);
            if (!duplicate) {
                out.add(q);
            }
        }
        return out;
    }

    /** Client ids of the orders hanging now. */
    public Set<String> hanging() {
        return Set.copyOf(hanging);
    }
}
