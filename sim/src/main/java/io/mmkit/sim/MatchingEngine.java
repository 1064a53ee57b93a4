package io.mmkit.sim;

import io.mmkit.sim.feed.ReplayEvent;
import io.mmkit.sim.feed.ReplayEvent.BookCleared;
import io.mmkit.sim.feed.ReplayEvent.FundingSettled;
import io.mmkit.sim.feed.ReplayEvent.LevelChanged;
import io.mmkit.sim.feed.ReplayEvent.TopChanged;
import io.mmkit.sim.feed.ReplayEvent.TradePrinted;
import io.mmkit.sim.feed.ReplaySource;
import io.mmkit.sim.feed.EventBlock;
import io.mmkit.sim.feed.ScaledReplaySource;
import io.mmkit.core.model.Decimals;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The replay loop: applies market events to the L2 book in fixed-point units and fills our resting orders by
 * the fill rule. Order entry lives in {@link OrderEntry}; both are confined to {@link BacktestExchange}'s lock.
 *
 * <p>Liquidity: a fill against the book (a taker order, or a resting order the opposite side reaches) takes
 * from the levels it fills against ({@link DepthBook#consume}). With {@link ExchangeSettings#liquidityConsumption}
 * that stays taken until the feed gives the level a new size; without, it is forgotten after each event or
 * order, so it only keeps two of our orders from sharing one displayed quantity at the same moment.
 */
final class MatchingEngine implements ReplayObserver.MarketView {
    final Instrument instrument;
    final FixedPoint px;
    final FixedPoint qty;
    final FillRule rule;
    final boolean consumeLiquidity;
    final DepthBook book = new DepthBook();
    final List<SimulatedOrder> live = new ArrayList<>();
    final Account account;
    final List<Fill> fills = new ArrayList<>();
    private final BigDecimal makerFee;
    private final BigDecimal takerFee;
    private final long responseLatency;
    private final ReplaySource source;
    /** The same source when it hands over scaled blocks (the fast path), else {@code null}. */
    private final ScaledReplaySource blocks;
    /** Multipliers from {@link EventBlock#SCALE} to the engine's price and quantity scales. */
    private final long pxFromBlock;
    private final long qtyFromBlock;
    private final double pxDivisor;
    private EventBlock block;
    private int blockIndex;
    private final ReplayObserver observer;
    private final Consumer<Fill> fillStream;
    private final Deque<Notice> notices = new ArrayDeque<>();
    private final List<SimulatedOrder> done = new ArrayList<>();
    private ReplayEvent peeked;
    private boolean exhausted;
    private long now = Long.MIN_VALUE;
    private long nextDue = Long.MAX_VALUE;
    private long nextFillId = 1;
    private long events;

    private record Notice(long due, Fill fill) {
    }

    MatchingEngine(ExchangeSettings settings, ReplaySource source, ReplayObserver observer, Consumer<Fill> fillStream) {
        this.instrument = settings.instrument();
        this.px = FixedPoint.fineEnoughFor(instrument.tickSize());
        this.qty = FixedPoint.fineEnoughFor(instrument.stepSize());
        this.rule = FillRule.of(settings.fillModel());
        this.consumeLiquidity = settings.liquidityConsumption();
        this.makerFee = settings.makerFee();
        this.takerFee = settings.takerFee();
        this.responseLatency = settings.responseLatency().toNanos();
        this.account = new Account(instrument, settings.deposits());
        this.source = source;
        this.blocks = source instanceof ScaledReplaySource scaled && scaled.hasBlocks() ? scaled : null;
        this.pxFromBlock = powerOfTen(px.scale() - EventBlock.SCALE);
        this.qtyFromBlock = powerOfTen(qty.scale() - EventBlock.SCALE);
        this.pxDivisor = Math.pow(10, px.scale());
        this.observer = observer;
        this.fillStream = fillStream;
    }

    /** Epoch ns of the first event, without applying it; {@code Long.MIN_VALUE} when there is no data. */
    long firstEventTime() {
        if (blocks != null) {
            return blockReady() ? block.time(blockIndex) : Long.MIN_VALUE;
        }
        ReplayEvent e = peek();
        return e == null ? Long.MIN_VALUE : nanos(e.time());
    }

    /** Applies every event at or before {@code until}, then what falls due by then. */
    void replayUntil(long until) {
        if (blocks != null) {
            replayBlocksUntil(until);
        } else {
            replayObjectsUntil(until);
        }
        if (until > now) {
            processDue(until);
            now = until;
            observer.onTime(now, this);
        }
    }

    /** The fast path: events straight from scaled blocks, no object per event. */
    private void replayBlocksUntil(long until) {
        while (blockReady()) {
            EventBlock b = block;
            int i = blockIndex;
            long t = b.time(i);
            if (t > until) {
                break;
            }
            blockIndex = i + 1;
            if (t > now) {
                processDue(t);
                now = t;
            }
            observer.onTime(now, this);
            applyScaled(b, i);
            events++;
        }
    }

    /** True when {@link #block} has an unread event, loading the next block if needed. */
    private boolean blockReady() {
        if (block != null && blockIndex < block.size()) {
            return true;
        }
        if (exhausted) {
            return false;
        }
        block = blocks.nextBlock();
        blockIndex = 0;
        exhausted = block == null;
        return !exhausted;
    }

    private void replayObjectsUntil(long until) {
        ReplayEvent e;
        while ((e = peek()) != null) {
            long t = nanos(e.time());
            if (t > until) {
                break;
            }
            peeked = null;
            if (t > now) {
                processDue(t);
                now = t;
            }
            observer.onTime(now, this);
            apply(e);
            events++;
        }
    }

    /** Applies events until the book is two-sided or the data ends; returns the engine time then. */
    long warmUp() {
        long next;
        while (!book.isTwoSided() && (next = firstEventTime()) != Long.MIN_VALUE) {
            replayUntil(next);
        }
        return now;
    }

    /**
     * Epoch ns of the next moment anything happens: the next event, an order arrival, a cancel taking effect or a
     * delayed fill report; {@code Long.MAX_VALUE} when nothing more will. Where an event-driven wait steps to.
     */
    long nextActivity() {
        long event = firstEventTime();
        return Math.min(event == Long.MIN_VALUE ? Long.MAX_VALUE : event, nextDue);
    }

    boolean exhausted() {
        return blocks != null ? !blockReady() : peek() == null;
    }

    long now() {
        return now;
    }

    long eventsApplied() {
        return events;
    }

    double progress() {
        return source.progress();
    }

    @Override
    public double mid() {
        return book.isTwoSided() ? (book.bestBid() + (double) book.bestAsk()) / 2 / pxDivisor
                : Double.NaN;
    }

    @Override
    public double bestBid() {
        return book.depth(Side.BUY) > 0 ? book.bestBid() / pxDivisor : Double.NaN;
    }

    @Override
    public double bestAsk() {
        return book.depth(Side.SELL) > 0 ? book.bestAsk() / pxDivisor : Double.NaN;
    }

    @Override
    public double ourBid() {
        long best = Long.MIN_VALUE;
        for (SimulatedOrder o : live) {
            if (o.active && !o.cancelRequested && o.isBuy && o.price > best) {
                best = o.price;
            }
        }
        return best == Long.MIN_VALUE ? Double.NaN : best / pxDivisor;
    }

    @Override
    public double ourAsk() {
        long best = Long.MAX_VALUE;
        for (SimulatedOrder o : live) {
            if (o.active && !o.cancelRequested && !o.isBuy && o.price < best) {
                best = o.price;
            }
        }
        return best == Long.MAX_VALUE ? Double.NaN : best / pxDivisor;
    }

    @Override
    public int restingOrders() {
        int n = 0;
        for (SimulatedOrder o : live) {
            if (o.active && !o.cancelRequested) {
                n++;
            }
        }
        return n;
    }

    private ReplayEvent peek() {
        if (peeked == null && !exhausted) {
            peeked = source.next();
            exhausted = peeked == null;
        }
        return peeked;
    }

    private void applyScaled(EventBlock b, int i) {
        Side side = b.buy(i) ? Side.BUY : Side.SELL;
        try {
            switch (b.kind(i)) {
                case EventBlock.LEVEL -> {
                    long p = scaleUp(b.price(i), pxFromBlock);
                    long q = scaleUp(b.quantity(i), qtyFromBlock);
                    book.set(side, p, q);
                    afterBookChange(side, p, q, false);
                }
                case EventBlock.TRADE -> onTrade(side, scaleUp(b.price(i), pxFromBlock),
                        scaleUp(b.quantity(i), qtyFromBlock));
                case EventBlock.TOP -> {
                    long p = scaleUp(b.price(i), pxFromBlock);
                    long q = scaleUp(b.quantity(i), qtyFromBlock);
                    book.setTop(side, p, q);
                    afterBookChange(side, p, q, true);
                }
                case EventBlock.CLEAR -> book.clear();
                case EventBlock.FUNDING -> fund(EventBlock.decimal(b.price(i)));
                default -> throw new IllegalStateException("unknown event kind " + b.kind(i));
            }
        } catch (ArithmeticException ex) {
            throw new IllegalStateException("event does not fit the instrument's precision: " + b.event(i), ex);
        }
    }

    private static long scaleUp(long units, long factor) {
        return factor == 1 ? units : Math.multiplyExact(units, factor);
    }

    private static long powerOfTen(int exponent) {
        long f = 1;
        for (int i = 0; i < exponent; i++) {
            f *= 10;
        }
        return f;
    }

    private void apply(ReplayEvent e) {
        try {
            if (e instanceof LevelChanged l) {
                long p = px.units(l.price());
                long q = qty.units(l.quantity());
                book.set(l.side(), p, q);
                afterBookChange(l.side(), p, q, false);
            } else if (e instanceof TradePrinted t) {
                onTrade(t.aggressor(), px.units(t.price()), qty.units(t.quantity()));
            } else if (e instanceof TopChanged t) {
                long p = px.units(t.price());
                long q = qty.units(t.quantity());
                book.setTop(t.side(), p, q);
                afterBookChange(t.side(), p, q, true);
            } else if (e instanceof BookCleared) {
                book.clear();
            } else if (e instanceof FundingSettled f) {
                fund(f.rate());
            }
        } catch (ArithmeticException ex) {
            throw new IllegalStateException("event does not fit the instrument's precision: " + e, ex);
        }
    }

    private void afterBookChange(Side side, long price, long quantity, boolean isTop) {
        if (live.isEmpty()) {
            return;
        }
        // Every fill rule needs the opposite best to reach the order's price at least: an order it does not
        // reach cannot fill from the book, so it is not walked (fills only change consumption, never the bests).
        long bestAsk = book.bestAsk();
        long bestBid = book.bestBid();
        for (int i = 0, n = live.size(); i < n; i++) {
            SimulatedOrder o = live.get(i);
            if (!o.active) {
                continue;
            }
            if (o.side == side) {
                if (o.price == price) {
                    rule.onOwnLevel(o, quantity);
                } else if (isTop && (o.isBuy ? o.price > price : o.price < price)) {
                    rule.onOwnLevel(o, 0);
                }
            } else if (o.isBuy ? bestAsk <= o.price : bestBid >= o.price) {
                fillFromBook(o);
            }
        }
        sweepDone();
        settleConsumption();
    }

    /**
     * Fills a resting order from the opposite side of the book as its rule allows: walking that side best first
     * while the rule accepts the level, taking at most what each level has available (so the next of our orders
     * does not get it too); a rule not bounded by the book (touch) fills all once the best available level
     * qualifies. Levels our fills used up are skipped: they are not a touch.
     */
    private void fillFromBook(SimulatedOrder o) {
        Side opposite = o.side.opposite();
        if (!rule.boundedByBook()) {
            long best = book.bestAvailable(opposite);
            boolean exists = best != (opposite == Side.SELL ? DepthBook.NO_ASK : DepthBook.NO_BID);
            if (exists && rule.fillsAgainst(o, best)) {
                makerFill(o, o.remaining());
            }
            return;
        }
        long total = 0;
        for (int i = 0, depth = book.depth(opposite); i < depth && total < o.remaining(); i++) {
            long level = book.priceAt(opposite, i);
            if (!rule.fillsAgainst(o, level)) {
                break;
            }
            long take = Math.min(book.availableAtRank(opposite, i), o.remaining() - total);
            book.consume(opposite, level, take);
            total += take;
        }
        if (total > 0) {
            makerFill(o, total);
        }
    }

    /** Without liquidity consumption, what our fills took is forgotten once the event or order is done. */
    void settleConsumption() {
        if (!consumeLiquidity && book.anyConsumed()) {
            book.forgetConsumed();
        }
    }

    private void onTrade(Side aggressor, long price, long quantity) {
        long budget = quantity;
        for (int i = 0, n = live.size(); i < n; i++) {
            SimulatedOrder o = live.get(i);
            if (!o.active) {
                continue;
            }
            long fill = Math.min(o.remaining(), rule.onTrade(o, price, aggressor != o.side, budget));
            if (fill > 0) {
                makerFill(o, fill);
                if (rule.sharesTrades()) {
                    budget = Math.max(0, budget - fill);
                }
            }
        }
        sweepDone();
    }

    private void fund(BigDecimal rate) {
        double mid = mid();
        if (Double.isNaN(mid)) {
            return;
        }
        BigDecimal mark = px.decimal((book.bestBid() + book.bestAsk()) / 2);
        BigDecimal paid = account.fund(mark, rate);
        if (paid.signum() != 0) {
            observer.onFunding(now, paid);
        }
    }

    /** Fills a resting order at its own price, as maker. */
    void makerFill(SimulatedOrder o, long units) {
        o.filled += units;
        BigDecimal q = qty.decimal(units);
        BigDecimal price = o.request.price();
        BigDecimal fee = Decimals.normalize(price.multiply(q).multiply(makerFee));
        account.settle(o.side, price, q, fee, true);
        record(o, price, q, fee, Liquidity.MAKER);
        if (o.remaining() == 0) {
            done.add(o);
        }
    }

    /** Fills part of an order against the book at {@code priceUnits}, as taker. */
    void takerFill(SimulatedOrder o, long priceUnits, long units) {
        o.filled += units;
        BigDecimal q = qty.decimal(units);
        BigDecimal price = px.decimal(priceUnits);
        BigDecimal fee = Decimals.normalize(price.multiply(q).multiply(takerFee));
        account.settle(o.side, price, q, fee, false);
        record(o, price, q, fee, Liquidity.TAKER);
    }

    private void record(SimulatedOrder o, BigDecimal price, BigDecimal q, BigDecimal fee, Liquidity liquidity) {
        Fill fill = new Fill("F" + nextFillId++, o.orderId, o.clientOrderId(), instrument.symbol(), o.side, price, q,
                fee, instrument.quoteAsset(), liquidity, instant(now));
        fills.add(fill);
        observer.onFill(fill);
        if (responseLatency == 0) {
            fillStream.accept(fill);
        } else {
            notices.addLast(new Notice(now + responseLatency, fill));
            nextDue = Math.min(nextDue, now + responseLatency);
        }
    }

    /**
     * Adds an order to the live list, which is kept in matching priority: bids best (highest) first, then asks
     * best (lowest) first, earlier orders first at the same price. A trade sweeping several of our levels
     * reaches the best one first.
     */
    void addLive(SimulatedOrder o) {
        int at = live.size();
        for (int i = 0; i < live.size(); i++) {
            if (before(o, live.get(i))) {
                at = i;
                break;
            }
        }
        live.add(at, o);
    }

    private static boolean before(SimulatedOrder a, SimulatedOrder b) {
        if (a.isBuy != b.isBuy) {
            return a.isBuy;
        }
        return a.isBuy ? a.price > b.price : a.price < b.price;
    }

    /** Removes filled orders from the live list. */
    void sweepDone() {
        if (!done.isEmpty()) {
            live.removeAll(done);
            done.clear();
        }
    }

    /** Something becomes due at {@code at}: an order arrives, a cancel takes effect. */
    void dueAt(long at) {
        nextDue = Math.min(nextDue, at);
    }

    /** Runs what is due by {@code t}: order arrivals, cancels, delayed fill reports. */
    void processDue(long t) {
        if (t < nextDue) {
            return;
        }
        long previousNow = now;
        long next = Long.MAX_VALUE;
        for (int i = 0; i < live.size(); i++) {
            SimulatedOrder o = live.get(i);
            if (!o.active && o.activeAt <= t) {
                now = Math.max(previousNow, o.activeAt);
                arrivals.accept(o);
            }
            if (o.cancelAt <= t) {
                if (o.reserved && o.remaining() > 0) {
                    account.unlockFor(o.side, o.request.price(), qty.decimal(o.remaining()));
                }
                done.add(o);
            } else {
                if (!o.active) {
                    next = Math.min(next, o.activeAt);
                }
                next = Math.min(next, o.cancelAt);
            }
        }
        now = previousNow;
        sweepDone();
        while (!notices.isEmpty() && notices.peekFirst().due() <= t) {
            fillStream.accept(notices.pollFirst().fill());
        }
        if (!notices.isEmpty()) {
            next = Math.min(next, notices.peekFirst().due());
        }
        nextDue = next;
    }

    /**
     * What happens when an order reaches the venue; set by {@link OrderEntry}. Called while {@link #processDue}
     * walks {@link #live} by index, so it must not remove orders from it: an order that is done goes through
     * its {@code cancelAt}.
     */
    private Consumer<SimulatedOrder> arrivals = o -> o.active = true;

    void onArrival(Consumer<SimulatedOrder> handler) {
        this.arrivals = handler;
    }

    static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L));
    }
}
