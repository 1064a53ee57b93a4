package io.mmkit.core.testing;

import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.engine.Market;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * A test strategy: one bid and one ask a fixed distance from the mid. Records what the engine showed it,
 * and lets a test look at the venue at the moment of the first quote.
 */
public class FixedSpreadMaker extends MarketMaker {
    private final BigDecimal halfSpread;
    private final BigDecimal quantity;
    public final List<Fill> fills = new ArrayList<>();
    public final CountDownLatch loopEnded = new CountDownLatch(1);
    public volatile long loopEndedNanos;
    public volatile int iterations;
    private Consumer<FixedSpreadMaker> beforeFirstQuote = m -> { };

    public FixedSpreadMaker(MarketMakerContext context, String halfSpread, String quantity) {
        super(context);
        this.halfSpread = new BigDecimal(halfSpread);
        this.quantity = new BigDecimal(quantity);
    }

    public FixedSpreadMaker beforeFirstQuote(Consumer<FixedSpreadMaker> check) {
        this.beforeFirstQuote = check;
        return this;
    }

    @Override
    protected List<Quote> quotes(BookTop top) {
        if (iterations++ == 0) {
            beforeFirstQuote.accept(this);
        }
        BigDecimal mid = top.mid();
        return List.of(Quote.bid(mid.subtract(halfSpread), quantity), Quote.ask(mid.add(halfSpread), quantity));
    }

    @Override
    protected void onFill(Market market, Fill fill) {
        fills.add(fill);
    }

    @Override
    protected void onStop(String reason) {
        loopEndedNanos = System.nanoTime();
        loopEnded.countDown();
    }

    public Market primary() {
        return market();
    }
}
