package io.mmkit.core.store;

import io.mmkit.core.model.Fill;
import io.mmkit.core.model.OrderRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A store that keeps everything in memory: for tests, parameter sweeps and paper runs that need no file.
 * Thread-safe (every method synchronized).
 */
public final class InMemoryTradeStore implements TradeStore {
    /** One order as recorded: its request, venue id and last status. */
    public record StoredOrder(OrderRequest request, String orderId, OrderStatus status, Instant updatedAt) {
    }

    private final Map<String, StoredOrder> orders = new LinkedHashMap<>();
    private final Map<String, Fill> fills = new LinkedHashMap<>();
    private final Map<String, DailyStats> stats = new LinkedHashMap<>();
    private boolean closed;

    @Override
    public synchronized void orderPlaced(OrderRequest request, String orderId, OrderStatus status, Instant at) {
        ensureOpen();
        orders.put(request.clientOrderId(), new StoredOrder(request, orderId, status, at));
    }

    @Override
    public synchronized void orderStatus(String clientOrderId, OrderStatus status, Instant at) {
        ensureOpen();
        StoredOrder o = orders.get(clientOrderId);
        if (o != null) {
            orders.put(clientOrderId, new StoredOrder(o.request(), o.orderId(), status, at));
        }
    }

    @Override
    public synchronized boolean fill(Fill fill) {
        ensureOpen();
        return fills.putIfAbsent(fill.symbol() + "/" + fill.fillId(), fill) == null;
    }

    @Override
    public synchronized List<Fill> fills(String symbol, Instant since) {
        return fills.values().stream().filter(f -> f.symbol().equals(symbol) && !f.time().isBefore(since)).toList();
    }

    @Override
    public synchronized Optional<DailyStats> dailyStats(LocalDate day, String symbol) {
        return Optional.ofNullable(stats.get(day + "/" + symbol));
    }

    @Override
    public synchronized void saveDailyStats(DailyStats s) {
        ensureOpen();
        stats.put(s.day() + "/" + s.symbol(), s);
    }

    @Override
    public synchronized List<String> openOrderIds(String symbol) {
        List<String> open = new ArrayList<>();
        orders.forEach((id, o) -> {
            if (o.request().symbol().equals(symbol) && o.status().isOpen()) {
                open.add(id);
            }
        });
        return open;
    }

    /** Every order recorded, in placement order. */
    public synchronized List<StoredOrder> orders() {
        return List.copyOf(orders.values());
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
    }
}
