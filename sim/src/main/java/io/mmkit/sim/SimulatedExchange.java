package io.mmkit.sim;

import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.exchange.ExchangeListener;
import io.mmkit.core.model.Balance;
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
import io.mmkit.core.model.TimeInForce;
import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.core.time.TimeSource;
import io.mmkit.sim.FaultPlan.Operation;
import io.mmkit.sim.feed.ListReplaySource;
import io.mmkit.sim.feed.ReplaySource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The simulated exchange of the demo, paper runs and strategy tests, on the one matching engine the backtest
 * uses ({@link MatchingEngine}, {@link OrderEntry}: named fill models, fees, entry latency, spot balances,
 * perpetual positions and funding). Unlike {@link BacktestExchange} it follows a clock it is given (a
 * {@link SimulatedTimeSource} in tests, the system clock in the demo), trades several instruments, each from
 * its own {@link io.mmkit.sim.feed.MarketFeed}, and can be told to fail or hang ({@link #faults()}).
 *
 * <p>Before every call, and on every advance of a {@link SimulatedTimeSource}, each market replays its feed up
 * to the clock's now. Ids are sequential ({@code S1}, {@code F1}... behind the builder's id prefix, and behind
 * {@code m2-}... per market when there are several), so the same feed, orders and time give the same fills.
 *
 * <p>Each market settles in an account of its own funded with the deposits; {@link #balances()} shows the
 * wallet as the deposits plus every market's net change. Funds are checked per market, so two markets of one
 * simulated exchange can each spend the whole deposit: a limit of the test bed, not of a venue.
 *
 * <p>On a {@link SimulatedTimeSource} the exchange is also the clock's schedule (the next event of any market, so an
 * event-driven wait steps from event to event), and after each replay a market whose touch changed tells its
 * listeners the new top ({@link ExchangeListener#onBookTop}).
 *
 * <p>Thread-safe: one lock guards the state. Listeners are told of fills and tops on the thread that advanced the
 * market (the caller of a gateway method, or the clock's owner) and must only enqueue.
 */
public final class SimulatedExchange implements ExchangeGateway {
    private final String venue;
    private final TimeSource time;
    private final FillModelName fillModel;
    private final Map<String, BigDecimal> deposits;
    private final Map<String, SimulatedMarket> markets = new LinkedHashMap<>();
    private final Map<String, String> idPrefixes = new HashMap<>();
    private final FaultPlan faults = new FaultPlan();
    private final List<Fill> fills = new ArrayList<>();
    private final Map<String, List<ExchangeListener>> listeners = new HashMap<>();
    private final Map<String, Integer> leverage = new HashMap<>();
    private boolean closed;

    SimulatedExchange(SimulatedExchangeBuilder b) {
        this.venue = b.venue;
        this.time = b.time;
        this.fillModel = b.fillModel;
        this.deposits = Map.copyOf(b.deposits);
        int index = 0;
        for (Instrument instrument : b.instruments.values()) {
            String symbol = instrument.symbol();
            ExchangeSettings settings = new ExchangeSettings(venue, instrument, b.fillModel, b.makerFee, b.takerFee,
                    b.latency, Duration.ZERO, Duration.ZERO, 1, b.deposits);
            ReplaySource feed = b.feeds.containsKey(symbol) ? b.feeds.get(symbol) : new ListReplaySource(List.of());
            ReplayObserver recorder = new ReplayObserver() {
                @Override
                public void onFill(Fill fill) {
                    fills.add(withVenueIds(fill));
                }
            };
            markets.put(symbol, new SimulatedMarket(settings, feed, recorder, this::deliver));
            idPrefixes.put(symbol, b.idPrefix + (b.instruments.size() > 1 ? "m" + (++index) + "-" : ""));
        }
        if (time instanceof SimulatedTimeSource sim) {
            sim.addListener(now -> catchUp());
            sim.addSchedule(this::nextEvent);
        }
    }

    public static SimulatedExchangeBuilder builder(TimeSource time) {
        return new SimulatedExchangeBuilder(time);
    }

    /** Faults to inject into later calls. */
    public FaultPlan faults() {
        return faults;
    }

    /** The fill model's name, as configs and reports spell it. */
    public String fillModel() {
        return fillModel.label();
    }

    /**
     * Places a resting GTC limit as if an earlier run had left it (for orphan-handling tests): it goes through
     * the engine like any order, so it reserves its funds and needs a two-sided book on its symbol.
     *
     * @throws IllegalStateException when the engine refuses it
     */
    public OpenOrder restExisting(String clientOrderId, String symbol, Side side, BigDecimal price,
                                  BigDecimal quantity) {
        PlaceResult r = placeNow(OrderRequest.limit(symbol, clientOrderId, side, price, quantity, TimeInForce.GTC));
        if (r instanceof PlaceResult.Accepted a) {
            return a.order();
        }
        throw new IllegalStateException("the simulated exchange refused the resting order " + clientOrderId + ": " + r);
    }

    /** Every fill so far, in order. */
    public synchronized List<Fill> allFills() {
        return List.copyOf(fills);
    }

    /** Our open orders on every symbol. */
    public synchronized List<OpenOrder> allOpenOrders() {
        catchUp();
        List<OpenOrder> out = new ArrayList<>();
        markets.keySet().forEach(symbol -> out.addAll(openNow(symbol)));
        return out;
    }

    /** The leverage last set on {@code symbol} (1 if never set). */
    public synchronized int leverage(String symbol) {
        return leverage.getOrDefault(symbol, 1);
    }

    // ---------------------------------------------------------------- the port

    @Override
    public String venue() {
        return venue;
    }

    @Override
    public synchronized Instrument instrument(String symbol) {
        return market(symbol).instrument;
    }

    @Override
    public synchronized void subscribe(String symbol, ExchangeListener listener) {
        market(symbol);
        listeners.computeIfAbsent(symbol, s -> new CopyOnWriteArrayList<>()).add(listener);
    }

    @Override
    public BookTop bookTop(String symbol) {
        faults.check(venue, Operation.BOOK_TOP);
        synchronized (this) {
            catchUp();
            SimulatedMarket m = market(symbol);
            if (!m.isTwoSided()) {
                throw new ExchangeException(venue, "no market data yet for " + symbol);
            }
            return m.top(time.now());
        }
    }

    @Override
    public OrderBook orderBook(String symbol, int depth) {
        BookTop top = bookTop(symbol);
        synchronized (this) {
            SimulatedMarket m = market(symbol);
            return new OrderBook(symbol, m.levels(Side.BUY, depth), m.levels(Side.SELL, depth), 0, top.time());
        }
    }

    @Override
    public PlaceResult place(OrderRequest request) {
        faults.check(venue, Operation.PLACE);
        PlaceResult result = placeNow(request);
        faults.afterCall(venue, Operation.PLACE);
        return result;
    }

    private synchronized PlaceResult placeNow(OrderRequest request) {
        catchUp();
        ensureOpen();
        PlaceResult result = market(request.symbol()).entry.place(request);
        return result instanceof PlaceResult.Accepted a
                ? PlaceResult.accepted(withVenueId(a.order()))
                : result;
    }

    @Override
    public CancelResult cancel(String symbol, String clientOrderId) {
        faults.check(venue, Operation.CANCEL);
        synchronized (this) {
            catchUp();
            return market(symbol).entry.cancel(symbol, clientOrderId);
        }
    }

    @Override
    public int cancelOrders(String symbol, Collection<String> clientOrderIds) {
        faults.check(venue, Operation.CANCEL);
        synchronized (this) {
            catchUp();
            int n = 0;
            for (String id : clientOrderIds) {
                if (market(symbol).entry.cancel(symbol, id) == CancelResult.CANCELLED) {
                    n++;
                }
            }
            return n;
        }
    }

    @Override
    public int cancelAll(String symbol) {
        faults.check(venue, Operation.CANCEL);
        synchronized (this) {
            catchUp();
            OrderEntry entry = market(symbol).entry;
            int n = 0;
            for (OpenOrder o : entry.openOrders()) {
                if (entry.cancel(symbol, o.clientOrderId()) == CancelResult.CANCELLED) {
                    n++;
                }
            }
            return n;
        }
    }

    @Override
    public List<OpenOrder> openOrders(String symbol) {
        faults.check(venue, Operation.OPEN_ORDERS);
        synchronized (this) {
            catchUp();
            return openNow(symbol);
        }
    }

    @Override
    public synchronized List<Balance> balances() {
        catchUp();
        Map<String, BigDecimal> free = new TreeMap<>(deposits);
        Map<String, BigDecimal> locked = new TreeMap<>();
        for (SimulatedMarket m : markets.values()) {
            for (Balance b : m.engine.account.balances()) {
                BigDecimal deposited = deposits.getOrDefault(b.asset(), BigDecimal.ZERO);
                free.merge(b.asset(), b.free().subtract(deposited), BigDecimal::add);
                locked.merge(b.asset(), b.locked(), BigDecimal::add);
            }
        }
        List<Balance> out = new ArrayList<>();
        free.forEach((asset, f) -> out.add(new Balance(asset, f, locked.getOrDefault(asset, BigDecimal.ZERO))));
        return out;
    }

    @Override
    public synchronized List<Position> positions() {
        catchUp();
        List<Position> out = new ArrayList<>();
        for (SimulatedMarket m : markets.values()) {
            out.addAll(m.engine.account.positions(m.mark()));
        }
        return out;
    }

    @Override
    public List<Fill> fillsSince(String symbol, Instant since) {
        faults.check(venue, Operation.FILLS);
        synchronized (this) {
            catchUp();
            market(symbol);
            return fills.stream().filter(f -> f.symbol().equals(symbol) && !f.time().isBefore(since)).toList();
        }
    }

    @Override
    public synchronized void setLeverage(String symbol, int value) {
        if (!market(symbol).instrument.isPerpetual()) {
            throw new ExchangeException(venue, symbol + " is not a perpetual market");
        }
        if (value < 1 || value > 100) {
            throw new ExchangeException(venue, "leverage must be 1..100, was " + value);
        }
        leverage.put(symbol, value);
    }

    /** Stops serving orders; fills stay readable. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        listeners.clear();
    }

    // ---------------------------------------------------------------- internals

    private synchronized void catchUp() {
        Instant now = time.now();
        for (SimulatedMarket m : markets.values()) {
            m.replayUntil(now);
            List<ExchangeListener> watching = listeners.get(m.instrument.symbol());
            if (watching != null && watching.stream().anyMatch(ExchangeListener::wantsBookTops)) {
                BookTop top = m.topIfChanged(now);
                if (top != null) {
                    watching.forEach(l -> l.onBookTop(top));
                }
            }
        }
    }

    /** The next moment any market changes anything, or {@code null}: the virtual clock's schedule. */
    private synchronized Instant nextEvent() {
        long next = Long.MAX_VALUE;
        for (SimulatedMarket m : markets.values()) {
            next = Math.min(next, m.engine.nextActivity());
        }
        return next == Long.MAX_VALUE ? null : MatchingEngine.instant(next);
    }

    private SimulatedMarket market(String symbol) {
        SimulatedMarket m = markets.get(symbol);
        if (m == null) {
            throw new ExchangeException(venue, "unknown symbol " + symbol);
        }
        return m;
    }

    private List<OpenOrder> openNow(String symbol) {
        return market(symbol).entry.openOrders().stream().map(this::withVenueId).toList();
    }

    /** Called by the engines under this exchange's lock, on the thread that advanced the market. */
    private void deliver(Fill fill) {
        Fill shown = withVenueIds(fill);
        for (ExchangeListener l : listeners.getOrDefault(fill.symbol(), List.of())) {
            l.onFill(shown);
        }
    }

    private OpenOrder withVenueId(OpenOrder o) {
        String prefix = idPrefixes.get(o.symbol());
        return prefix.isEmpty() ? o : new OpenOrder(prefix + o.orderId(), o.clientOrderId(), o.symbol(), o.side(),
                o.price(), o.quantity(), o.filledQuantity(), o.timeInForce(), o.reduceOnly(), o.createdAt());
    }

    private Fill withVenueIds(Fill f) {
        String prefix = idPrefixes.get(f.symbol());
        return prefix.isEmpty() ? f : new Fill(prefix + f.fillId(), prefix + f.orderId(), f.clientOrderId(),
                f.symbol(), f.side(), f.price(), f.quantity(), f.fee(), f.feeAsset(), f.liquidity(), f.time());
    }

    private void ensureOpen() {
        if (closed) {
            throw new ExchangeException(venue, "simulated exchange is closed");
        }
    }
}
