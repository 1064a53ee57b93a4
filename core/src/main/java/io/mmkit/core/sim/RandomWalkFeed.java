package io.mmkit.core.sim;

import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.Trade;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * A generated market for demos and soak tests: every {@code step} the mid moves by a seeded random number
 * of ticks, the spread is a few ticks, and a trade prints on a random side at the touch. The same seed
 * gives the same path. Events are made lazily, so the path has no end and costs no memory.
 */
public final class RandomWalkFeed implements MarketFeed {
    private final String symbol;
    private final BigDecimal tick;
    private final Duration step;
    private final int maxTicksPerStep;
    private final SplittableRandom random;
    private long midTicks;
    private Instant next;
    private MarketEvent pendingTrade;

    /**
     * @param startMid the first mid price; it is aligned to the tick
     * @param maxTicksPerStep the largest move, in ticks, of one step
     */
    public RandomWalkFeed(String symbol, BigDecimal startMid, BigDecimal tick, Instant start, Duration step,
                          int maxTicksPerStep, long seed) {
        this.symbol = symbol;
        this.tick = tick;
        this.step = step;
        this.maxTicksPerStep = maxTicksPerStep;
        this.random = new SplittableRandom(seed);
        this.midTicks = startMid.divide(tick, 0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        this.next = start;
    }

    @Override
    public MarketEvent poll(Instant until) {
        if (pendingTrade != null) {
            MarketEvent t = pendingTrade;
            pendingTrade = null;
            return t;
        }
        if (next.isAfter(until)) {
            return null;
        }
        Instant at = next;
        next = next.plus(step);
        midTicks = Math.max(10, midTicks + random.nextInt(-maxTicksPerStep, maxTicksPerStep + 1));
        long halfSpread = 1 + random.nextInt(2);
        BigDecimal bid = tick.multiply(BigDecimal.valueOf(midTicks - halfSpread));
        BigDecimal ask = tick.multiply(BigDecimal.valueOf(midTicks + halfSpread));
        BigDecimal qty = BigDecimal.valueOf(1 + random.nextInt(20));
        Side aggressor = random.nextBoolean() ? Side.BUY : Side.SELL;
        BigDecimal tradePrice = aggressor == Side.BUY ? ask : bid;
        pendingTrade = new MarketEvent.Printed(new Trade(symbol, tradePrice,
                BigDecimal.valueOf(1 + random.nextInt(5)).divide(BigDecimal.TEN), aggressor, at));
        return new MarketEvent.TopChanged(new BookTop(symbol, bid, qty, ask, qty, at));
    }
}
