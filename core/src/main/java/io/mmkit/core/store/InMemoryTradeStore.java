package io.mmkit.core.store;

import io.mmkit.core.model.Fill;
import io.mmkit.core.model.OrderRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store that keeps everything in memory: for tests, parameter sweeps and paper runs that need no file.
 * Thread-safe (every method synchronized).
 */
public final class InMemoryTradeStore implements TradeStore {
    /** One order as recorded: its request, venue id and last status. */
    public record StoredOrder(OrderRequest request, String orderId, OrderStatus status, Instant updatedAt,
                              Instant createdAt) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryTradeStore.class);

    private final Map<String, StoredOrder> orders = new LinkedHashMap<>();
    private final Map<String, Fill> fills = new LinkedHashMap<>();
    /** The latest fill time by "venue/symbol": what {@link #lastFillTime} answers without a scan of every fill. */
    private final Map<String, Instant> lastFillTimes = new java.util.HashMap<>();
    private final Map<String, DailyStats> stats = new LinkedHashMap<>();
    private final List<Instant> runStarts = new ArrayList<>();
    private final Map<String, String> description = new LinkedHashMap<>();
    private boolean closed;

    @Override
    public synchronized void orderPlaced(OrderRequest request, String orderId, OrderStatus status, Instant at) {
        ensureOpen();
        StoredOrder before = orders.get(request.clientOrderId());
        orders.put(request.clientOrderId(), new StoredOrder(request, orderId, status, at,
                before == null ? at : before.createdAt()));
    }

    @Override
    public synchronized void orderStatus(String clientOrderId, OrderStatus status, Instant at) {
        ensureOpen();
        StoredOrder o = orders.get(clientOrderId);
        if (o != null) {
            orders.put(clientOrderId, new StoredOrder(o.request(), o.orderId(), status, at, o.createdAt()));
        }
    }

    @Override
    public synchronized boolean fill(String venue, Fill fill) {
        ensureOpen();
        Fill kept = fills.putIfAbsent(venue + "/" + fill.symbol() + "/" + fill.fillId(), fill);
        if (kept == null) {
            lastFillTimes.merge(venue + "/" + fill.symbol(), fill.time(), (a, b) -> b.isAfter(a) ? b : a);
        }
        if (kept != null && !FillComparison.sameContent(kept, fill)) {
            LOG.warn("in-memory store: fill id {} on {} arrived again with different content; kept {}, dropped {}",
                    fill.fillId(), fill.symbol(), kept, fill);
        }
        return kept == null;
    }

    @Override
    public synchronized Optional<Instant> lastFillTime(String venue, String symbol) {
        // Fills stored without a venue count for every venue.
        Instant mine = lastFillTimes.get(venue + "/" + symbol);
        Instant anyVenue = lastFillTimes.get("/" + symbol);
        Instant last = mine == null ? anyVenue : anyVenue == null || mine.isAfter(anyVenue) ? mine : anyVenue;
        return Optional.ofNullable(last);
    }

    @Override
    public synchronized Optional<RecordedOrder> order(String clientOrderId) {
        return Optional.ofNullable(orders.get(clientOrderId)).map(InMemoryTradeStore::recorded);
    }

    @Override
    public synchronized List<RecordedOrder> openOrders(String symbol) {
        List<RecordedOrder> open = new ArrayList<>();
        orders.forEach((id, o) -> {
            if (o.request().symbol().equals(symbol) && o.status().isOpen()) {
                open.add(recorded(o));
            }
        });
        open.sort(java.util.Comparator.comparing(RecordedOrder::createdAt));
        return open;
    }

    private static RecordedOrder recorded(StoredOrder o) {
        OrderRequest r = o.request();
        return new RecordedOrder(r.clientOrderId(), o.orderId(), r.symbol(), r.side(), r.price(), r.quantity(),
                o.status(), o.createdAt());
    }

    @Override
    public synchronized void describeInstance(String key, String value, Instant at) {
        ensureOpen();
        description.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    @Override
    public synchronized Optional<String> instanceDescription(String key) {
        return Optional.ofNullable(description.get(key));
    }

    @Override
    public synchronized Optional<Instant> recordRunStart(Instant at) {
        ensureOpen();
        Optional<Instant> previous = runStarts.isEmpty() ? Optional.empty()
                : Optional.of(runStarts.get(runStarts.size() - 1));
        runStarts.add(at);
        return previous;
    }

    @Override
    public synchronized List<Fill> fills(String symbol, Instant since) {
        return fills.values().stream().filter(f -> f.symbol().equals(symbol) && !f.time().isBefore(since))
                .sorted(java.util.Comparator.comparing(Fill::time)).toList();
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
