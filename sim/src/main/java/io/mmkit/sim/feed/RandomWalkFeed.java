package io.mmkit.sim.feed;

import io.mmkit.core.model.Side;
import io.mmkit.sim.feed.ReplayEvent.BookCleared;
import io.mmkit.sim.feed.ReplayEvent.LevelChanged;
import io.mmkit.sim.feed.ReplayEvent.TradePrinted;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;

/**
 * A generated market for demos and soak tests: every {@code step} the mid moves by a seeded random number
 * of ticks, the book is one level a side a tick or two from the mid, and a trade prints on a random side at
 * the touch. The same seed gives the same path. Events are made lazily, so the path has no end and costs no
 * memory.
 */
public final class RandomWalkFeed implements MarketFeed {
    private final String symbol;
    private final BigDecimal tick;
    private final Duration step;
    private final int maxTicksPerStep;
    private final SplittableRandom random;
    private final Deque<ReplayEvent> pending = new ArrayDeque<>();
    private long midTicks;
    private Instant next;

    /**
     * @param startMid the first mid price; it is aligned to the tick
     * @param maxTicksPerStep the largest move, in ticks, of one step
     */
    public RandomWalkFeed(String symbol, BigDecimal startMid, BigDecimal tick, Instant start, Duration step,
                          int maxTicksPerStep, long seed) {
        if (step.isZero() || step.isNegative()) {
            throw new IllegalArgumentException("step must be positive, was " + step);
        }
        this.symbol = symbol;
        this.tick = tick;
        this.step = step;
        this.maxTicksPerStep = maxTicksPerStep;
        this.random = new SplittableRandom(seed);
        this.midTicks = startMid.divide(tick, 0, RoundingMode.HALF_EVEN).longValueExact();
        this.next = start;
    }

    @Override
    public String symbol() {
        return symbol;
    }

    /** Never ends: the engine only reads one event past its clock. */
    @Override
    public ReplayEvent next() {
        if (pending.isEmpty()) {
            generateStep();
        }
        return pending.pollFirst();
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    private void generateStep() {
        Instant at = next;
        next = next.plus(step);
        midTicks = Math.max(10, midTicks + random.nextInt(-maxTicksPerStep, maxTicksPerStep + 1));
        long halfSpread = 1 + random.nextInt(2);
        BigDecimal bid = tick.multiply(BigDecimal.valueOf(midTicks - halfSpread));
        BigDecimal ask = tick.multiply(BigDecimal.valueOf(midTicks + halfSpread));
        BigDecimal qty = BigDecimal.valueOf(1 + random.nextInt(20));
        Side aggressor = random.nextBoolean() ? Side.BUY : Side.SELL;
        BigDecimal tradePrice = aggressor == Side.BUY ? ask : bid;
        BigDecimal tradeQty = BigDecimal.valueOf(1 + random.nextInt(5)).divide(BigDecimal.TEN);
        pending.addLast(new BookCleared(at));
        pending.addLast(new LevelChanged(at, Side.BUY, bid, qty));
        pending.addLast(new LevelChanged(at, Side.SELL, ask, qty));
        pending.addLast(new TradePrinted(at, aggressor, tradePrice, tradeQty));
    }
}
