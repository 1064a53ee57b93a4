package io.mmkit.core.sim;

import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.exchange.ExchangeListener;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookLevel;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.CancelResult;
import io.mmkit.core.model.Decimals;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Position;
import io.mmkit.core.model.RejectReason;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import io.mmkit.core.model.Trade;
import io.mmkit.core.sim.FaultPlan.Operation;
import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.core.time.TimeSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A deterministic in-process exchange: the demo's venue and the strategies' test bed. It replays a
 * {@link MarketFeed} up to the time source's "now" before every call (and on every advance of a
 * {@link SimulatedTimeSource}), fills our resting orders by a named {@link FillModel}, charges maker and
 * taker fees, keeps spot balances and perpetual positions, and can be told to fail or hang
 * ({@link #faults()}).
 *
 * <p>Thread-safe: one lock guards the state. Listeners are told of fills on the thread that advanced the
 * market (the caller of a gateway method, or the clock's owner) and must only enqueue. Ids are sequential
 * ({@code S1}, {@code F1}...), so the same feed, orders and time give the same fills.
 */
public final class SimulatedExchange implements ExchangeGateway {
    private final String venue;
    private final TimeSource time;
    private final Map<String, Instrument> instruments;
    private final MarketFeed feed;
    private final FillModel fillModel;
    private final BigDecimal makerFee;
    private final BigDecimal takerFee;
    private final Duration latency;
    private final FaultPlan faults = new FaultPlan();
    private final SimAccount account = new SimAccount();
    private final Map<String, SimOrder> orders = new LinkedHashMap<>();
    private final Map<String, BookTop> tops = new HashMap<>();
    private final List<Fill> fills = new ArrayList<>();
    private final Map<String, List<ExchangeListener>> listeners = new HashMap<>();
    private final Map<String, Integer> leverage = new HashMap<>();
    private long nextOrderId = 1;
    private long nextFillId = 1;
    private boolean closed;

    SimulatedExchange(SimulatedExchangeBuilder b) {
        this.venue = b.venue;
        this.time = b.time;
        this.instruments = Map.copyOf(b.instruments);
        this.feed = b.feed;
        this.fillModel = b.fillModel;
        this.makerFee = b.makerFee;
        this.takerFee = b.takerFee;
        this.latency = b.latency;
        b.deposits.forEach(account::deposit);
        if (time instanceof SimulatedTimeSource sim) {
            sim.addListener(now -> catchUp());
        }
    }

    public static SimulatedExchangeBuilder builder(TimeSource time) {
        return new SimulatedExchangeBuilder(time);
    }

    /** Faults to inject into later calls. */
    public FaultPlan faults() {
        return faults;
    }

    public String fillModel() {
        return fillModel.name();
    }

    /**
     * Puts an order straight on the book as if an earlier run had left it: for orphan-handling tests.
     * No balance is locked.
     */
    public synchronized OpenOrder restExisting(String clientOrderId, String symbol, Side side, BigDecimal price,
                                               BigDecimal quantity) {
        SimOrder o = new SimOrder("S" + nextOrderId++, clientOrderId, symbol, side, price, quantity,
                TimeInForce.GTC, false, time.now(), time.now());
        o.markResting();
        orders.put(clientOrderId, o);
        return o.toOpenOrder();
    }

    /** Credits {@code amount} of {@code asset} to the account (paper trading, tests). */
    public synchronized void deposit(String asset, BigDecimal amount) {
        account.deposit(asset, amount);
    }

    /** Sets a balance outright, as if the account held it already (tests, paper trading). */
    public synchronized void setBalance(String asset, BigDecimal free, BigDecimal locked) {
        account.set(asset, free, locked);
    }

    /** Every fill so far, in order. */
    public synchronized List<Fill> allFills() {
        return List.copyOf(fills);
    }

    /** Our open orders on every symbol. */
    public synchronized List<OpenOrder> allOpenOrders() {
        catchUp();
        return orders.values().stream().map(SimOrder::toOpenOrder).toList();
    }

    /** Charges a funding payment on a perpetual position (positive: we pay). */
    public synchronized void chargeFunding(String symbol, BigDecimal payment) {
        account.applyFunding(symbol, instrument(symbol).quoteAsset(), payment);
    }

    // ---------------------------------------------------------------- the port

    @Override
    public String venue() {
        return venue;
    }

    @Override
    public synchronized Instrument instrument(String symbol) {
        Instrument i = instruments.get(symbol);
        if (i == null) {
            throw new ExchangeException(venue, "unknown symbol " + symbol);
        }
        return i;
    }

    @Override
    public synchronized void subscribe(String symbol, ExchangeListener listener) {
        instrument(symbol);
        listeners.computeIfAbsent(symbol, s -> new CopyOnWriteArrayList<>()).add(listener);
    }

    @Override
    public BookTop bookTop(String symbol) {
        faults.check(venue, Operation.BOOK_TOP);
        synchronized (this) {
            catchUp();
            BookTop top = tops.get(symbol);
            if (top == null) {
                throw new ExchangeException(venue, "no market data yet for " + symbol);
            }
            return top;
        }
    }

    @Override
    public OrderBook orderBook(String symbol, int depth) {
        BookTop top = bookTop(symbol);
        return new OrderBook(symbol, List.of(new BookLevel(top.bidPrice(), top.bidQuantity())),
                List.of(new BookLevel(top.askPrice(), top.askQuantity())), 0, top.time());
    }

    @Override
    public PlaceResult place(OrderRequest request) {
        faults.check(venue, Operation.PLACE);
        PlaceResult result = placeNow(request);
        faults.afterCall(venue, Operation.PLACE);
        return result;
    }

    private PlaceResult placeNow(OrderRequest request) {
        synchronized (this) {
            catchUp();
            ensureOpen();
            Instrument inst = instrument(request.symbol());
            if (orders.containsKey(request.clientOrderId())) {
                return PlaceResult.rejected(request.clientOrderId(), RejectReason.DUPLICATE_CLIENT_ID,
                        "client id in use");
            }
            var invalid = inst.validate(request.price(), request.quantity());
            if (invalid.isPresent()) {
                return PlaceResult.rejected(request.clientOrderId(), invalid.get(), "instrument rules");
            }
            BookTop top = tops.get(request.symbol());
            if (top == null) {
                return PlaceResult.rejected(request.clientOrderId(), RejectReason.OTHER, "no market yet");
            }
            if (request.reduceOnly() && !account.reduces(inst, request.side(), request.quantity())) {
                return PlaceResult.rejected(request.clientOrderId(), RejectReason.REDUCE_ONLY_REJECTED,
                        "would not reduce the position");
            }
            boolean crosses = request.isMarket() || crosses(request.side(), request.price(), top);
            if (crosses && request.timeInForce() == TimeInForce.POST_ONLY) {
                return PlaceResult.rejected(request.clientOrderId(), RejectReason.POST_ONLY_WOULD_CROSS,
                        "would take liquidity");
            }
            if (crosses) {
                return executeTaker(inst, request, top);
            }
            if (request.timeInForce() == TimeInForce.IOC) {
                return PlaceResult.rejected(request.clientOrderId(), RejectReason.NO_LIQUIDITY, "IOC did not cross");
            }
            if (!inst.isPerpetual() && !account.reserve(inst, request.side(), request.price(), request.quantity())) {
                return PlaceResult.rejected(request.clientOrderId(), RejectReason.INSUFFICIENT_FUNDS,
                        "balance too low");
            }
            SimOrder o = new SimOrder("S" + nextOrderId++, request.clientOrderId(), request.symbol(), request.side(),
                    request.price(), request.quantity(), request.timeInForce(), request.reduceOnly(), time.now(),
                    time.now().plus(latency));
            orders.put(request.clientOrderId(), o);
            activateDue(time.now());
            return PlaceResult.accepted(o.toOpenOrder());
        }
    }

    @Override
    public CancelResult cancel(String symbol, String clientOrderId) {
        faults.check(venue, Operation.CANCEL);
        synchronized (this) {
            catchUp();
            SimOrder o = orders.get(clientOrderId);
            if (o == null || !o.symbol().equals(symbol)) {
                return CancelResult.NOT_FOUND;
            }
            remove(o);
            return CancelResult.CANCELLED;
        }
    }

    @Override
    public int cancelOrders(String symbol, Collection<String> clientOrderIds) {
        faults.check(venue, Operation.CANCEL);
        synchronized (this) {
            catchUp();
            int n = 0;
            for (String id : clientOrderIds) {
                SimOrder o = orders.get(id);
                if (o != null && o.symbol().equals(symbol)) {
                    remove(o);
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
            List<SimOrder> mine = orders.values().stream().filter(o -> o.symbol().equals(symbol)).toList();
            mine.forEach(this::remove);
            return mine.size();
        }
    }

    @Override
    public List<OpenOrder> openOrders(String symbol) {
        faults.check(venue, Operation.OPEN_ORDERS);
        synchronized (this) {
            catchUp();
            return orders.values().stream().filter(o -> o.symbol().equals(symbol)).map(SimOrder::toOpenOrder).toList();
        }
    }

    @Override
    public synchronized List<Balance> balances() {
        catchUp();
        return account.balances();
    }

    @Override
    public synchronized List<Position> positions() {
        catchUp();
        Map<String, BigDecimal> marks = new HashMap<>();
        tops.forEach((s, t) -> marks.put(s, t.mid()));
        return account.positions(marks).stream().filter(p -> instrument(p.symbol()).isPerpetual()).toList();
    }

    @Override
    public List<Fill> fillsSince(String symbol, Instant since) {
        faults.check(venue, Operation.FILLS);
        synchronized (this) {
            catchUp();
            return fills.stream().filter(f -> f.symbol().equals(symbol) && !f.time().isBefore(since)).toList();
        }
    }

    @Override
    public synchronized void setLeverage(String symbol, int value) {
        if (!instrument(symbol).isPerpetual()) {
            throw new ExchangeException(venue, symbol + " is not a perpetual market");
        }
        if (value < 1 || value > 100) {
            throw new ExchangeException(venue, "leverage must be 1..100, was " + value);
        }
        leverage.put(symbol, value);
    }

    /** The leverage last set on {@code symbol} (1 if never set). */
    public synchronized int leverage(String symbol) {
        return leverage.getOrDefault(symbol, 1);
    }

    @Override
    public synchronized void close() {
        closed = true;
        listeners.clear();
    }

    // ---------------------------------------------------------------- matching

    /** Replays the feed up to now: moves tops, prints trades, fills resting orders. */
    private synchronized void catchUp() {
        Instant now = time.now();
        MarketEvent e;
        while ((e = feed.poll(now)) != null) {
            activateDue(e.time());
            if (e instanceof MarketEvent.TopChanged t) {
                tops.put(t.symbol(), t.top());
                matchTop(t.top());
                notifyTop(t.top());
            } else if (e instanceof MarketEvent.Printed p) {
                matchTrade(p.trade());
            }
        }
        activateDue(now);
    }

    private void activateDue(Instant at) {
        for (SimOrder o : orders.values()) {
            if (!o.isResting() && !o.activeFrom().isAfter(at)) {
                o.markResting();
                BookTop top = tops.get(o.symbol());
                if (top != null) {
                    fillModel.onRest(o, top);
                }
            }
        }
    }

    private void matchTop(BookTop top) {
        for (SimOrder o : restingOn(top.symbol())) {
            BigDecimal qty = fillModel.onTop(o, top).min(o.remaining());
            if (qty.signum() > 0) {
                makerFill(o, qty, top.time());
            }
        }
    }

    private void matchTrade(Trade trade) {
        for (SimOrder o : restingOn(trade.symbol())) {
            BigDecimal qty = fillModel.onTrade(o, trade).min(o.remaining());
            if (qty.signum() > 0) {
                makerFill(o, qty, trade.time());
            }
        }
    }

    private List<SimOrder> restingOn(String symbol) {
        return orders.values().stream().filter(o -> o.isResting() && o.symbol().equals(symbol)).toList();
    }

    private void makerFill(SimOrder o, BigDecimal qty, Instant at) {
        Instrument inst = instrument(o.symbol());
        o.addFill(qty);
        account.settle(inst, o.side(), o.price(), qty, makerFee, true);
        Fill fill = record(o.orderId(), o.clientOrderId(), inst, o.side(), o.price(), qty, makerFee, Liquidity.MAKER, at);
        if (o.remaining().signum() == 0) {
            orders.remove(o.clientOrderId());
        }
        notifyFill(fill);
    }

    private PlaceResult executeTaker(Instrument inst, OrderRequest request, BookTop top) {
        BigDecimal price = request.side() == Side.BUY ? top.askPrice() : top.bidPrice();
        BigDecimal qty = request.quantity();
        if (!inst.isPerpetual() && !account.canAfford(inst, request.side(), price, qty)) {
            return PlaceResult.rejected(request.clientOrderId(), RejectReason.INSUFFICIENT_FUNDS, "balance too low");
        }
        String orderId = "S" + nextOrderId++;
        account.settle(inst, request.side(), price, qty, takerFee, false);
        Fill fill = record(orderId, request.clientOrderId(), inst, request.side(), price, qty, takerFee,
                Liquidity.TAKER, time.now());
        OpenOrder done = new OpenOrder(orderId, request.clientOrderId(), inst.symbol(), request.side(), price, qty, qty,
                request.timeInForce(), request.reduceOnly(), time.now());
        notifyFill(fill);
        return PlaceResult.accepted(done);
    }

    private Fill record(String orderId, String clientOrderId, Instrument inst, Side side, BigDecimal price,
                        BigDecimal qty, BigDecimal feeRate, Liquidity liquidity, Instant at) {
        BigDecimal fee = Decimals.normalize(price.multiply(qty).multiply(feeRate));
        Fill fill = new Fill("F" + nextFillId++, orderId, clientOrderId, inst.symbol(), side, price, qty, fee,
                inst.quoteAsset(), liquidity, at);
        fills.add(fill);
        return fill;
    }

    private void remove(SimOrder o) {
        orders.remove(o.clientOrderId());
        account.release(instrument(o.symbol()), o.side(), o.price(), o.remaining());
    }

    private static boolean crosses(Side side, BigDecimal price, BookTop top) {
        return side == Side.BUY ? price.compareTo(top.askPrice()) >= 0 : price.compareTo(top.bidPrice()) <= 0;
    }

    private void notifyFill(Fill fill) {
        for (ExchangeListener l : listeners.getOrDefault(fill.symbol(), List.of())) {
            l.onFill(fill);
        }
    }

    private void notifyTop(BookTop top) {
        for (ExchangeListener l : listeners.getOrDefault(top.symbol(), List.of())) {
            l.onBookTop(top);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new ExchangeException(venue, "simulated exchange is closed");
        }
    }
}
