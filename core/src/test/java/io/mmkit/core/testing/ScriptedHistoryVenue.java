package io.mmkit.core.testing;

import io.mmkit.core.engine.ShutdownSettings;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.exchange.ExchangeListener;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.CancelResult;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.OrderState;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Position;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import io.mmkit.core.time.TimeSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A venue whose state a test writes by hand: a fixed book, resting orders, the order records a lookup answers
 * and a fill history. Placements rest (and are recorded); cancels of resting orders succeed. Records every
 * placement, cancel, lookup and fill-history window it was asked for. Thread-safe (synchronized).
 */
public final class ScriptedHistoryVenue implements ExchangeGateway {
    /** Shutdown deadlines short enough for tests against this in-memory venue. */
    public static final ShutdownSettings FAST_SHUTDOWN = new ShutdownSettings(Duration.ofMillis(400),
            Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(1500), Duration.ofMillis(20));

    private final Instrument instrument;
    private final TimeSource time;
    private final BookTop top;
    private final Map<String, OpenOrder> resting = new LinkedHashMap<>();
    private final Map<String, OrderState> records = new LinkedHashMap<>();
    private final List<Fill> history = new ArrayList<>();
    private final Map<Fill, Instant> visibleFrom = new java.util.HashMap<>();
    private final List<OrderRequest> placements = new ArrayList<>();
    private final List<String> cancels = new ArrayList<>();
    private final List<String> lookups = new ArrayList<>();
    private final List<Instant> fillWindows = new ArrayList<>();
    private final java.util.Set<String> fillBeforeCancel = new java.util.HashSet<>();
    private long nextOrderId = 1;
    private long nextFillId = 1;

    public ScriptedHistoryVenue(Instrument instrument, TimeSource time, String bid, String ask) {
        this.instrument = instrument;
        this.time = time;
        this.top = new BookTop(instrument.symbol(), new BigDecimal(bid), BigDecimal.TEN, new BigDecimal(ask),
                BigDecimal.TEN, time.now());
    }

    /** An order of ours resting at the venue (left by an earlier run). */
    public synchronized ScriptedHistoryVenue resting(String clientOrderId, Side side, String price, String quantity,
                                              String filled) {
        OpenOrder o = new OpenOrder("v" + nextOrderId++, clientOrderId, instrument.symbol(), side,
                new BigDecimal(price), new BigDecimal(quantity), new BigDecimal(filled), TimeInForce.POST_ONLY, false,
                time.now());
        resting.put(clientOrderId, o);
        return this;
    }

    /** The record a lookup by {@code clientOrderId} answers for an order that no longer rests. */
    public synchronized ScriptedHistoryVenue record(String clientOrderId, OrderState.Status status, String quantity,
                                             String filled) {
        records.put(clientOrderId, new OrderState(clientOrderId, "v" + nextOrderId++, status, new BigDecimal(quantity),
                new BigDecimal(filled)));
        return this;
    }

    /** The cancel of this resting order loses a race: the order fills first, and the cancel finds nothing. */
    public synchronized ScriptedHistoryVenue fillsBeforeItsCancel(String clientOrderId) {
        fillBeforeCancel.add(clientOrderId);
        return this;
    }

    /** A maker fill of one of our orders, in the venue's fill history. */
    public synchronized Fill filled(String clientOrderId, Side side, String price, String quantity, Instant at) {
        Fill f = new Fill("t" + nextFillId++, "v-" + clientOrderId, clientOrderId, instrument.symbol(), side,
                new BigDecimal(price), new BigDecimal(quantity), BigDecimal.ZERO, instrument.quoteAsset(),
                Liquidity.MAKER, at);
        history.add(f);
        return f;
    }

    /**
     * A fill the history shows only from {@code shownFrom} on, though it happened at {@code at}: a lagging
     * history, or what a poller sees after an outage.
     */
    public synchronized Fill filledLate(String clientOrderId, Side side, String price, String quantity, Instant at,
                                        Instant shownFrom) {
        Fill f = filled(clientOrderId, side, price, quantity, at);
        visibleFrom.put(f, shownFrom);
        return f;
    }

