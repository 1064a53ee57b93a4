package io.mmkit.strategies.support;

import io.mmkit.core.engine.ClientOrderIds;
import io.mmkit.core.engine.EngineSettings;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.WakeSettings;
import io.mmkit.core.model.Fill;
import io.mmkit.core.store.InMemoryTradeStore;
import io.mmkit.core.testing.SimFixtures;
import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.sim.SimulatedExchange;
import io.mmkit.sim.SimulatedExchangeBuilder;
import io.mmkit.sim.feed.MarketFeed;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A deterministic strategy run on virtual time: one simulated exchange fed by a script, an in-memory store,
 * and a context whose duration ends the run by itself. Iterations happen at T0, T0 + interval, ...; feed
 * events at those offsets are processed while the clock advances to them, before that iteration.
 */
public final class SimRun {
    public final SimulatedTimeSource time = new SimulatedTimeSource(SimFixtures.T0);
    public final InMemoryTradeStore store = new InMemoryTradeStore();
    public final SimulatedExchange sim;
    public final Duration interval;
    public final Duration duration;
    private Duration reconcileInterval = Duration.ofSeconds(60);
    private WakeSettings wake = WakeSettings.INTERVAL_ONLY;

    public SimRun(MarketFeed feed, Duration interval, Duration duration) {
        this(feed, interval, duration, b -> b);
    }

    public SimRun(MarketFeed feed, Duration interval, Duration duration,
                  UnaryOperator<SimulatedExchangeBuilder> customize) {
        this.sim = customize.apply(SimFixtures.exchange(time, feed)).build();
        this.interval = interval;
        this.duration = duration;
    }

    /** How often the engine compares tracked orders with the venue's (default 60 s, as live). */
    public SimRun reconcileEvery(Duration every) {
        this.reconcileInterval = every;
        return this;
    }

    /** What else than the interval ends the loop's wait (default: nothing, the interval only). */
    public SimRun wakeOn(WakeSettings settings) {
        this.wake = settings;
        return this;
    }

    public EngineSettings settings() {
        return new EngineSettings("test-instance", interval, duration, Duration.ofSeconds(30), reconcileInterval, 10,
                SimFixtures.fastShutdown(), 1).withWake(wake);
    }

    /** A context trading {@code symbol} on this run's exchange. */
    public MarketMakerContext context(String symbol) {
        return MarketMakerContext.of(settings(), time, store, new ClientOrderIds(SimFixtures.PREFIX, 1), sim, symbol);
    }

    public MarketMakerContext context() {
        return context(SimFixtures.SYMBOL);
    }

    /**
     * Records, at every advance of the clock (so: after each iteration, once the market moved to the next
     * iteration's time), our open orders on {@code symbol} as "id SIDE price".
     */
    public List<List<String>> snapshotsOfOpenOrders(String symbol) {
        List<List<String>> snapshots = new java.util.ArrayList<>();
        time.addListener(now -> snapshots.add(sim.openOrders(symbol).stream()
                .map(o -> o.clientOrderId() + " " + o.side() + " " + o.price().toPlainString()).toList()));
        return snapshots;
    }

    /** Fills on {@code symbol}, in order, as "SIDE qty @ price". */
    public List<String> fills(String symbol) {
        return sim.allFills().stream().filter(f -> f.symbol().equals(symbol)).map(SimRun::describe).toList();
    }

    public static String describe(Fill f) {
        return f.side() + " " + f.quantity().toPlainString() + " @ " + f.price().toPlainString() + " "
                + f.liquidity();
    }
}
