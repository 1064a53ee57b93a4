package io.mmkit.core.testing;

import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.exchange.ExchangeListener;
import io.mmkit.core.exchange.TransportException;
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
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A venue double for engine tests, scripted per call: a fixed book, an order book of what was placed, and
 * switches for the hostile behaviours a real venue shows: placements held until a gate opens, one order whose
 * cancel never returns (until the calling thread is interrupted), one whose cancel is answered but which stays
 * open, and a venue that cannot be reached at all. Thread-safe; counts every call it receives.
 */
public final class ScriptedGateway implements ExchangeGateway {
    public static final String SYMBOL = "SOL_USDC";
    private static final Instrument SOL = Instrument.spot(SYMBOL, "SOL", "USDC", "0.01", "0.01");

    private final Map<String, OpenOrder> open = new LinkedHashMap<>();
    private final Set<String> cancelHangs = ConcurrentHashMap.newKeySet();
    private final Set<String> cancelIgnored = ConcurrentHashMap.newKeySet();
    private final AtomicInteger placementsArrived = new AtomicInteger();
    private final AtomicInteger cancelsArrived = new AtomicInteger();
    private final AtomicInteger listings = new AtomicInteger();
    private volatile CountDownLatch placementGate = new CountDownLatch(0);
    private volatile boolean unreachable;

    /** From now on every placement waits (after being counted as arrived) until {@link #openPlacementGate}. */
    public void holdPlacements() {
        placementGate = new CountDownLatch(1);
    }

    public void openPlacementGate() {
        placementGate.countDown();
    }

    /** A cancel of {@code clientOrderId} blocks until the calling thread is interrupted. */
    public void hangCancelOf(String clientOrderId) {
        cancelHangs.add(clientOrderId);
    }

    /** A cancel of {@code clientOrderId} answers CANCELLED, but the order stays open. */
    public void ignoreCancelOf(String clientOrderId) {
        cancelIgnored.add(clientOrderId);
    }

    /** Every call fails as a connection refused would. */
    public void unreachable() {
        unreachable = true;
    }

    public int placementsArrived() {
        return placementsArrived.get();
    }

    public int cancelsArrived() {
        return cancelsArrived.get();
    }

    public int listings() {
        return listings.get();
    }

    public synchronized List<String> openIds() {
        return List.copyOf(open.keySet());
    }

    @Override
    public String venue() {
        return "scripted";
    }

    @Override
    public Instrument instrument(String symbol) {
        reachable();
        return SOL;
    }

    @Override
    public void subscribe(String symbol, ExchangeListener listener) {
        reachable();
    }

    @Override
    public BookTop bookTop(String symbol) {
        reachable();
        return new BookTop(symbol, new BigDecimal("150.00"), BigDecimal.TEN, new BigDecimal("150.10"), BigDecimal.TEN,
                Instant.EPOCH);
    }

    @Override
    public OrderBook orderBook(String symbol, int depth) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public PlaceResult place(OrderRequest request) {
        reachable();
        placementsArrived.incrementAndGet();
        try {
            placementGate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(venue(), "place " + request.clientOrderId() + ": interrupted", e);
        }
        OpenOrder order = new OpenOrder("v" + request.clientOrderId(), request.clientOrderId(), request.symbol(),
                request.side(), request.price(), request.quantity(), BigDecimal.ZERO, request.timeInForce(),
                request.reduceOnly(), Instant.EPOCH);
        synchronized (this) {
            open.put(request.clientOrderId(), order);
        }
        return new PlaceResult.Accepted(order);
    }

    @Override
    public CancelResult cancel(String symbol, String clientOrderId) {
        reachable();
        cancelsArrived.incrementAndGet();
        if (cancelHangs.contains(clientOrderId)) {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException(venue(), "cancel " + clientOrderId + ": interrupted", e);
            }
        }
        if (cancelIgnored.contains(clientOrderId)) {
            return CancelResult.CANCELLED;
        }
        synchronized (this) {
            return open.remove(clientOrderId) != null ? CancelResult.CANCELLED : CancelResult.NOT_FOUND;
        }
    }

    @Override
    public int cancelAll(String symbol) {
        throw new UnsupportedOperationException("the engine cancels only its own orders");
    }

    @Override
    public List<OpenOrder> openOrders(String symbol) {
        reachable();
        listings.incrementAndGet();
        synchronized (this) {
            return new ArrayList<>(open.values());
        }
    }

    @Override
    public List<Balance> balances() {
        return List.of();
    }

    @Override
    public List<Position> positions() {
        return List.of();
    }

    @Override
    public List<Fill> fillsSince(String symbol, Instant since) {
        reachable();
        return List.of();
    }

    @Override
    public void close() {
    }

    private void reachable() {
        if (unreachable) {
            throw new TransportException(venue(), "connect to 127.0.0.1:9 failed: connection refused");
        }
    }
}