    /**
     * The market trades through a resting order of ours now: it leaves the book, its record says FILLED, and its
     * fill shows in the history from {@code shownFrom} on.
     */
    public synchronized Fill fillResting(String clientOrderId, Instant shownFrom) {
        OpenOrder o = resting.remove(clientOrderId);
        if (o == null) {
            throw new IllegalStateException(clientOrderId + " is not resting");
        }
        records.put(clientOrderId, new OrderState(clientOrderId, o.orderId(), OrderState.Status.FILLED, o.quantity(),
                o.quantity()));
        return filledLate(clientOrderId, o.side(), o.price().toPlainString(), o.remainingQuantity().toPlainString(),
                time.now(), shownFrom);
    }

    public synchronized List<OrderRequest> placements() {
        return List.copyOf(placements);
    }

    public synchronized List<String> cancels() {
        return List.copyOf(cancels);
    }

    public synchronized List<String> lookups() {
        return List.copyOf(lookups);
    }

    /** The {@code since} of every fill-history call, in order. */
    public synchronized List<Instant> fillWindows() {
        return List.copyOf(fillWindows);
    }

    public synchronized List<OpenOrder> restingOrders() {
        return List.copyOf(resting.values());
    }

    @Override
    public String venue() {
        return "scripted";
    }

    @Override
    public Instrument instrument(String symbol) {
        return instrument;
    }

    @Override
    public void subscribe(String symbol, ExchangeListener listener) {
        // Fills come from the history only: no stream.
    }

    @Override
    public BookTop bookTop(String symbol) {
        return top;
    }

    @Override
    public OrderBook orderBook(String symbol, int depth) {
        return new OrderBook(symbol, List.of(), List.of(), 0, time.now());
    }

    @Override
    public synchronized PlaceResult place(OrderRequest request) {
        placements.add(request);
        OpenOrder o = new OpenOrder("v" + nextOrderId++, request.clientOrderId(), request.symbol(), request.side(),
                request.price(), request.quantity(), BigDecimal.ZERO, request.timeInForce(), request.reduceOnly(),
                time.now());
        resting.put(request.clientOrderId(), o);
        return new PlaceResult.Accepted(o);
    }

    @Override
    public synchronized CancelResult cancel(String symbol, String clientOrderId) {
        cancels.add(clientOrderId);
        OpenOrder o = resting.remove(clientOrderId);
        if (o == null) {
            return CancelResult.NOT_FOUND;
        }
        if (fillBeforeCancel.contains(clientOrderId)) {
            records.put(clientOrderId, new OrderState(clientOrderId, o.orderId(), OrderState.Status.FILLED,
                    o.quantity(), o.quantity()));
            return CancelResult.NOT_FOUND;
        }
        records.put(clientOrderId, new OrderState(clientOrderId, o.orderId(), OrderState.Status.CANCELLED,
                o.quantity(), o.filledQuantity()));
        return CancelResult.CANCELLED;
    }

    @Override
    public synchronized int cancelAll(String symbol) {
        int n = resting.size();
        List.copyOf(resting.keySet()).forEach(id -> cancel(symbol, id));
        return n;
    }

    @Override
    public synchronized List<OpenOrder> openOrders(String symbol) {
        return List.copyOf(resting.values());
    }

    @Override
    public synchronized Optional<OrderState> order(String symbol, String clientOrderId) {
        lookups.add(clientOrderId);
        OpenOrder o = resting.get(clientOrderId);
        if (o != null) {
            return Optional.of(OrderState.resting(o));
        }
        return Optional.ofNullable(records.get(clientOrderId));
    }

    @Override
    public List<Balance> balances() {
        return Collections.emptyList();
    }

    @Override
    public List<Position> positions() {
        return Collections.emptyList();
    }

    @Override
    public synchronized List<Fill> fillsSince(String symbol, Instant since) {
        fillWindows.add(since);
        return history.stream().filter(f -> !f.time().isBefore(since))
                .filter(f -> !time.now().isBefore(visibleFrom.getOrDefault(f, Instant.MIN))).toList();
    }

    @Override
    public void close() {
    }
}
