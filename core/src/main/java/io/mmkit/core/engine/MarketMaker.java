package io.mmkit.core.engine;

import io.mmkit.core.engine.MarketMakerContext.MarketSpec;
import io.mmkit.core.engine.RunResult.ShutdownStep;
import io.mmkit.core.exchange.AuthenticationException;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.exchange.ExchangeListener;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.store.TradeStore;
import io.mmkit.core.time.StopLatch;
import io.mmkit.core.time.TimeSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 *             wait on the stop latch for the interval
 *   finally   cancel all own orders and verify none remain; save; close market data; close the store;
 *             shut down the executor — each step under its own deadline, each logged
 * </pre>
 *
 * <p>Threading: {@link #run()} runs on the caller's thread, which is the only thread that ever calls a hook.
 * Venue threads only enqueue. {@link #stop()} may be called from any thread, including a signal handler.
 */
public abstract class MarketMaker {
    private static final Logger LOG = LoggerFactory.getLogger(MarketMaker.class);
    private static final int SHUTDOWN_STEPS = 5;

    private final EngineSettings settings;
    private final TimeSource time;
    private final TradeStore store;
    private final Map<String, Market> markets = new LinkedHashMap<>();
    private final Market primary;
    private final StopLatch stopLatch = new StopLatch();
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final Queue<MarketFill> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger disconnectedStreams = new AtomicInteger();
    private final QuoteReconciler reconciler = new QuoteReconciler();
    private volatile boolean failed;
    private Instant lastFillPoll;
    private Instant lastVenueReconcile;
    private long iteration;

    private record MarketFill(Market market, Fill fill) {
    }

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
        stop(reason);
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Requests stop. Non-blocking, idempotent, thread-safe, no I/O: it records the reason and releases the
     * stop latch, so the loop's wait returns at once. Safe from a signal handler or shutdown hook.
     */
    public final void stop() {
        stop("stop requested");
    }

    private void stop(String reason) {
        stopReason.compareAndSet(null, reason);
        stopLatch.release();
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
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads(settings.instanceId()));
        try {
            if (start()) {
                loop();
            }
        } catch (Throwable e) {
            // Whatever went wrong, the cleanup below must still run: no order may be left behind.
            failed = true;
            stopReason.compareAndSet(null, "failure: " + e);
            LOG.error("[{}] stopping after an unexpected error", settings.instanceId(), e);
        }
        return shutdown(executor);
    }

    private boolean start() {
        LOG.info("[{}] starting: {} market(s), interval {} ms{}", settings.instanceId(), markets.size(),
                settings.interval().toMillis(),
                settings.duration() == null ? "" : ", duration " + settings.duration().toMillis() + " ms");
        try {
            for (Market m : markets.values()) {
                m.load();
                m.gateway().subscribe(m.symbol(), new InboxListener(m));
                LOG.info("[{}] {}: {} on {} (tick {}, step {})", settings.instanceId(), m.name(), m.symbol(),
                        m.venue(), m.instrument().tickSize().toPlainString(),
                        m.instrument().stepSize().toPlainString());
            }
            for (Market m : markets.values()) {
                cancelOrphans(m);
            }
            lastFillPoll = time.now();
            lastVenueReconcile = time.now();
            onStart();
            return true;
        } catch (RuntimeException e) {
            failed = true;
            stopReason.compareAndSet(null, "start failed: " + e.getMessage());
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
        if (!still.isEmpty()) {
            throw new IllegalStateException("orphan orders could not be cancelled: " + still);
        }
    }

    private void loop() {
        Instant end = settings.duration() == null ? null : time.now().plus(settings.duration());
        int consecutiveErrors = 0;
        while (!stopLatch.isReleased()) {
            if (end != null && !time.now().isBefore(end)) {
                stop("duration reached");
                break;
            }
            try {
                iterate();
                consecutiveErrors = 0;
            } catch (AuthenticationException e) {
                requestStop("authentication failed: " + e.getMessage(), true);
                LOG.error("[{}] {}", settings.instanceId(), e.getMessage());
                break;
            } catch (RuntimeException e) {
                consecutiveErrors++;
                LOG.warn("[{}] iteration {} failed ({} in a row): {}", settings.instanceId(), iteration,
                        consecutiveErrors, e.toString());
                if (consecutiveErrors >= settings.maxConsecutiveErrors()) {
                    requestStop(consecutiveErrors + " iterations failed in a row, last: " + e, true);
                    break;
                }
            }
            Duration wait = settings.interval();
            if (end != null) {
                Duration left = Duration.between(time.now(), end);
                wait = left.isNegative() ? Duration.ZERO : (left.compareTo(wait) < 0 ? left : wait);
            }
            try {
                if (time.awaitStop(stopLatch, wait)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop("interrupted");
                break;
            }
        }
        String reason = stopReason.get() == null ? "stop requested" : stopReason.get();
        LOG.info("[{}] loop ended after {} iteration(s): {}", settings.instanceId(), iteration, reason);
        onStop(reason);
    }

    private void iterate() {
        iteration++;
        drainFills();
        pollFillsIfDue();
        reconcileWithVenueIfDue();
        BookTop top = primary.bookTop();
        onIteration(top);
        if (stopLatch.isReleased()) {
            return;
        }
        List<Quote> wanted = quotes(top);
        if (stopLatch.isReleased()) {
            return;
        }
        reconciler.apply(primary, wanted, requoteTolerance(top), this::onRejected);
        drainFills();
        for (Market m : markets.values()) {
            m.saveStats();
        }
        logStatus(top);
    }

    private void drainFills() {
        MarketFill next;
        while ((next = inbox.poll()) != null) {
            if (next.market().book(next.fill())) {
                onFill(next.market(), next.fill());
            }
        }
    }

    /** Books fills that arrived after the loop ended; no hook runs (the strategy thread has finished). */
    private void bookPendingFills() {
        MarketFill next;
        while ((next = inbox.poll()) != null) {
            next.market().book(next.fill());
        }
    }

    private void pollFillsIfDue() {
        Instant now = time.now();
        boolean streamDown = disconnectedStreams.get() > 0;
        if (!streamDown && Duration.between(lastFillPoll, now).compareTo(settings.fillPollInterval()) < 0) {
            return;
        }
        // Overlap the window: the store drops fills it already has.
        Instant since = lastFillPoll.minus(settings.fillPollInterval());
        for (Market m : markets.values()) {
            for (Fill f : m.gateway().fillsSince(m.symbol(), since)) {
                if (m.book(f)) {
                    onFill(m, f);
                }
            }
        }
        lastFillPoll = now;
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

    private void logStatus(BookTop top) {
        var ledger = primary.ledger();
        LOG.info("[{}] #{} bid {} ask {} | resting {} | position {} | realized {} fees {} unrealized {} net {}",
                settings.instanceId(), iteration, top.bidPrice().toPlainString(), top.askPrice().toPlainString(),
                primary.restingOrders().size(), ledger.position().toPlainString(),
                ledger.realizedPnl().toPlainString(), ledger.fees().toPlainString(),
                ledger.unrealizedPnl(top.mid()).toPlainString(), ledger.netPnl(top.mid()).toPlainString());
    }

    // ---------------------------------------------------------------- shutdown

    private RunResult shutdown(ExecutorService executor) {
        boolean wasInterrupted = Thread.interrupted();
        String reason = stopReason.get() == null ? "stop requested" : stopReason.get();
        stopLatch.release();
        ShutdownSettings s = settings.shutdown();
        LOG.info("[{}] shutting down ({}): cancel deadline {} ms, whole {} ms", settings.instanceId(), reason,
                s.cancelTimeout().toMillis(), s.totalTimeout().toMillis());
        ShutdownSequence seq = new ShutdownSequence(executor, System::nanoTime, s.totalTimeout(), SHUTDOWN_STEPS, LOG);
        Set<String> remaining = Collections.synchronizedSet(new java.util.LinkedHashSet<>());
        for (Market m : markets.values()) {
            remaining.addAll(m.possiblyOpenIds());
        }
        ShutdownStep cancel = seq.run("cancel all orders", s.cancelTimeout(), d -> cancelEverything(d, remaining));
        if (cancel.outcome() != ShutdownStep.Outcome.DONE) {
            // The venue did not confirm: whatever we tracked may still rest.
            for (Market m : markets.values()) {
                remaining.addAll(m.possiblyOpenIds());
            }
        }
        seq.run("save data", s.saveTimeout(), d -> {
            bookPendingFills();
            for (Market m : markets.values()) {
                m.saveStats();
            }
            return "statistics saved";
        });
        seq.run("close market data", s.closeTimeout(), d -> {
            for (ExchangeGateway g : distinctGateways()) {
                g.close();
            }
            return distinctGateways().size() + " connection(s) closed";
        });
        seq.run("close store", s.closeTimeout(), d -> {
            store.close();
            return "store closed";
        });
        seq.runHere("shut down executor", d -> {
            executor.shutdownNow();
            Duration wait = d.remaining().compareTo(s.closeTimeout()) < 0 ? d.remaining() : s.closeTimeout();
            boolean done = executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
            return done ? "executor stopped" : "abandoned a hung worker thread";
        });
        List<String> left;
        synchronized (remaining) {
            left = List.copyOf(remaining);
        }
        boolean clean = !failed && left.isEmpty() && cancel.outcome() == ShutdownStep.Outcome.DONE;
        if (left.isEmpty() && cancel.outcome() == ShutdownStep.Outcome.DONE) {
            LOG.info("[{}] shutdown complete in {} ms: no orders remain{}", settings.instanceId(),
                    seq.elapsed().toMillis(), failed ? " (run failed: " + reason + ")" : "");
        } else {
            LOG.error("[{}] shutdown finished in {} ms, but these orders may remain at the venue: {}",
                    settings.instanceId(), seq.elapsed().toMillis(), left);
        }
        if (wasInterrupted) {
            Thread.currentThread().interrupt();
        }
        return new RunResult(clean, reason, left, seq.steps(), seq.elapsed());
    }

    /**
     * Bulk-cancels every order we may have, falls back to one-by-one, then asks the venue until it lists none
     * of ours or the deadline passes. {@code remaining} always holds what is not yet confirmed gone.
     */
    private String cancelEverything(ShutdownSequence.Deadline deadline, Set<String> remaining) throws Exception {
        int rounds = 0;
        int cancelled = 0;
        while (true) {
            rounds++;
            for (Market m : markets.values()) {
                Set<String> ids = m.possiblyOpenIds();
                try {
                    m.cancelAllOf(ids);
                    cancelled += ids.size();
                } catch (RuntimeException bulkFailed) {
                    LOG.warn("[{}] {}: bulk cancel failed ({}), cancelling one by one", settings.instanceId(),
                            m.name(), bulkFailed.getMessage());
                    for (String id : ids) {
                        try {
                            m.cancel(id);
                            cancelled++;
                        } catch (RuntimeException oneFailed) {
                            LOG.warn("[{}] {}: cancel {} failed: {}", settings.instanceId(), m.name(), id,
                                    oneFailed.getMessage());
                        }
                    }
                }
            }
            Set<String> stillOpen = new java.util.LinkedHashSet<>();
            for (Market m : markets.values()) {
                try {
                    m.ownOrdersAtVenue().forEach(o -> stillOpen.add(o.clientOrderId()));
                } catch (RuntimeException queryFailed) {
                    LOG.warn("[{}] {}: open-orders query failed: {}", settings.instanceId(), m.name(),
                            queryFailed.getMessage());
                    stillOpen.addAll(m.possiblyOpenIds());
                    stillOpen.add("<" + m.name() + ": unverified>");
                }
            }
            synchronized (remaining) {
                remaining.clear();
                remaining.addAll(stillOpen);
            }
            if (stillOpen.isEmpty()) {
                markets.values().forEach(Market::markAllCancelled);
                return cancelled + " cancel(s) sent in " + rounds + " round(s), venue lists none of ours";
            }
            if (deadline.passed()) {
                throw new IllegalStateException("still open after " + rounds + " round(s): " + stillOpen);
            }
            LOG.warn("[{}] {} order(s) still open after round {}: {}", settings.instanceId(), stillOpen.size(),
                    rounds, stillOpen);
            Duration pause = settings.shutdown().cancelRetryPause();
            time.pause(pause.compareTo(deadline.remaining()) < 0 ? pause : deadline.remaining());
        }
    }

    private List<ExchangeGateway> distinctGateways() {
        Set<ExchangeGateway> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<ExchangeGateway> out = new ArrayList<>();
        for (Market m : markets.values()) {
            if (seen.add(m.gateway())) {
                out.add(m.gateway());
            }
        }
        return out;
    }

    private static ThreadFactory daemonThreads(String instanceId) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "mm-" + instanceId + "-cleanup-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Venue threads call this: it only enqueues. */
    private final class InboxListener implements ExchangeListener {
        private final Market market;
        private final AtomicBoolean connected = new AtomicBoolean(true);

        InboxListener(Market market) {
            this.market = market;
        }

        @Override
        public void onFill(Fill fill) {
            inbox.add(new MarketFill(market, fill));
        }

        @Override
        public void onConnectionState(boolean up) {
            if (connected.compareAndSet(!up, up)) {
                if (up) {
                    disconnectedStreams.decrementAndGet();
                } else {
                    disconnectedStreams.incrementAndGet();
                }
            }
        }
    }
}
