package io.mmkit.core.engine;

import io.mmkit.core.engine.RunResult.ShutdownStep;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.store.TradeStore;
import io.mmkit.core.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code finally} of a run (DESIGN.md §5): cancel every own order and verify none remain, save, close
 * market data, close the store, shut the executor down — each step under its own deadline on a worker
 * thread, each logged, none able to stop the next. Runs once, on the thread that ran the loop, after the
 * strategy's last hook.
 */
final class Cleanup {
    private static final Logger LOG = LoggerFactory.getLogger(MarketMaker.class);
    private static final int STEPS = 5;

    private final EngineSettings settings;
    private final List<Market> markets;
    private final TradeStore store;
    private final TimeSource time;
    private final FillInbox inbox;
    private final OrderCalls calls;

    Cleanup(EngineSettings settings, Collection<Market> markets, TradeStore store, TimeSource time, FillInbox inbox,
            OrderCalls calls) {
        this.settings = settings;
        this.markets = List.copyOf(markets);
        this.store = store;
        this.time = time;
        this.inbox = inbox;
        this.calls = calls;
    }

    /**
     * @param reason why the loop ended, for the log and the result
     * @param failed whether the run already failed (start, fatal error, kill switch)
     * @param stopNanos {@code System.nanoTime()} when stop was requested: the whole deadline counts from then
     */
    RunResult run(String reason, boolean failed, long stopNanos) {
        boolean wasInterrupted = Thread.interrupted(); // a second signal must not cut the cleanup short
        ShutdownSettings s = settings.shutdown();
        long sinceStop = Math.max(0, System.nanoTime() - stopNanos);
        LOG.info("[{}] shutting down ({}, requested {} ms ago): cancel deadline {} ms, whole {} ms from the request",
                settings.instanceId(), reason, TimeUnit.NANOSECONDS.toMillis(sinceStop), s.cancelTimeout().toMillis(),
                s.totalTimeout().toMillis());
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads(settings.instanceId()));
        ShutdownSequence seq = new ShutdownSequence(executor, System::nanoTime, System.nanoTime() - sinceStop,
                s.totalTimeout(), STEPS, LOG);
        Set<String> remaining = Collections.synchronizedSet(new LinkedHashSet<>());
        markets.forEach(m -> remaining.addAll(m.possiblyOpenIds()));

        OwnOrderSweep sweep = new OwnOrderSweep(settings.instanceId(), markets, s.cancelRetryPause(), time, calls);
        ShutdownStep cancel = seq.run("cancel all orders", s.cancelTimeout(), d -> sweep.run(d, remaining));
        if (cancel.outcome() != ShutdownStep.Outcome.DONE) {
            // The venue did not confirm: whatever we tracked may still rest.
            markets.forEach(m -> remaining.addAll(m.possiblyOpenIds()));
        }
        seq.run("save data", s.saveTimeout(), d -> {
            inbox.drain(Market::book); // fills that arrived after the loop: booked, no hook runs
            markets.forEach(Market::saveStats);
            return "statistics saved";
        });
        seq.run("close market data", s.closeTimeout(), d -> {
            List<ExchangeGateway> gateways = distinctGateways();
            gateways.forEach(ExchangeGateway::close);
            return gateways.size() + " connection(s) closed";
        });
        seq.run("close store", s.closeTimeout(), d -> {
            store.close();
            return "store closed";
        });
        seq.runHere("shut down executor", d -> {
            calls.close();
            executor.shutdownNow();
            Duration wait = d.remaining().compareTo(s.closeTimeout()) < 0 ? d.remaining() : s.closeTimeout();
            boolean done = executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
            return done ? "executor stopped" : "abandoned a hung worker thread";
        });

        List<String> left;
        synchronized (remaining) {
            left = List.copyOf(remaining);
        }
        boolean confirmed = left.isEmpty() && cancel.outcome() == ShutdownStep.Outcome.DONE;
        if (confirmed) {
            LOG.info("[{}] shutdown complete in {} ms: no orders remain{}", settings.instanceId(),
                    seq.elapsed().toMillis(), failed ? " (run failed: " + reason + ")" : "");
        } else if (left.isEmpty()) {
            LOG.error("[{}] shutdown finished in {} ms, but the venue did not confirm it ({}); no order of ours is "
                    + "known to rest", settings.instanceId(), seq.elapsed().toMillis(), cancel.detail());
        } else {
            LOG.error("[{}] shutdown finished in {} ms, but these orders may remain at the venue: {}",
                    settings.instanceId(), seq.elapsed().toMillis(), left);
        }
        if (wasInterrupted) {
            Thread.currentThread().interrupt();
        }
        return new RunResult(confirmed && !failed, reason, left, seq.steps(), seq.elapsed());
    }

    private List<ExchangeGateway> distinctGateways() {
        Set<ExchangeGateway> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<ExchangeGateway> out = new ArrayList<>();
        for (Market m : markets) {
            if (seen.add(m.gateway())) {
                out.add(m.gateway());
            }
        }
        return out;
    }

    private static ThreadFactory daemonThreads(String instanceId) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            // Daemon: a step abandoned at its deadline (a hung socket read) must not keep the JVM alive.
            Thread t = new Thread(r, "mm-" + instanceId + "-cleanup-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
