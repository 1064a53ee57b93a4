package io.mmkit.sim;

import io.mmkit.sim.feed.ReplaySource;
import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.exchange.ExchangeListener;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookLevel;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.CancelResult;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Position;
import io.mmkit.core.model.Side;
import io.mmkit.core.time.SimulatedTimeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The backtest venue: replays recorded market data into an L2 book on a virtual clock and fills our orders by a
 * named fill model ({@link FillModelName}), with maker/taker fees, entry and response latency, spot balances and
 * perpetual positions with funding. The same instance serves the in-process path (a strategy holds it as its
 * {@link ExchangeGateway}) and the HTTP path (a WireMock extension calls it).
 *
 * <p>Time: the exchange owns a {@link SimulatedTimeSource} that starts at the first event; give {@link #time()}
 * to the strategy. Each advance of that clock (a strategy's wait) replays the data up to the new time on the
 * advancing thread before the wait returns. Nothing reads the wall clock; ids are sequential ({@code S1},
 * {@code F1}...) and the only randomness is the seeded latency jitter, so the same data, settings and calls
 * give the same fills.
 *
 * <p>Event-driven waits: the clock steps to {@link #nextEvent()} (registered as its schedule), and after every
 * replay the listeners are told of the new book top if the touch changed ({@link ExchangeListener#onBookTop}), so a
 * strategy waiting for a book move wakes at the virtual instant of the event that moved it.
 *
 * <p>Thread-safe: one lock guards everything. Listeners are told of fills and tops on the thread that advanced the
 * market and must only enqueue. The caller owns the {@link ReplaySource} and closes it after the run.
 */
public final class BacktestExchange implements ExchangeGateway {
    private final ExchangeSettings settings;
    private final SimulatedTimeSource time;
    private final MatchingEngine engine;
    private final OrderEntry entry;
    private final ReplayObserver observer;
    private final List<ExchangeListener> listeners = new CopyOnWriteArrayList<>();
    private final TopWatch tops = new TopWatch();
    /** The top {@link #bookTop} answers, rebuilt only when the touch or the time changed. */
    private final TopWatch shownTop = new TopWatch();
    private Runnable onDataEnd = () -> { };
    /** How much of the fill log {@link #fillsInTimeOrder} has checked, and whether it was in order. */
    private int fillsChecked;
    private boolean fillsOrdered = true;
    private boolean dataEndReported;
    private boolean closed;

    /**
     * Opens the venue on {@code source} and reads the first event to start the clock there. Blocks on file I/O.
     *
     * @param observer told of time, fills and funding for the report; {@code null} for none
     */
    public BacktestExchange(ExchangeSettings settings, ReplaySource source, ReplayObserver observer) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.observer = observer == null ? new ReplayObserver() { } : observer;
        this.engine = new MatchingEngine(settings, source, this.observer, this::deliver);
        this.entry = new OrderEntry(engine, settings);
        long first = engine.firstEventTime();
        this.time = new SimulatedTimeSource(first == Long.MIN_VALUE ? Instant.EPOCH : MatchingEngine.instant(first));
        time.addListener(now -> catchUp());
        time.addSchedule(this::nextEvent);
    }

    /**
     * When this venue next changes anything (a market event, an order arrival or cancel, a delayed fill report), or
     * {@code null} when the data has ended and nothing is pending: where an event-driven wait steps to.
     */
    public synchronized Instant nextEvent() {
        long next = engine.nextActivity();
        return next == Long.MAX_VALUE ? null : MatchingEngine.instant(next);
    }

    /** The virtual clock: give it to the strategy. Advancing it replays the market. */
    public SimulatedTimeSource time() {
        return time;
    }

    public ExchangeSettings settings() {
        return settings;
    }

    /** Runs {@code action} once, on the advancing thread, when the data has been replayed to its end. */
    public synchronized void onDataEnd(Runnable action) {
        this.onDataEnd = Objects.requireNonNull(action, "action");
    }

    /**
     * Replays until the book has both sides, and moves the clock there: call before the strategy starts.
     *
     * @return false if the data ended before the book had both sides
     */
    public boolean warmUp() {
        long at;
        synchronized (this) {
            at = engine.warmUp();
        }
        time.advanceTo(MatchingEngine.instant(at));
        synchronized (this) {
            return engine.book.isTwoSided();
        }
    }

    /** Every fill so far, in order: the run's fill log. */
    public synchronized List<Fill> allFills() {
        return List.copyOf(engine.fills);
    }

    /** Market events applied so far. */
    public synchronized long eventsApplied() {
        return engine.eventsApplied();
    }

    /** Share of the input read, 0.0 to 1.0, for progress bars. */
    public synchronized double progress() {
        return engine.progress();
    }

    public synchronized boolean dataEnded() {
        return engine.exhausted();
    }

    // ---------------------------------------------------------------- the port

    @Override
    public String venue() {
        return settings.venue();
    }

    @Override
    public Instrument instrument(String symbol) {
        requireSymbol(symbol);
        return settings.instrument();
    }

    @Override
    public void subscribe(String symbol, ExchangeListener listener) {
        requireSymbol(symbol);
        listeners.add(listener);
    }

    @Override
    public synchronized BookTop bookTop(String symbol) {
        requireSymbol(symbol);
        catchUp();
        if (!engine.book.isTwoSided()) {
            throw new ExchangeException(venue(), "no two-sided market yet for " + symbol);
        }
        return shownTop.at(engine, time.now());
    }

    @Override
    public synchronized OrderBook orderBook(String symbol, int depth) {
        requireSymbol(symbol);
        catchUp();
        return new OrderBook(symbol, levels(Side.BUY, depth), levels(Side.SELL, depth), 0, time.now());
    }

    @Override
    public synchronized PlaceResult place(OrderRequest request) {
        catchUp();
        ensureOpen();
        PlaceResult result = entry.place(request);
        if (result.isAccepted()) {
            observer.onOrderAccepted(request);
        }
        return result;
    }

    @Override
    public synchronized CancelResult cancel(String symbol, String clientOrderId) {
        catchUp();
        return entry.cancel(symbol, clientOrderId);
    }

    @Override
    public synchronized int cancelAll(String symbol) {
        catchUp();
        int n = 0;
        for (OpenOrder o : entry.openOrders()) {
            if (entry.cancel(symbol, o.clientOrderId()) == CancelResult.CANCELLED) {
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized List<OpenOrder> openOrders(String symbol) {
        requireSymbol(symbol);
        catchUp();
        return entry.openOrders();
    }

    @Override
    public synchronized List<Balance> balances() {
        catchUp();
        return engine.account.balances();
    }

    @Override
    public synchronized List<Position> positions() {
        catchUp();
        DepthBook b = engine.book;
        return engine.account.positions(b.isTwoSided() ? engine.px.decimal((b.bestBid() + b.bestAsk()) / 2) : null);
    }

    @Override
    public synchronized List<Fill> fillsSince(String symbol, Instant since) {
        requireSymbol(symbol);
        catchUp();
        List<Fill> all = engine.fills;
        if (!fillsInTimeOrder(all)) {
            List<Fill> out = new ArrayList<>();
            for (Fill f : all) {
                if (!f.time().isBefore(since)) {
                    out.add(f);
                }
            }
            return out;
        }
        // In time order (as replayed fills nearly always are): the first at or after since, without a scan.
        int lo = 0;
        int hi = all.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (all.get(mid).time().isBefore(since)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return new ArrayList<>(all.subList(lo, all.size()));
    }

    @Override
    public void setLeverage(String symbol, int leverage) {
        requireSymbol(symbol);
        if (!settings.instrument().isPerpetual()) {
            throw new ExchangeException(venue(), symbol + " is not a perpetual market");
        }
        if (leverage < 1 || leverage > 125) {
            throw new ExchangeException(venue(), "leverage must be 1..125, was " + leverage);
        }
    }

    /** Stops serving orders; the replayed data and fills stay readable. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        listeners.clear();
    }

    // ---------------------------------------------------------------- internals

    private synchronized void catchUp() {
        engine.replayUntil(MatchingEngine.nanos(time.now()));
        if (anyWantsTops()) {
            BookTop top = tops.changed(engine, time.now());
            if (top != null) {
                for (ExchangeListener l : listeners) {
                    l.onBookTop(top);
                }
            }
        }
        if (engine.exhausted() && !dataEndReported) {
            dataEndReported = true;
            onDataEnd.run();
        }
    }

    /** Whether the fill log is in time order so far; checks only the fills added since the last call. */
    private boolean fillsInTimeOrder(List<Fill> all) {
        for (; fillsChecked < all.size() && fillsOrdered; fillsChecked++) {
            if (fillsChecked > 0 && all.get(fillsChecked).time().isBefore(all.get(fillsChecked - 1).time())) {
                fillsOrdered = false;
            }
        }
        return fillsOrdered;
    }

    private boolean anyWantsTops() {
        for (ExchangeListener l : listeners) {
            if (l.wantsBookTops()) {
                return true;
            }
        }
        return false;
    }

    private void deliver(Fill fill) {
        for (ExchangeListener l : listeners) {
            l.onFill(fill);
        }
    }

    private List<BookLevel> levels(Side side, int depth) {
        DepthBook b = engine.book;
        List<BookLevel> out = new ArrayList<>();
        for (int i = 0; i < Math.min(depth, b.depth(side)); i++) {
            out.add(new BookLevel(engine.px.decimal(b.priceAt(side, i)), engine.qty.decimal(b.quantityAtRank(side, i))));
        }
        return out;
    }

    private void requireSymbol(String symbol) {
        if (!settings.instrument().symbol().equals(symbol)) {
            throw new ExchangeException(venue(), "unknown symbol " + symbol);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new ExchangeException(venue(), "simulated exchange is closed");
        }
    }
}
