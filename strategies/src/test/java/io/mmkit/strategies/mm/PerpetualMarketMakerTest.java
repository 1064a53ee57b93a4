package io.mmkit.strategies.mm;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Side;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.core.testing.LogCapture;
import io.mmkit.core.testing.SimFixtures;
import io.mmkit.sim.feed.ScriptedFeed;
import io.mmkit.strategies.support.SimRun;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerpetualMarketMakerTest {
    private static final String PERP = SimFixtures.PERP_SYMBOL;

    private static Duration s(int seconds) {
        return Duration.ofSeconds(seconds);
    }

    private static PerpParams params(Map<String, Object> overrides) {
        Map<String, Object> m = new HashMap<>(Map.of("base_spread_percentage", "0.2", "order_quantity", "0.1",
                "max_position", "0.3"));
        m.putAll(overrides);
        return PerpParams.read(StrategyParams.of(m));
    }

    private static List<BigDecimal> positionAfterEachFill(List<Fill> fills) {
        List<BigDecimal> out = new ArrayList<>();
        BigDecimal pos = BigDecimal.ZERO;
        for (Fill f : fills) {
            pos = pos.add(f.signedQuantity());
            out.add(pos);
        }
        return out;
    }

    @Test
    void shouldNeverHoldMoreThanMaxPositionOnAFallingMarketAndApplyLeverage() {
        ScriptedFeed.Builder path = ScriptedFeed.builder(PERP, SimFixtures.T0).top("99.9", "100.1");
        BigDecimal bid = new BigDecimal("99.9");
        for (int t = 1; t <= 8; t++) {
            bid = bid.subtract(new BigDecimal("0.6"));
            path.at(s(t)).top(bid.toPlainString(), bid.add(new BigDecimal("0.2")).toPlainString());
        }
        SimRun run = new SimRun(path.build(), s(1), s(10));
        PerpetualMarketMaker maker = new PerpetualMarketMaker(run.context(PERP),
                params(Map.of("max_orders", 2, "leverage", 5)), RiskLimits.NONE);

        maker.run();

        assertThat(run.sim.leverage(PERP)).isEqualTo(5);
        List<BigDecimal> positions = positionAfterEachFill(run.sim.allFills());
        assertThat(positions).isNotEmpty().allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(new BigDecimal("0.3")));
        assertThat(positions.get(positions.size() - 1)).isEqualByComparingTo("0.3");
        assertThat(run.fills(PERP)).containsExactly(
                "BUY 0.1 @ 99.9 MAKER", "BUY 0.1 @ 99.8 MAKER",   // t1: both bid levels
                "BUY 0.1 @ 99.3 MAKER");   // t2: mid 99.4, bid 99.3006 floored; the one level room allowed
    }

    @Test
    void shouldCloseAtMarketOnStopLossAndSayWhy() {
        ScriptedFeed feed = ScriptedFeed.builder(PERP, SimFixtures.T0)
                .at(s(0)).top("99.9", "100.1")
                .at(s(1)).trade("99.9", "0.1", Side.SELL)      // our bid 99.9 fills: long 0.1
                .at(s(2)).top("94", "94.2")                    // mark 94.1: unrealized -0.58
                .build();
        SimRun run = new SimRun(feed, s(1), s(3));
        PerpetualMarketMaker maker = new PerpetualMarketMaker(run.context(PERP),
                params(Map.of("max_position", "0.1", "stop_loss", "0.5")), RiskLimits.NONE);

        try (LogCapture log = LogCapture.of(PerpetualMarketMaker.class)) {
            maker.run();

            assertThat(log.messages()).anySatisfy(m -> assertThat(m)
                    .contains("stop-loss: unrealized PnL -0.58 reached -0.5")
                    .contains("closing position 0.1 (entry 99.9) at market, reduce-only"));
        }
        assertThat(run.fills(PERP)).containsExactly("BUY 0.1 @ 99.9 MAKER", "SELL 0.1 @ 94 TAKER");
        assertThat(run.store.orders().stream().filter(o -> o.request().isMarket()).toList())
                .singleElement().satisfies(o -> assertThat(o.request().reduceOnly()).isTrue());
        assertThat(maker.pnl().realized()).isEqualByComparingTo("-0.59");
        assertThat(run.sim.positions()).allSatisfy(p -> assertThat(p.quantity()).isEqualByComparingTo("0"));
    }

    @Test
    void shouldShiftBothQuotesByTheDocumentedSkew() {
        // spread 1 % at mid 100: half 0.5. Long 0.5 of max 1 with skew 0.8: shift = 0.8 × 0.5 × 0.5 = 0.2
        ScriptedFeed feed = ScriptedFeed.builder(PERP, SimFixtures.T0)
                .at(s(0)).top("99.9", "100.1")
                .at(s(1)).trade("99.5", "1", Side.SELL)        // our bid 99.5 fills: long 0.5
                .build();
        SimRun run = new SimRun(feed, s(1), s(3));
        List<List<String>> snaps = run.snapshotsOfOpenOrders(PERP);
        PerpetualMarketMaker maker = new PerpetualMarketMaker(run.context(PERP), params(Map.of(
                "base_spread_percentage", "1", "order_quantity", "0.5", "max_position", "1", "inventory_skew", "0.8")),
                RiskLimits.NONE);

        maker.run();

        assertThat(maker.skewShift(new BigDecimal("100"), new BigDecimal("0.5"))).isEqualByComparingTo("0.2");
        assertThat(snaps.get(0)).extracting(e -> e.substring(e.indexOf(' ') + 1)).containsExactly("SELL 100.5");
        assertThat(snaps.get(1)).extracting(e -> e.substring(e.indexOf(' ') + 1))
                .containsExactlyInAnyOrder("BUY 99.3", "SELL 100.3");
    }

    @Test
    void shouldReportFundingInPnl() {
        ScriptedFeed feed = ScriptedFeed.builder(PERP, SimFixtures.T0)
                .at(s(0)).top("99.9", "100.1")
                .at(s(1)).trade("99.9", "0.1", Side.SELL)
                .at(s(2)).funding("0.007") // long 0.1 x mid 100 x 0.007 = 0.07 paid
                .build();
        SimRun run = new SimRun(feed, s(1), s(3));
        PerpetualMarketMaker maker = new PerpetualMarketMaker(run.context(PERP), params(Map.of()), RiskLimits.NONE);

        maker.run();

        PerpetualMarketMaker.Pnl pnl = maker.pnl();
        assertThat(pnl.funding()).isEqualByComparingTo("0.07");
        // long 0.1 from 99.9 marked at 100: +0.01; funding paid 0.07
        assertThat(pnl.unrealized()).isEqualByComparingTo("0.01");
        assertThat(pnl.net()).isEqualByComparingTo("-0.06");
    }

    @Test
    void shouldShiftBothQuotesByAShareOfThePriceWithThePriceBasis() {
        // The Python bot's skew: shift = mid × skew × clamp(position / max, −1, 1) = 100 × 0.002 × 0.5 = 0.1.
        // Spread 0.2 % at mid 100: half 0.1, so bid 100 − 0.1 − 0.1 = 99.8 and ask 100 − 0.1 + 0.1 = 100.0,
        // both on the 0.1 tick (the Python bot rounds to the nearest tick: the same prices here).
        ScriptedFeed feed = ScriptedFeed.builder(PERP, SimFixtures.T0)
                .at(s(0)).top("99.9", "100.1")
                .at(s(1)).trade("99.9", "0.5", Side.SELL)      // our bid 99.9 fills: long 0.5
                .build();
        SimRun run = new SimRun(feed, s(1), s(3));
        List<List<String>> snaps = run.snapshotsOfOpenOrders(PERP);
        PerpetualMarketMaker maker = new PerpetualMarketMaker(run.context(PERP), params(Map.of(
                "order_quantity", "0.5", "max_position", "1", "inventory_skew", "0.002",
                "inventory_skew_basis", "price")), RiskLimits.NONE);

        maker.run();

        assertThat(maker.skewShift(new BigDecimal("100"), new BigDecimal("0.5"))).isEqualByComparingTo("0.1");
        assertThat(maker.skewShift(new BigDecimal("100"), new BigDecimal("-2"))).isEqualByComparingTo("-0.2");
        assertThat(snaps.get(0)).extracting(e -> e.substring(e.indexOf(' ') + 1)).containsExactly("SELL 100.1");
        assertThat(snaps.get(1)).extracting(e -> e.substring(e.indexOf(' ') + 1))
                .containsExactlyInAnyOrder("BUY 99.8", "SELL 100");
    }

    @Test
    void shouldCloseWhatLiesBeyondCloseExcessAboveAtMarketReduceOnly() {
        // The Python bot with target 0.2 and threshold 0.1: beyond |0.3| it sells the excess at market.
        ScriptedFeed feed = ScriptedFeed.builder(PERP, SimFixtures.T0)
                .at(s(0)).top("99.9", "100.1")
                .at(s(1)).trade("99.9", "0.5", Side.SELL)      // our bid 99.9 fills: long 0.5
                .build();
        SimRun run = new SimRun(feed, s(1), s(3));
        PerpetualMarketMaker maker = new PerpetualMarketMaker(run.context(PERP), params(Map.of(
                "order_quantity", "0.5", "max_position", "1", "close_excess_above", "0.3")), RiskLimits.NONE);

        try (LogCapture log = LogCapture.of(PerpetualMarketMaker.class)) {
            maker.run();

            assertThat(log.messages()).anySatisfy(m -> assertThat(m)
                    .contains("position 0.5 is beyond close_excess_above 0.3: closing 0.2 at market, reduce-only"));
        }
        assertThat(run.fills(PERP)).startsWith("BUY 0.5 @ 99.9 MAKER", "SELL 0.2 @ 99.9 TAKER");
        assertThat(run.store.orders().stream().filter(o -> o.request().isMarket()).toList())
                .singleElement().satisfies(o -> assertThat(o.request().reduceOnly()).isTrue());
    }

    @Test
    void shouldRefuseAnUnknownSkewBasis() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> params(Map.of("inventory_skew_basis", "tick")))
                .hasMessageContaining("strategy.inventory_skew_basis");
    }
}
