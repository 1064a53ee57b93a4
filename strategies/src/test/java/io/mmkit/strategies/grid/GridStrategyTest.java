package io.mmkit.strategies.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.RunResult;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.core.testing.SimFixtures;
import io.mmkit.sim.feed.ScriptedFeed;
import io.mmkit.strategies.support.SimRun;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridStrategyTest {
    /** Lets the test read the primary market's ledger. */
    static final class ProbedGrid extends GridStrategy {
        ProbedGrid(io.mmkit.core.engine.MarketMakerContext context, GridParams params) {
            super(context, params, RiskLimits.NONE);
        }

        io.mmkit.core.accounting.PositionLedger ledger() {
            return market().ledger();
        }
    }

    private static final String SYMBOL = SimFixtures.SYMBOL;

    private static Duration s(int seconds) {
        return Duration.ofSeconds(seconds);
    }

    private static GridParams grid(String lower, String upper, int num, String qty) {
        return GridParams.read(StrategyParams.of(Map.of("grid_lower_price", lower, "grid_upper_price", upper,
                "grid_num", num, "order_quantity", qty)));
    }

    @Test
    void shouldBookGapTimesQuantityMinusFeesWhenPriceFallsThroughThreeLevelsAndRecovers() {
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, SimFixtures.T0)
                .at(s(0)).top("99.99", "100.01")
                .at(s(1)).top("98.5", "99")      // buy @ 99 fills
                .at(s(2)).top("97.5", "98")      // buy @ 98 fills
                .at(s(3)).top("96.5", "97")      // buy @ 97 fills
                .at(s(4)).top("98", "98.5")      // sell @ 98 fills
                .at(s(5)).top("99", "99.5")      // sell @ 99 fills
                .at(s(6)).top("100", "100.5")    // sell @ 100 fills
                .build();
        SimRun run = new SimRun(feed, s(1), s(8), b -> b.fees("0.001", "0.002"));
        ProbedGrid strategy = new ProbedGrid(run.context(), grid("95", "105", 11, "0.1"));

        RunResult result = strategy.run();

        assertThat(result.clean()).isTrue();
        assertThat(run.fills(SYMBOL)).containsExactly(
                "BUY 0.1 @ 99 MAKER", "BUY 0.1 @ 98 MAKER", "BUY 0.1 @ 97 MAKER",
                "SELL 0.1 @ 98 MAKER", "SELL 0.1 @ 99 MAKER", "SELL 0.1 @ 100 MAKER");
        // 3 × gap 1 × 0.1 = 0.3, minus maker fees 0.1% of 99+98+97+98+99+100 × 0.1 = 0.0591
        assertThat(strategy.book().realizedProfit()).isEqualByComparingTo("0.2409");
        assertThat(strategy.book().roundTrips()).isEqualTo(3);
        var ledger = strategy.ledger();
        assertThat(ledger.position()).isEqualByComparingTo("0");
        assertThat(ledger.realizedPnl().subtract(ledger.fees())).isEqualByComparingTo("0.2409");
        assertThat(ledger.fees()).isEqualByComparingTo("0.0591");
        assertThat(ledger.makerVolume()).isEqualByComparingTo("0.6");
        assertThat(ledger.takerVolume()).isEqualByComparingTo("0");
        assertThat(run.sim.allOpenOrders()).isEmpty();
    }

    @Test
    void shouldRestBuysBelowAndSellsAboveWithTheLevelNearestTheMidEmpty() {
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, SimFixtures.T0).top("99.99", "100.01").build();
        SimRun run = new SimRun(feed, s(1), s(2));
        GridStrategy strategy = new GridStrategy(run.context(), grid("97", "103", 7, "0.1"), RiskLimits.NONE);
        var seen = new java.util.ArrayList<String>();
        run.time.addListener(now -> {
            if (seen.isEmpty()) {
                run.sim.openOrders(SYMBOL).forEach(o -> seen.add(o.side() + " " + o.price().toPlainString()));
            }
        });

        strategy.run();

        assertThat(seen).containsExactlyInAnyOrder("BUY 97", "BUY 98", "BUY 99", "SELL 101", "SELL 102", "SELL 103");
    }

    @Test
    void shouldReplaceALevelThatWentMissing() {
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, SimFixtures.T0).top("99.99", "100.01").build();
        SimRun run = new SimRun(feed, s(1), s(3)).reconcileEvery(s(1));
        GridStrategy strategy = new GridStrategy(run.context(), grid("98", "102", 5, "0.1"), RiskLimits.NONE);
        var after = new java.util.ArrayList<String>();
        run.time.addListener(now -> {
            if (now.equals(SimFixtures.T0.plusSeconds(1))) {
                // someone cancels our buy at 98 by hand between iterations
                run.sim.openOrders(SYMBOL).stream().filter(o -> o.price().compareTo(new BigDecimal("98")) == 0)
                        .forEach(o -> run.sim.cancel(SYMBOL, o.clientOrderId()));
            }
            if (now.equals(SimFixtures.T0.plusSeconds(2))) {
                run.sim.openOrders(SYMBOL).forEach(o -> after.add(o.side() + " " + o.price().toPlainString()));
            }
        });

        strategy.run();

        assertThat(after).containsExactlyInAnyOrder("BUY 98", "BUY 99", "SELL 101", "SELL 102");
    }

    @Test
    void shouldCentreAnAutoRangeOnTheFirstMid() {
        GridParams auto = GridParams.read(StrategyParams.of(Map.of("auto_range_percent", "5", "grid_num", 3,
                "order_quantity", "0.1")));
        GridLadder ladder = auto.ladder(new BigDecimal("100"), new BigDecimal("0.01"));
        assertThat(ladder.levels()).extracting(BigDecimal::toPlainString).containsExactly("95", "100", "105");
    }
}
