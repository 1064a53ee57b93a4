package io.mmkit.strategies.hedge;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.RunResult;
import io.mmkit.core.engine.WakeSettings;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Side;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.core.testing.SimFixtures;
import io.mmkit.sim.FaultPlan;
import io.mmkit.sim.SimulatedExchange;
import io.mmkit.sim.feed.ScriptedFeed;
import io.mmkit.strategies.support.SimRun;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MakerTakerHedgeStrategyTest {
    private static final String SPOT = SimFixtures.SYMBOL;
    private static final String HEDGE_PERP = "BTC_PERP";
    /** A perpetual with a coarser lot (0.01) than the spot market (0.001). */
    private static final Instrument COARSE_PERP = Instrument.perpetual(HEDGE_PERP, "BTC", "USDC", "0.1", "0.01");

    private static Duration s(int seconds) {
        return Duration.ofSeconds(seconds);
    }

    private static HedgeParams params(Map<String, Object> extra) {
        Map<String, Object> m = new HashMap<>(Map.of("base_spread_percentage", "0.1", "order_quantity", "0.1"));
        m.putAll(extra);
        return HedgeParams.read(StrategyParams.of(m));
    }

    /** A strategy that records its net delta at the end of every iteration's hedging. */
    static final class Probed extends MakerTakerHedgeStrategy {
        final List<BigDecimal> deltaAfterIteration = new ArrayList<>();

        Probed(MarketMakerContext context, HedgeParams params) {
            super(context, params, RiskLimits.NONE);
        }

        @Override
        protected List<io.mmkit.core.engine.Quote> quotes(io.mmkit.core.model.BookTop top) {
            deltaAfterIteration.add(netDelta());
            return super.quotes(top);
        }
    }

    private static SimulatedExchange hedgeVenue(SimRun run, ScriptedFeed feed) {
        return SimulatedExchange.builder(run.time).venue("hedge-venue").instrument(COARSE_PERP).feed(feed)
                .deposit("USDC", "100000").build();
    }

    private static ScriptedFeed perpFeed() {
        return ScriptedFeed.builder(HEDGE_PERP, SimFixtures.T0).top("99.9", "100.1").build();
    }

    @Test
    void shouldReturnToTheReferenceWithinOneIterationOnTheSameMarket() {
        ScriptedFeed feed = ScriptedFeed.builder(SPOT, SimFixtures.T0)
                .at(s(0)).top("99.99", "100.01")                 // bid 99.99 × 0.999 = 99.89, ask 100.12
                .at(s(1)).trade("99.89", "1", Side.SELL)         // our bid fills
                .build();
        SimRun run = new SimRun(feed, s(1), s(3), b -> b.fees("0", "0.001"));
        Probed strategy = new Probed(run.context(), params(Map.of()));

        RunResult result = strategy.run();

        assertThat(result.clean()).isTrue();
        assertThat(run.fills(SPOT)).containsExactly("BUY 0.1 @ 99.89 MAKER", "SELL 0.1 @ 99.99 TAKER");
        List<Fill> fills = run.sim.allFills();
        assertThat(fills.get(1).time()).isEqualTo(fills.get(0).time());
        assertThat(strategy.deltaAfterIteration).containsExactly(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        // edge 0.1 × 0.1 = 0.01, minus the taker fee 99.99 × 0.1 × 0.001 = 0.009999
        BigDecimal net = run.store.fills(SPOT, SimFixtures.T0).stream()
                .map(f -> f.signedQuantity().negate().multiply(f.price()).subtract(f.fee()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(net).isEqualByComparingTo("0.000001");
    }

    @Test
    void shouldHedgeASpotMakerFillOnAPerpetualWithinOneIteration() {
        ScriptedFeed spot = ScriptedFeed.builder(SPOT, SimFixtures.T0)
                .at(s(0)).top("99.99", "100.01")
                .at(s(1)).trade("99.8", "1", Side.SELL)          // bid 99.9 × 0.999 = 99.8 fills
                .build();
        SimRun run = new SimRun(spot, s(1), s(3));
        SimulatedExchange perp = hedgeVenue(run, perpFeed());
        MarketMakerContext context = run.context().withMarket("hedge", perp, HEDGE_PERP);
        Probed strategy = new Probed(context, params(Map.of("hedge_market", "hedge", "order_quantity", "0.02")));

        strategy.run();

        assertThat(run.fills(SPOT)).containsExactly("BUY 0.02 @ 99.8 MAKER");
        assertThat(perp.allFills()).extracting(SimRun::describe).containsExactly("SELL 0.02 @ 99.9 TAKER");
        assertThat(perp.allFills().get(0).time()).isEqualTo(run.sim.allFills().get(0).time());
        assertThat(strategy.deltaAfterIteration).allSatisfy(d -> assertThat(d).isEqualByComparingTo("0"));
        assertThat(perp.positions()).singleElement().satisfies(p -> assertThat(p.quantity()).isEqualByComparingTo("-0.02"));
    }

    @Test
    void shouldHedgeAMakerFillInTheWakeUpTheFillCausesNotAtTheNextInterval() {
        ScriptedFeed feed = ScriptedFeed.builder(SPOT, SimFixtures.T0)
                .at(s(0)).top("99.99", "100.01")
                .at(Duration.ofMillis(7300)).trade("99.89", "1", Side.SELL)   // our bid 99.89 fills
                .build();
        SimRun run = new SimRun(feed, s(60), s(90), b -> b.fees("0", "0.001"))
                .wakeOn(WakeSettings.onFillsAndBook(Duration.ofMillis(250)));
        Probed strategy = new Probed(run.context(), params(Map.of()));

        RunResult result = strategy.run();

        assertThat(result.clean()).isTrue();
        assertThat(run.fills(SPOT)).containsExactly("BUY 0.1 @ 99.89 MAKER", "SELL 0.1 @ 99.99 TAKER");
        assertThat(run.sim.allFills()).extracting(Fill::time)
                .as("hedged at the instant of the maker fill, 52.7 s before the next interval")
                .containsOnly(SimFixtures.T0.plusMillis(7300));
        assertThat(strategy.deltaAfterIteration).allSatisfy(d -> assertThat(d).isEqualByComparingTo("0"));
    }

    @Test
    void shouldHedgeOnAnotherVenueInTheWakeUpOfTheMakerFill() {
        ScriptedFeed spot = ScriptedFeed.builder(SPOT, SimFixtures.T0)
                .at(s(0)).top("99.99", "100.01")
                .at(Duration.ofMillis(4100)).trade("99.8", "1", Side.SELL)   // bid 99.9 × 0.999 = 99.8 fills
                .build();
        SimRun run = new SimRun(spot, s(60), s(90)).wakeOn(WakeSettings.onFillsAndBook(Duration.ofMillis(250)));
        SimulatedExchange perp = hedgeVenue(run, perpFeed());
        Probed strategy = new Probed(run.context().withMarket("hedge", perp, HEDGE_PERP),
                params(Map.of("hedge_market", "hedge", "order_quantity", "0.02")));

        strategy.run();

        assertThat(run.fills(SPOT)).containsExactly("BUY 0.02 @ 99.8 MAKER");
        assertThat(perp.allFills()).extracting(SimRun::describe).containsExactly("SELL 0.02 @ 99.9 TAKER");
        assertThat(perp.allFills().get(0).time()).isEqualTo(SimFixtures.T0.plusMillis(4100));
        assertThat(strategy.deltaAfterIteration).allSatisfy(d -> assertThat(d).isEqualByComparingTo("0"));
    }

    @Test
    void shouldCarryAResidualBelowTheHedgeLotUntilItBecomesHedgeable() {
        ScriptedFeed spot = ScriptedFeed.builder(SPOT, SimFixtures.T0)
                .at(s(0)).top("99.99", "100.01")
                .at(s(1)).trade("99.8", "1", Side.SELL)
                .at(s(2)).trade("99.8", "1", Side.SELL)
                .build();
        SimRun run = new SimRun(spot, s(1), s(4));
        SimulatedExchange perp = hedgeVenue(run, perpFeed());
        Probed strategy = new Probed(run.context().withMarket("hedge", perp, HEDGE_PERP),
                params(Map.of("hedge_market", "hedge", "order_quantity", "0.015")));

        strategy.run();

        assertThat(run.fills(SPOT)).containsExactly("BUY 0.015 @ 99.8 MAKER", "BUY 0.015 @ 99.8 MAKER");
        assertThat(perp.allFills()).extracting(SimRun::describe)
                .containsExactly("SELL 0.01 @ 99.9 TAKER", "SELL 0.02 @ 99.9 TAKER");
        assertThat(strategy.deltaAfterIteration).extracting(BigDecimal::toPlainString)
                .containsExactly("0", "0.005", "0", "0");
    }

    /**
     * The hedge reaches the venue but its answer is lost, and the venue's fill history shows it only 3 s later.
     * The strategy must wait for the engine to settle it (the lagging fill), not hedge a second time.
     */
    @Test
    void shouldNotHedgeTwiceWhenAHedgeAnswerIsLost() {
        ScriptedFeed spot = ScriptedFeed.builder(SPOT, SimFixtures.T0)
                .at(s(0)).top("99.99", "100.01")
                .at(s(1)).trade("99.8", "1", Side.SELL)          // bid 99.9 × 0.999 = 99.8 fills
                .build();
        SimRun run = new SimRun(spot, s(1), s(10));
        SimulatedExchange perp = hedgeVenue(run, perpFeed());
        perp.faults().loseAnswers(FaultPlan.Operation.PLACE, 1);
        var lagging = new io.mmkit.core.testing.LaggingFillsGateway(perp, run.time, s(3));
        Probed strategy = new Probed(run.context().withMarket("hedge", lagging, HEDGE_PERP),
                params(Map.of("hedge_market", "hedge", "order_quantity", "0.02")));

        RunResult result = strategy.run();

        assertThat(run.fills(SPOT)).containsExactly("BUY 0.02 @ 99.8 MAKER");
        assertThat(perp.allFills()).extracting(SimRun::describe).containsExactly("SELL 0.02 @ 99.9 TAKER");
        assertThat(perp.positions()).singleElement().satisfies(p -> assertThat(p.quantity()).isEqualByComparingTo("-0.02"));
        assertThat(strategy.deltaAfterIteration.get(strategy.deltaAfterIteration.size() - 1)).isEqualByComparingTo("0");
        assertThat(result.clean()).isTrue();
    }

    @Test
    void shouldWithdrawQuotesRetryAndThenStopWhenHedgesKeepFailing() {
        ScriptedFeed spot = ScriptedFeed.builder(SPOT, SimFixtures.T0)
                .at(s(0)).top("99.99", "100.01")
                .at(s(1)).trade("99.8", "1", Side.SELL)
                .build();
        // A failed placement's outcome is unknown to the engine: each retry waits until it is settled (5 s).
        SimRun run = new SimRun(spot, s(1), s(20));
        SimulatedExchange perp = hedgeVenue(run, perpFeed());
        perp.faults().fail(FaultPlan.Operation.PLACE, 100);
        List<List<String>> snaps = run.snapshotsOfOpenOrders(SPOT);
        Probed strategy = new Probed(run.context().withMarket("hedge", perp, HEDGE_PERP),
                params(Map.of("hedge_market", "hedge", "order_quantity", "0.02", "max_hedge_retries", 2)));

        RunResult result = strategy.run();

        assertThat(result.clean()).isFalse();
        assertThat(result.stopReason()).startsWith("hedge failed 3 times in a row").contains("unhedged delta 0.02");
        assertThat(snaps.get(1)).as("no maker quote while the hedge is pending").isEmpty();
        assertThat(run.sim.allOpenOrders()).isEmpty();
        assertThat(perp.allFills()).isEmpty();
    }
}
