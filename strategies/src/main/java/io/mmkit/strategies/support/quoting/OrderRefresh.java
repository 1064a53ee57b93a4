package io.mmkit.strategies.support.quoting;

import io.mmkit.core.engine.Market;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.OpenOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order refresh time and max order age. Between refreshes the orders that rest are kept as they are, however
 * the book moves (the maker keeps its queue place; tolerance decides only at a refresh); at a refresh, or
 * whenever nothing rests, the maker's wanted quotes apply. An order older than {@code maxAge} is cancelled
 * before the maker quotes, and its replacement placed in the same iteration, even at the same price: a venue
 * may deprioritise or expire old orders. Hummingbot's {@code order_refresh_time} and {@code max_order_age}.
 *
 * @see OpenOrder#createdAt()
 */
public final class OrderRefresh implements QuotingFeature {
    private static final Logger LOG = LoggerFactory.getLogger(OrderRefresh.class);

    private final Duration refreshTime;
    private final Duration maxAge;
    private Instant lastRefresh;
    private boolean refreshNow;

    /**
     * @param refreshTime how long quotes are held between refreshes, or null to requote every iteration
     * @param maxAge the age at which an order is replaced, or null for no limit
     */
    public OrderRefresh(Duration refreshTime, Duration maxAge) {
        this.refreshTime = refreshTime;
        this.maxAge = maxAge;
    }

    @Override
    public void beforeQuotes(Market market, BookTop top, Instant now) {
        if (maxAge == null) {
            return;
        }
        for (OpenOrder o : market.restingOrders()) {
            if (o.createdAt() != null && !now.isBefore(o.createdAt().plus(maxAge))) {
                LOG.info("[{}] order {} is {} s old (max_order_age {} s): replacing it", market.name(),
                        o.clientOrderId(), Duration.between(o.createdAt(), now).toSeconds(), maxAge.toSeconds());
                market.cancel(o.clientOrderId());
                refreshNow = true;
            }
        }
    }

    @Override
    public List<Quote> adjust(List<Quote> wanted, Market market, BookTop top, Instant now) {
        boolean due = refreshTime == null || lastRefresh == null || refreshNow
                || !now.isBefore(lastRefresh.plus(refreshTime)) || market.restingOrders().isEmpty();
        if (due) {
            lastRefresh = now;
            refreshNow = false;
            return wanted;
        }
        return Quoting.resting(market);
    }
}
