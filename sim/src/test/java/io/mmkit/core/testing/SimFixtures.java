package io.mmkit.core.testing;

import io.mmkit.core.engine.ClientOrderIds;
import io.mmkit.core.engine.EngineSettings;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.ShutdownSettings;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.store.TradeStore;
import io.mmkit.core.time.TimeSource;
import io.mmkit.sim.SimulatedExchange;
import io.mmkit.sim.SimulatedExchangeBuilder;
import io.mmkit.sim.feed.MarketFeed;
import io.mmkit.sim.feed.ScriptedFeed;
import java.time.Duration;
import java.time.Instant;

/** Ready-made instruments, simulated exchanges and contexts for engine and strategy tests. */
public final class SimFixtures {
    public static final Instant T0 = Instant.parse("2024-08-09T00:00:00Z");
    public static final String SYMBOL = "BTC_USDC";
    public static final Instrument BTC_USDC = Instrument.spot(SYMBOL, "BTC", "USDC", "0.01", "0.001");
    public static final String PERP_SYMBOL = "BTC_USDC_PERP";
    public static final Instrument BTC_PERP = Instrument.perpetual(PERP_SYMBOL, "BTC", "USDC", "0.1", "0.001");
    public static final int PREFIX = 42;

    private SimFixtures() {
    }

    /** A market whose top stays at 99.99 / 100.01 from T0 on. */
    public static MarketFeed steadyMarket() {
        return ScriptedFeed.builder(SYMBOL, T0).top("99.99", "100.01").build();
    }

    public static SimulatedExchangeBuilder exchange(TimeSource time, MarketFeed feed) {
        return SimulatedExchange.builder(time).instrument(BTC_USDC).instrument(BTC_PERP).feed(feed)
                .deposit("USDC", "100000").deposit("BTC", "10");
    }

    public static ShutdownSettings fastShutdown() {
        return new ShutdownSettings(Duration.ofMillis(400), Duration.ofMillis(300), Duration.ofMillis(300),
                Duration.ofMillis(1500), Duration.ofMillis(20));
    }

    public static MarketMakerContext context(TimeSource time, TradeStore store, SimulatedExchange sim,
                                             Duration interval) {
        EngineSettings settings = EngineSettings.of("test-instance", interval).withShutdown(fastShutdown());
        return MarketMakerContext.of(settings, time, store, new ClientOrderIds(PREFIX, 1), sim, SYMBOL);
    }
}
