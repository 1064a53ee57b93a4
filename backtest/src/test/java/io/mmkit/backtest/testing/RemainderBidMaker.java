package io.mmkit.backtest.testing;

import io.mmkit.core.engine.Market;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import java.math.BigDecimal;
import java.util.List;

/**
 * Wants one bid of a fixed size at a fixed price and, as the grid does, asks only for what has not filled yet:
 * after 2 of 10 have filled, its quote is a bid of 8. Once everything has filled it wants nothing.
 */
public final class RemainderBidMaker extends MarketMaker {
    private final BigDecimal price;
    private final BigDecimal size;
    private BigDecimal filled = BigDecimal.ZERO;

    public RemainderBidMaker(MarketMakerContext context, BigDecimal price, BigDecimal size) {
        super(context);
        this.price = price;
        this.size = size;
    }

    @Override
    protected List<Quote> quotes(BookTop top) {
        BigDecimal left = size.subtract(filled);
        return left.signum() > 0 ? List.of(Quote.bid(price, left)) : List.of();
    }

    @Override
    protected void onFill(Market market, Fill fill) {
        filled = filled.add(fill.quantity());
    }
}
