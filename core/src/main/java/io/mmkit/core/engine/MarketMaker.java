package io.mmkit.core.engine;

import io.mmkit.core.engine.MarketMakerContext.MarketSpec;
import io.mmkit.core.exchange.AuthenticationException;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.store.TradeStore;
import io.mmkit.core.time.StopLatch;
import io.mmkit.core.time.TimeSource;
import io.mmkit.core.time.Wakeup;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The template every strategy extends. The engine owns the loop, the venue I/O, the bookkeeping and the
 * shutdown; a strategy overrides hooks only.
 *
 * <pre>
 * run():
 *   start     load instrument rules, subscribe, cancel orphan orders carrying our prefix, onStart()
 *   loop      drain fills -> onFill(); onIteration(); quotes() -> send only the difference; save stats;
 *             wait on the stop latch for the interval, or (event-driven, {@link WakeSettings}) until a fill
 *             arrives or, no sooner than min_requote_interval, a book the strategy reads moves
 *   finally   cancel all own orders and verify none remain; save; close market data; close the store;
 *             shut down the executor — each step under its own deadline, each logged
 * </pre>
 *
 * <p>Threading: {@link #run()} runs on the caller's thread, which is the only thread that ever calls a hook.
 * Venue threads only enqueue and signal the loop's {@link Wakeup}. {@link #stop()} may be called from any thread, including a signal handler.
 */
public abstract class MarketMaker {
    private static final Logger LOG = LoggerFactory.getLogger(MarketMaker.class);
    /** Failed iterations in a row after which resting quotes are pulled. */
    static final int PULL_QUOTES_AFTER_ERRORS = 2;
    private static final Duration STATUS_EVERY = Duration.ofSeconds(1);
    /** How long a placement whose answer was lost may stay unknown before the venue's record settles it. */
    static final Duration SETTLE_UNKNOWN_AFTER = Duration.ofSeconds(5);
    private static final long NOT_STOPPED = Long.MIN_VALUE;

    private final EngineSettings settings;
    private final TimeSource time;
    private final TradeStore store;
    private final Map<String, Market> markets = new LinkedHashMap<>();
    private final Market primary;
    private final StopLatch stopLatch = new StopLatch();
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    private final AtomicBoolean started = new AtomicBoolean();
    /** Ends the loop's wait early: fills and book moves (venue threads), and stop (via the latch). */
    private final Wakeup wake = new Wakeup(stopLatch);
    private final FillInbox inbox = new FillInbox(wake);
    private final OrderCalls orderCalls;
    private final QuoteReconciler reconciler;
    private final Observers observers = new Observers();
    /** {@code System.nanoTime()} when stop was first requested: the shutdown's deadlines count from then. */
    private final AtomicLong stopRequestedNanos = new AtomicLong(NOT_STOPPED);
    private volatile boolean failed;
    private Instant lastFillPoll;
    private Instant lastVenueReconcile;
    private long iteration;
    private Instant lastStatusAt;

    protected MarketMaker(MarketMakerContext context) {
        this.settings = context.settings();
        this.time = context.time();
        this.store = context.store();
        for (MarketSpec spec : context.markets()) {
            if (markets.containsKey(spec.name())) {
                throw new IllegalArgumentException("two markets named " + spec.name());
            }
            markets.put(spec.name(), new Market(spec.name(), spec.gateway(), spec.symbol(), context.ids(), store, time));
        }
        this.primary = markets.values().iterator().next();
        this.orderCalls = new OrderCalls(settings.instanceId(), settings.orderCallParallelism());
        this.reconciler = new QuoteReconciler(orderCalls, stopLatch::isReleased);
        markets.values().forEach(m -> m.observe(observers));
    }

    // ---------------------------------------------------------------- hooks

    /** After the markets are loaded and orphans cancelled, before the first quote. E.g. set leverage. */
    protected void onStart() {
    }

    /** A new fill of ours, once (duplicates from polling are dropped), already booked in the market's ledger. */
    protected void onFill(Market market, Fill fill) {
    }

    /** Once an iteration, after fills and before quotes: risk checks, hedges, stop-loss. */
    protected void onIteration(BookTop top) {
    }

    /**
     * The orders this strategy wants resting on the primary market now. The engine rounds them, keeps
     * live orders that still match (within {@link #requoteTolerance}), cancels the rest and places what is
     * missing. Return an empty list to rest nothing.
     */
    protected abstract List<Quote> quotes(BookTop top);

    /** How far a live order's price may drift from the wanted price before it is replaced. Default: exact. */
    protected BigDecimal requoteTolerance(BookTop top) {
        return BigDecimal.ZERO;
    }

    /** A quote the venue refused (after the engine's one-tick retreat for a post-only cross). */
    protected void onRejected(Quote quote, PlaceResult.Rejected rejection) {
    }

    /** The loop has ended; cleanup starts next. Called on the strategy thread. Keep it short. */
    protected void onStop(String reason) {
    }

    // ---------------------------------------------------------------- what hooks may use

    /** The market where quotes rest. */
    protected final Market market() {
        return primary;
    }

    /** Another market by the name it was configured with, e.g. {@code hedge}. */
    protected final Market market(String name) {
        Market m = markets.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no market named " + name + "; have " + markets.keySet());
        }
        return m;
    }

    protected final Instant now() {
        return time.now();
    }

    protected final EngineSettings settings() {
        return settings;
    }

    /** Ends the loop from inside a hook (kill switch, stop-loss) and marks the run as failed or not. */
    protected final void requestStop(String reason, boolean failure) {
        if (failure) {
            failed = true;
        }
        stop(reason, failure);
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Registers an observer of this run (metrics, health, alerts). Register before {@link #run()}; events are
     * delivered as {@link EngineObserver} describes.
     */
    public final void addObserver(EngineObserver observer) {
        observers.add(java.util.Objects.requireNonNull(observer, "observer"));
    }

    /** The markets this instance trades, primary first. For observers: read only from the strategy thread. */
    public final List<Market> markets() {
        return List.copyOf(markets.values());
    }

    /**
     * Requests stop. Non-blocking, idempotent, thread-safe, no I/O: it records the reason and releases the
     * stop latch, so the loop's wait returns at once. Safe from a signal handler or shutdown hook.
     */
    public final void stop() {
        stop("stop requested", false);
    }

    private void stop(String reason, boolean failure) {
        stopRequestedNanos.compareAndSet(NOT_STOPPED, System.nanoTime());
        boolean first = stopReason.compareAndSet(null, reason);
        stopLatch.release();
        if (first) {
            observers.onStopRequested(reason, failure);
        }
    }

    /** How many reconciliation plans the loop made (not skipped as unchanged). For tests. */
    final long plansMade() {
        return reconciler.plansMade();
    }

    public final boolean isStopRequested() {
        return stopLatch.isReleased();
    }

    /**
     * Runs the instance until {@link #stop()}, its configured duration, or a fatal error, then cleans up.
     * Blocks the calling thread, which becomes the strategy thread. May be called once.
     *
     * @return how the run ended; {@link RunResult#clean()} is false if any of our orders may remain
     */
    public final RunResult run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("run() may be called once");
        }
        try {
            if (start()) {
                loop();
            }
        } catch (Throwable e) {
            // Whatever went wrong, the cleanup below must still run: no order may be left behind.
            failed = true;
            if (stopReason.compareAndSet(null, "failure: " + e)) {
                observers.onStopRequested("failure: " + e, true);
            }
            LOG.error("[{}] stopping after an unexpected error", settings.instanceId(), e);
        }
        stopRequestedNanos.compareAndSet(NOT_STOPPED, System.nanoTime());
        stopLatch.release();
        String reason = stopReason.get() == null ? "stop requested" : stopReason.get();
        RunResult result = new Cleanup(settings, markets.values(), store, time, inbox, orderCalls)
                .run(reason, failed, stopRequestedNanos.get());
        result.steps().forEach(observers::onShutdownStep);
        observers.onRunEnded(result);
        return result;
    }

    private boolean start() {
        LOG.info("[{}] starting: {} market(s), interval {} ms, wake on {}{}", settings.instanceId(), markets.size(),
                settings.interval().toMillis(), settings.wake().describe(),
                settings.duration() == null ? "" : ", duration " + settings.duration().toMillis() + " ms");
        try {
            for (Market m : markets.values()) {
                m.load();
                BookWatch watch = new BookWatch(wake, m.instrument().tickSize(), settings.wake());
                m.watchBook(watch);
                m.gateway().subscribe(m.symbol(), inbox.listenerFor(m, watch));
                LOG.info("[{}] {}: {} on {} (tick {}, step {})", settings.instanceId(), m.name(), m.symbol(),
                        m.venue(), m.instrument().tickSize().toPlainString(),
                        m.instrument().stepSize().toPlainString());
            }
            new RestartRecovery(settings, store, time, inbox).run(markets.values());
            for (Market m : markets.values()) {
                cancelOrphans(m);
            }
            lastFillPoll = time.now();
            lastVenueReconcile = time.now();
            onStart();
            observers.onStarted(this);
            return true;
        } catch (RuntimeException e) {
            failed = true;
            if (stopReason.compareAndSet(null, "start failed: " + e.getMessage())) {
                observers.onStopRequested("start failed: " + e.getMessage(), true);
            }
            LOG.error("[{}] start failed: {}", settings.instanceId(), e.getMessage(), e);
            return false;
        }
    }

    private void cancelOrphans(Market m) {
        List<String> orphans = m.ownOrdersAtVenue().stream().map(o -> o.clientOrderId()).toList();
        if (orphans.isEmpty()) {
            return;
        }
        LOG.warn("[{}] {}: cancelling {} orphan order(s) left by an earlier run: {}", settings.instanceId(),
                m.name(), orphans.size(), orphans);
        m.cancelAllOf(orphans);
        List<String> still = m.ownOrdersAtVenue().stream().map(o -> o.clientOrderId()).toList();
        m.confirmAgainst(still);
        if (!still.isEmpty()) {
            throw new IllegalStateException("orphan orders could not be cancelled: " + still);
        }
    }

    private void loop() {
        Instant end = settings.duration() == null ? null : time.now().plus(settings.duration());
        int consecutiveErrors = 0;
        while (!stopLatch.isReleased()) {
            if (end != null && !time.now().isBefore(end)) {
                stop("duration reached", false);
                break;
            }
            try {
                long began = System.nanoTime();
                BookTop top = iterate();
                consecutiveErrors = 0;
                if (top != null) {
                    observers.onIteration(iteration, System.nanoTime() - began, top);
                }
            } catch (AuthenticationException e) {
                requestStop("authentication failed: " + e.getMessage(), true);
                LOG.error("[{}] {}", settings.instanceId(), e.getMessage());
                break;
            } catch (RuntimeException e) {
                consecutiveErrors++;
                observers.onIterationFailed(iteration, consecutiveErrors, e);
                LOG.warn("[{}] iteration {} failed ({} in a row): {}", settings.instanceId(), iteration,
                        consecutiveErrors, e.toString());
                if (consecutiveErrors >= settings.maxConsecutiveErrors()) {
                    requestStop(consecutiveErrors + " iterations failed in a row, last: " + e, true);
                    break;
                }
                if (consecutiveErrors == PULL_QUOTES_AFTER_ERRORS) {
                    pullQuotes();
                }
            }
            try {
                if (awaitNextIteration(end)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop("interrupted", false);
                break;
            }
        }
        String reason = stopReason.get() == null ? "stop requested" : stopReason.get();
        LOG.info("[{}] loop ended after {} iteration(s): {}", settings.instanceId(), iteration, reason);
        onStop(reason);
    }

    /**
     * Waits for the next iteration: at most the interval (or what is left of the duration). Event-driven, a fill
     * ends the wait at once and a book move once {@code min_requote_interval} has passed; stop always at once.
     *
     * @return true when stop was requested
     */
    private boolean awaitNextIteration(Instant end) throws InterruptedException {
        Duration longest = settings.interval();
        if (end != null) {
            Duration left = Duration.between(time.now(), end);
            longest = left.isNegative() ? Duration.ZERO : (left.compareTo(longest) < 0 ? left : longest);
        }
        WakeSettings w = settings.wake();
        if (!w.eventDriven()) {
            return time.awaitStop(stopLatch, longest);
        }
        Instant began = time.now();
        Duration shortest = w.minRequoteInterval().compareTo(longest) < 0 ? w.minRequoteInterval() : longest;
        int urgent = w.onFills() ? Wakeup.FILL : 0;
        if (time.awaitWake(stopLatch, wake, urgent, shortest)) {
            return true;
        }
        if (wake.isPending(w.wakeOn())) {
            return false;
        }
        Duration rest = longest.minus(Duration.between(began, time.now()));
        return !rest.isNegative() && !rest.isZero() && time.awaitWake(stopLatch, wake, w.wakeOn(), rest);
    }

    /**
     * Quotes priced on a market we can no longer read (stale or unreachable data) must not keep resting:
     * cancel them, best effort, and let the next good iteration place fresh ones.
     */
    private void pullQuotes() {
        for (Market m : markets.values()) {
            List<String> ids = m.restingOrders().stream().map(o -> o.clientOrderId()).toList();
            if (ids.isEmpty()) {
                continue;
            }
            LOG.warn("[{}] {}: pulling {} quote(s) until the market can be read again", settings.instanceId(),
                    m.name(), ids.size());
            try {
                m.cancelAllOf(ids);
            } catch (RuntimeException e) {
                LOG.warn("[{}] {}: pulling quotes failed: {}", settings.instanceId(), m.name(), e.getMessage());
            }
        }
    }

    /** One pass of the loop; the book top it quoted against, or null when stop cut it short. */
    private BookTop iterate() {
        iteration++;
        // What woke us is handled now: fills are drained next and the book is read below.
        wake.drain();
        drainFills();
        pollFillsIfDue();
        if (stopLatch.isReleased()) {
            return null;
        }
        reconcileWithVenueIfDue();
        if (stopLatch.isReleased()) {
            return null;
        }
        BookTop top = primary.bookTop();
        onIteration(top);
        if (stopLatch.isReleased()) {
            return null;
        }
        long deciding = System.nanoTime();
        List<Quote> wanted = quotes(top);
        observers.onQuotesDecided(System.nanoTime() - deciding, wanted.size());
        if (stopLatch.isReleased()) {
            return null;
        }
        reconciler.apply(primary, wanted, requoteTolerance(top), this::onRejected);
        drainFills();
        for (Market m : markets.values()) {
            m.saveStats();
        }
        logStatus(top);
        return top;
    }

    private void drainFills() {
        inbox.drain((market, fill) -> {
            if (market.book(fill)) {
                onFill(market, fill);
            }
        });
    }

    private void pollFillsIfDue() {
        Instant now = time.now();
        boolean streamDown = inbox.anyStreamDown();
        boolean unsettled = false;
        for (Market m : markets.values()) {
            unsettled |= m.hasUnsettledPlacements();
        }
        if (!streamDown && !unsettled
                && Duration.between(lastFillPoll, now).compareTo(settings.fillPollInterval()) < 0) {
            return;
        }
        // Overlap the window: the store drops fills it already has.
        Instant since = lastFillPoll.minus(settings.fillPollInterval());
        for (Market m : markets.values()) {
            for (Fill f : m.gateway().fillsSince(m.symbol(), FillPollWindow.since(store, m, since))) {
                if (m.book(f)) {
                    onFill(m, f);
                }
            }
        }
        lastFillPoll = now;
        if (unsettled) {
            // Fills are booked now: what is still unknown either rests at the venue or never traded.
            markets.values().forEach(m -> m.settleUnknown(SETTLE_UNKNOWN_AFTER));
        }
    }

    private void reconcileWithVenueIfDue() {
        Instant now = time.now();
        if (Duration.between(lastVenueReconcile, now).compareTo(settings.reconcileInterval()) < 0) {
            return;
        }
        drainFills();
        for (Market m : markets.values()) {
            m.reconcileWithVenue();
        }
        lastVenueReconcile = now;
    }

    /**
     * At most one status line a second (and the first), so a fast loop does not flood the log; nothing is built
     * when the line would not be logged.
     */
    private void logStatus(BookTop top) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Instant now = time.now();
        if (lastStatusAt != null && Duration.between(lastStatusAt, now).compareTo(STATUS_EVERY) < 0) {
            return;
        }
        lastStatusAt = now;
        var ledger = primary.ledger();
        LOG.info("[{}] #{} bid {} ask {} | resting {} | position {} | realized {} fees {} unrealized {} net {}",
                settings.instanceId(), iteration, top.bidPrice().toPlainString(), top.askPrice().toPlainString(),
                primary.restingOrders().size(), ledger.position().toPlainString(),
                ledger.realizedPnl().toPlainString(), ledger.fees().toPlainString(),
                ledger.unrealizedPnl(top.mid()).toPlainString(), ledger.netPnl(top.mid()).toPlainString());
    }
}
