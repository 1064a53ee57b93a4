package io.mmkit.core.engine;

import static io.mmkit.core.testing.SimFixtures.SYMBOL;
import static io.mmkit.core.testing.SimFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.model.Side;
import io.mmkit.core.store.InMemoryTradeStore;
import io.mmkit.core.store.OrderStatus;
import io.mmkit.core.testing.FixedSpreadMaker;
import io.mmkit.core.testing.SimFixtures;
import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.sim.SimulatedExchange;
import io.mmkit.sim.feed.ScriptedFeed;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The loop on virtual time: an hour runs in milliseconds, and every figure is exact. */
class MarketMakerSimulatedTimeTest {
    private final SimulatedTimeSource time = new SimulatedTimeSource(T0);
    private final InMemoryTradeStore store = new InMemoryTradeStore();

    private FixedSpreadMaker maker(SimulatedExchange sim, Duration runFor) {
        EngineSettings settings = EngineSettings.of("sim-test", Duration.ofSeconds(1)).withDuration(runFor)
                .withShutdown(SimFixtures.fastShutdown()).withOrderCallParallelism(1);
        return new FixedSpreadMaker(MarketMakerContext.of(settings, time, store, new ClientOrderIds(9, 1), sim, SYMBOL),
                "0.5", "1");
    }

    @Test
    void shouldRunForItsDurationOnVirtualTimeAndKeepUnchangedQuotesInTheQueue() {
        SimulatedExchange sim = SimFixtures.exchange(time, SimFixtures.steadyMarket()).build();
        FixedSpreadMaker maker = maker(sim, Duration.ofHours(1));

        RunResult result = maker.run();

        assertThat(result.clean()).isTrue();
        assertThat(result.stopReason()).isEqualTo("duration reached");
        assertThat(time.now()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(maker.iterations).isEqualTo(3600);
        assertThat(store.orders()).hasSize(2); // placed once, never replaced
        assertThat(store.orders()).extracting(InMemoryTradeStore.StoredOrder::status).containsOnly(OrderStatus.CANCELLED);
        assertThat(sim.allOpenOrders()).isEmpty();
    }

    @Test
    void shouldBookFillsOnceAndRequoteAfterThem() {
        var feed = ScriptedFeed.builder(SYMBOL, T0).top("99.99", "100.01")
                .at(Duration.ofMillis(2500)).trade("99.40", "3", Side.SELL)   // takes our bid at 99.50
                .at(Duration.ofMillis(4500)).trade("100.60", "3", Side.BUY)  // takes our ask at 100.50
                .build();
        SimulatedExchange sim = SimFixtures.exchange(time, feed).fees("0.0002", "0.0005").build();
        FixedSpreadMaker maker = maker(sim, Duration.ofSeconds(10));

        RunResult result = maker.run();

        assertThat(result.clean()).isTrue();
        assertThat(maker.fills).extracting(f -> f.side()).containsExactly(Side.BUY, Side.SELL);
        var ledger = maker.primary().ledger();
        assertThat(ledger.position()).isEqualByComparingTo("0");
        assertThat(ledger.realizedPnl()).isEqualByComparingTo("1.00");               // 100.50 - 99.50
        assertThat(ledger.fees()).isEqualByComparingTo("0.04");                     // (99.5 + 100.5) * 0.0002
        assertThat(ledger.makerVolume()).isEqualByComparingTo("2");
        var stats = store.dailyStats(LocalDate.of(2024, 8, 9), SYMBOL).orElseThrow();
        assertThat(stats.tradeCount()).isEqualTo(2);
        assertThat(stats.realizedPnl()).isEqualByComparingTo("1.00");
        assertThat(stats.fees()).isEqualByComparingTo("0.04");
        assertThat(stats.makerNotional()).isEqualByComparingTo("200");
        // Both filled orders were replaced by fresh quotes: 2 initial + 2 replacements.
        assertThat(store.orders()).hasSize(4);
        assertThat(store.orders()).extracting(InMemoryTradeStore.StoredOrder::status)
                .containsExactly(OrderStatus.FILLED, OrderStatus.FILLED, OrderStatus.CANCELLED, OrderStatus.CANCELLED);
    }

    @Test
    void shouldIgnoreFillsPolledAgainOverRest() {
        var feed = ScriptedFeed.builder(SYMBOL, T0).top("99.99", "100.01")
                .at(Duration.ofMillis(1500)).trade("99.40", "3", Side.SELL).build();
        SimulatedExchange sim = SimFixtures.exchange(time, feed).build();
        EngineSettings settings = new EngineSettings("poll-test", Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(2), Duration.ofSeconds(60), 10, SimFixtures.fastShutdown(), 1);
        FixedSpreadMaker maker = new FixedSpreadMaker(
                MarketMakerContext.of(settings, time, store, new ClientOrderIds(9, 1), sim, SYMBOL), "0.5", "1");

        maker.run();

        assertThat(maker.fills).hasSize(1);
        assertThat(maker.primary().ledger().tradeCount()).isEqualTo(1);
    }

    @Test
    void shouldPullQuotesWhileTheMarketCannotBeReadAndQuoteAgainAfter() {
        SimulatedExchange sim = SimFixtures.exchange(time, SimFixtures.steadyMarket()).build();
        FixedSpreadMaker maker = maker(sim, Duration.ofSeconds(10));
        java.util.List<Integer> restingPerSecond = new java.util.ArrayList<>();
        time.addListener(now -> {
            restingPerSecond.add(sim.allOpenOrders().size());
            if (now.equals(T0.plusSeconds(2))) {
                sim.faults().fail(io.mmkit.sim.FaultPlan.Operation.BOOK_TOP, 3);
            }
        });

        RunResult result = maker.run();

        // Snapshots at t1..t7. Iterations at t2, t3, t4 cannot read the market: quotes pulled after the second
        // failure (t3); t5 reads it again and quotes.
        assertThat(restingPerSecond.subList(0, 7)).containsExactly(2, 2, 2, 0, 0, 2, 2);
        assertThat(result.clean()).isTrue();
        assertThat(sim.allOpenOrders()).isEmpty();
    }

    @Test
    void shouldNotPlaceAQuoteAgainWhileALostPlacementIsUnsettledAndAdoptItOnceTheVenueListsIt() {
        SimulatedExchange sim = SimFixtures.exchange(time, SimFixtures.steadyMarket()).build();
        sim.faults().loseAnswers(io.mmkit.sim.FaultPlan.Operation.PLACE, 1);
        FixedSpreadMaker maker = maker(sim, Duration.ofSeconds(10));
        java.util.List<Long> bidsResting = new java.util.ArrayList<>();
        time.addListener(now -> bidsResting.add(sim.allOpenOrders().stream()
                .filter(o -> o.side() == Side.BUY).count()));

        RunResult result = maker.run();

        // The first bid reached the venue but its answer was lost; it is never placed a second time.
        assertThat(bidsResting).containsOnly(1L);
        assertThat(store.orders()).filteredOn(o -> o.request().side() == Side.BUY).hasSize(1);
        assertThat(store.orders()).as("quoting resumed once settled").anyMatch(o -> o.request().side() == Side.SELL);
        assertThat(result.clean()).isTrue();
        assertThat(sim.allOpenOrders()).isEmpty();
    }
}
