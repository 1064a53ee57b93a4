package io.mmkit.strategies.support.quoting;

import io.mmkit.core.engine.Market;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Side;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Ping-pong: after a bid fills, only asks are quoted until an ask fills, and the other way round, so the
 * maker alternates instead of piling up inventory on a trending side. Counted in filled orders (an order's
 * first fill counts; its further partial fills do not): two buys filled in a row need two sells. Hummingbot's
 * {@code ping_pong_enabled}.
 */
public final class PingPong implements QuotingFeature {
    private final Set<String> counted = new HashSet<>();
    /** Filled buys not yet answered by a filled sell (positive), or the other way round (negative). */
    private int balance;

    @Override
    public void onFill(Market market, Fill fill, Instant now) {
        if (fill.clientOrderId() != null && !counted.add(fill.clientOrderId())) {
            return;
        }
        balance += fill.side() == Side.BUY ? 1 : -1;
    }

    @Override
    public List<Quote> adjust(List<Quote> wanted, Market market, BookTop top, Instant now) {
        if (balance > 0) {
            return wanted.stream().filter(q -> q.side() == Side.SELL).toList();
        }
        if (balance < 0) {
            return wanted.stream().filter(q -> q.side() == Side.BUY).toList();
        }
        return wanted;
    }

    public int balance() {
        return balance;
    }
}
