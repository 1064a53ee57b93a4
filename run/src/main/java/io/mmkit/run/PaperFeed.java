package io.mmkit.run;

import io.mmkit.core.model.BookLevel;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.Trade;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.PublicMarketData;
import io.mmkit.sim.feed.MarketFeed;
import io.mmkit.sim.feed.ReplayEvent;
import io.mmkit.sim.feed.ReplayEvent.FundingSettled;
import io.mmkit.sim.feed.ReplayEvent.LevelChanged;
import io.mmkit.sim.feed.ReplayEvent.TradePrinted;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A venue's live public stream as the matching engine's events: each streamed book becomes the
 * {@link LevelChanged} events that turn the previous book into it (a level gone is quantity zero, so queue
 * positions on untouched levels survive), each public trade a {@link TradePrinted}, stamped with the wall-clock
 * time it arrived. The engine replays them as its clock (which follows the wall clock) passes those times.
 *
 * <p>The engine reads a {@code null} event as the end of the data for good, but a live stream has only ended
 * for now: when nothing has arrived, {@link #next()} answers a funding settlement at rate zero a millisecond
 * ahead — a no-op on every instrument — so the engine stops reading and asks again on its next advance.
 *
 * <p>{@link #onBook} and {@link #onTrade} run on the market data's single delivery thread; {@link #next()} on the
 * engine's, under its lock; the queue between them is the only shared state.
 */
final class PaperFeed implements MarketFeed, PublicMarketData.Listener {
    static final Duration KEEP_ALIVE_AHEAD = Duration.ofMillis(1);

    private final String symbol;
    private final TimeSource wallClock;
    private final Queue<ReplayEvent> events = new ConcurrentLinkedQueue<>();
    /** The last book's levels by price without trailing zeros (100.10 and 100.1 are one level). */
    private final Map<BigDecimal, BookLevel> bids = new HashMap<>();
    private final Map<BigDecimal, BookLevel> asks = new HashMap<>();
    private final CountDownLatch firstBook = new CountDownLatch(1);

    PaperFeed(String symbol, TimeSource wallClock) {
        this.symbol = symbol;
        this.wallClock = wallClock;
    }

    @Override
    public String symbol() {
        return symbol;
    }

    @Override
    public void onBook(OrderBook book) {
        var now = wallClock.now();
        changes(Side.BUY, bids, book.bids(), now);
        changes(Side.SELL, asks, book.asks(), now);
        if (!book.bids().isEmpty() && !book.asks().isEmpty()) {
            firstBook.countDown();
        }
    }

    /** Waits until a two-sided book has been queued; false when none came within {@code max}. */
    boolean awaitFirstBook(Duration max) throws InterruptedException {
        return firstBook.await(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onTrade(Trade trade) {
        events.add(new TradePrinted(wallClock.now(), trade.aggressor(), trade.price(), trade.quantity()));
    }

    @Override
    public ReplayEvent next() {
        ReplayEvent e = events.poll();
        return e != null ? e : new FundingSettled(wallClock.now().plus(KEEP_ALIVE_AHEAD), BigDecimal.ZERO);
    }

    @Override
    public void close() {
        events.clear();
    }

    /** Levels removed first, then new or changed ones: the order a venue's diff would give them. */
    private void changes(Side side, Map<BigDecimal, BookLevel> known, List<BookLevel> levels,
                         java.time.Instant now) {
        Map<BigDecimal, BookLevel> fresh = new HashMap<>();
        for (BookLevel level : levels) {
            fresh.put(level.price().stripTrailingZeros(), level);
        }
        for (BigDecimal price : List.copyOf(known.keySet())) {
            if (!fresh.containsKey(price)) {
                BookLevel gone = known.remove(price);
                events.add(new LevelChanged(now, side, gone.price(), BigDecimal.ZERO));
            }
        }
        for (BookLevel level : levels) {
            BookLevel before = known.put(level.price().stripTrailingZeros(), level);
            if (before == null || before.quantity().compareTo(level.quantity()) != 0) {
                events.add(new LevelChanged(now, side, level.price(), level.quantity()));
            }
        }
    }
}
