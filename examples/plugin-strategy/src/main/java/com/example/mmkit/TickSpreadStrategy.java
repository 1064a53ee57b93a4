package com.example.mmkit;

import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import java.math.BigDecimal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The smallest useful strategy: one post-only bid and one ask {@code ticks} ticks either side of the mid.
 * Everything else (the loop, fills, accounting, requoting only what changed, shutdown) is the engine's.
 * Hooks run on the strategy thread.
 */
public final class TickSpreadStrategy extends MarketMaker {
    private static final Logger LOG = LoggerFactory.getLogger(TickSpreadStrategy.class);

    private final int ticks;
    private final BigDecimal quantity;

    public TickSpreadStrategy(MarketMakerContext context, int ticks, BigDecimal quantity) {
        super(context);
        this.ticks = ticks;
        this.quantity = quantity;
    }

    @Override
    protected void onStart() {
        LOG.info("tick_spread plug-in: quoting {} x {} ticks either side of the mid on {}", quantity.toPlainString(),
                ticks, market().symbol());
    }

    @Override
    protected List<Quote> quotes(BookTop top) {
        BigDecimal offset = market().instrument().tickSize().multiply(BigDecimal.valueOf(ticks));
        return List.of(Quote.bid(top.mid().subtract(offset), quantity), Quote.ask(top.mid().add(offset), quantity));
    }
}
