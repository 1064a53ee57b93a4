package io.mmkit.run.ops;

import io.mmkit.core.engine.EngineObserver;
import io.mmkit.core.engine.Market;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.RunResult;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.Side;
import io.mmkit.core.store.TradeStore;
import io.mmkit.core.time.TimeSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Keeps the {@link LiveStatus} a bot's endpoint serves. Engine events arrive on the strategy thread (and, during
 * shutdown, a cleanup worker); each builds a new immutable snapshot and publishes it through one atomic
 * reference, which the HTTP threads only read. The little mutable state it keeps between events (recent fills,
 * the chart history) is confined to its synchronized methods.
 */
public final class StatusPublisher implements EngineObserver {
    static final int RECENT_FILLS = 20;
    static final int HISTORY_POINTS = 900;

    private final TimeSource time;
    private final LongSupplier nanoClock;
    private final TradeStore store;
    private final AtomicReference<LiveStatus> current;
    private final long createdNanos;
    private volatile long lastIterationNanos;
    private volatile boolean started;
    private Market primary;
    private final Deque<LiveStatus.FillView> recent = new ArrayDeque<>();
    private final Deque<LiveStatus.Point> history = new ArrayDeque<>();
    private LocalDate day;
    private long fillsToday;
    private String lastError;
    private String lastErrorAt;

    /**
     * @param time wall time for the timestamps shown
     * @param nanoClock monotonic time for the liveness check ({@code System::nanoTime} live)
     * @param store where today's earlier fills are counted from at start
     */
    public StatusPublisher(String instanceId, String strategy, String venue, String symbol, TimeSource time,
                           LongSupplier nanoClock, TradeStore store) {
        this.time = time;
        this.nanoClock = nanoClock;
        this.store = store;
        this.createdNanos = nanoClock.getAsLong();
        this.lastIterationNanos = createdNanos;
        this.current = new AtomicReference<>(LiveStatus.starting(instanceId, strategy, venue, symbol,
                time.now().toString()));
    }

    /** The latest snapshot. Any thread; never blocks. */
    public LiveStatus current() {
        return current.get();
    }

    /** Whether the loop has started quoting (markets loaded, recovery done). */
    public boolean started() {
        return started;
    }

    /** Monotonic nanos of the last completed iteration, or of this publisher's creation before the first. */
    public long lastIterationNanos() {
        return lastIterationNanos;
    }

    long createdNanos() {
        return createdNanos;
    }

    @Override
    public synchronized void onStarted(MarketMaker maker) {
        primary = maker.markets().get(0);
        Instant now = time.now();
        day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Fill> earlier = store.fills(primary.symbol(), day.atStartOfDay(ZoneOffset.UTC).toInstant());
        fillsToday = earlier.size();
        earlier.stream().skip(Math.max(0, earlier.size() - RECENT_FILLS)).forEach(this::remember);
        lastIterationNanos = nanoClock.getAsLong();
        started = true;
        current.updateAndGet(s -> s.withState(LiveStatus.State.RUNNING, now.toString()));
    }

    @Override
    public synchronized void onIteration(long iteration, long tookNanos, BookTop top) {
        lastIterationNanos = nanoClock.getAsLong();
        if (primary == null) {
            return;
        }
        Instant now = time.now();
        rollDay(now);
        var ledger = primary.ledger();
        BigDecimal mid = top.mid();
        BigDecimal net = ledger.netPnl(mid);
        double t = now.toEpochMilli() / 1000.0;
        if (history.isEmpty() || t - history.peekLast().t() >= 1.0) {
            history.addLast(new LiveStatus.Point(t, net, ledger.position()));
            while (history.size() > HISTORY_POINTS) {
                history.removeFirst();
            }
        }
        List<LiveStatus.OrderView> orders = orders(primary.restingOrders(), top);
        List<LiveStatus.FillView> fills = List.copyOf(recent);
        List<LiveStatus.Point> points = List.copyOf(history);
        long today = fillsToday;
        String error = lastError;
        String errorAt = lastErrorAt;
        current.updateAndGet(s -> new LiveStatus(s.instanceId(), s.strategy(), s.venue(), s.symbol(),
                s.state() == LiveStatus.State.STARTING ? LiveStatus.State.RUNNING : s.state(), s.startedAt(),
                now.toString(), iteration, top.bidPrice(), top.askPrice(), ledger.position(), ledger.realizedPnl(),
                ledger.unrealizedPnl(mid), net, ledger.fees(), orders, today, fills, error, errorAt, s.stopReason(),
                s.exitCode(), s.ordersMaybeRemaining(), points));
    }

    @Override
    public synchronized void onIterationFailed(long iteration, int inARow, RuntimeException error) {
        lastError = "iteration " + iteration + " failed (" + inARow + " in a row): " + error;
        lastErrorAt = time.now().toString();
        String e = lastError;
        String at = lastErrorAt;
        current.updateAndGet(s -> s.withError(e, at));
    }

    @Override
    public synchronized void onFill(String market, Fill fill) {
        if (!started || primary == null || !market.equals(primary.name())) {
            return; // fills booked during recovery are already in the store's count
        }
        rollDay(time.now());
        fillsToday++;
        remember(fill);
    }

    @Override
    public void onStopRequested(String reason, boolean failure) {
        String at = time.now().toString();
        current.updateAndGet(s -> s.stopping(reason, at));
    }

    @Override
    public synchronized void onRunEnded(RunResult result) {
        String at = time.now().toString();
        List<LiveStatus.OrderView> open = primary == null ? List.of() : orders(primary.restingOrders(), null);
        if (!result.clean() && lastError == null) {
            lastError = result.stopReason();
            lastErrorAt = at;
        }
        String error = lastError;
        String errorAt = lastErrorAt;
        current.updateAndGet(s -> s.withError(error, errorAt).ended(result.stopReason(), result.exitCode(),
                result.ordersMaybeRemaining(), open, at));
    }

    private void rollDay(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (day != null && !today.equals(day)) {
            fillsToday = 0;
        }
        day = today;
    }

    private void remember(Fill f) {
        recent.addLast(new LiveStatus.FillView(f.time().toString(), f.side().name(), f.price(), f.quantity(), f.fee(),
                f.feeAsset(), f.liquidity() == null ? null : f.liquidity().name()));
        while (recent.size() > RECENT_FILLS) {
            recent.removeFirst();
        }
    }

    static List<LiveStatus.OrderView> orders(List<OpenOrder> resting, BookTop top) {
        List<LiveStatus.OrderView> views = new ArrayList<>(resting.size());
        for (OpenOrder o : resting) {
            BigDecimal distance = null;
            if (top != null) {
                distance = o.side() == Side.BUY ? top.bidPrice().subtract(o.price()) : o.price().subtract(top.askPrice());
            }
            views.add(new LiveStatus.OrderView(o.clientOrderId(), o.side().name(), o.price(), o.quantity(),
                    o.filledQuantity(), distance));
        }
        views.sort((a, b) -> b.price().compareTo(a.price()));
        return views;
    }
}
