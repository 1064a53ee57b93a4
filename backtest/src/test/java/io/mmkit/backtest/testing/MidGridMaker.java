package io.mmkit.backtest.testing;

import io.mmkit.core.engine.Market;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A test market maker for real data: {@code levels} bids and asks spaced {@code step} apart around the mid,
 * skewed against inventory, re-centred only when the mid moves more than a step (so resting orders keep their
 * queue place). Stands in for the grid strategy in determinism tests and benchmarks.
 */
public final class MidGridMaker extends MarketMaker {
    private final BigDecimal step;
    private final BigDecimal quantity;
    private final int levels;
    private final BigDecimal maxInventory;
    private BigDecimal centre;
    private BigDecimal inventory = BigDecimal.ZERO;

    public MidGridMaker(MarketMakerContext context, BigDecimal step, BigDecimal quantity, int levels,
                        BigDecimal maxInventory) {
        super(context);
        this.step = step;
        this.quantity = quantity;
        this.levels = levels;
        this.maxInventory = maxInventory;
    }

    @Override
    protected List<Quote> quotes(BookTop top) {
        BigDecimal mid = top.mid();
        if (centre == null || centre.subtract(mid).abs().compareTo(step) > 0) {
            BigDecimal tick = market().instrument().tickSize();
            centre = mid.divide(tick, 0, RoundingMode.HALF_EVEN).multiply(tick);
        }
        List<Quote> out = new ArrayList<>();
        for (int i = 1; i <= levels; i++) {
            BigDecimal offset = step.multiply(BigDecimal.valueOf(i));
            if (inventory.compareTo(maxInventory) < 0) {
                out.add(Quote.bid(centre.subtract(offset), quantity));
            }
            if (inventory.negate().compareTo(maxInventory) < 0) {
                out.add(Quote.ask(centre.add(offset), quantity));
            }
        }
        return out;
    }

    @Override
    protected BigDecimal requoteTolerance(BookTop top) {
        return BigDecimal.ZERO;
    }

    @Override
    protected void onFill(Market market, Fill fill) {
        inventory = inventory.add(fill.signedQuantity());
    }
}
