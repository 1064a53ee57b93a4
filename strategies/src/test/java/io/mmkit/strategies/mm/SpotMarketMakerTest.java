package io.mmkit.strategies.mm;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.model.Side;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.core.sim.ScriptedFeed;
import io.mmkit.core.store.OrderStatus;
import io.mmkit.core.testing.SimFixtures;
import io.mmkit.strategies.support.SimRun;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpotMarketMakerTest {
    private static final String SYMBOL = SimFixtures.SYMBOL;

    private static Duration s(int seconds) {
        return Duration.ofSeconds(seconds);
    }

    private static SpotParams params(Map<String, Object> extra) {
        Map<String, Object> m = new HashMap<>(Map.of("base_spread_percentage", "0.2", "order_quantity", "0.1",
                "requote_tolerance_percentage", "0.05"));
        m.putAll(extra);
        return SpotParams.read(StrategyParams.of(m));
    }

    private static String priceOf(String snapshotEntry) {
        return snapshotEntry.substring(snapshotEntry.indexOf(' ') + 1);
    }

    private static String idOf(String snapshotEntry) {
        return snapshotEntry.substring(0, snapshotEntry.indexOf(' '));
    }

    private static long cancelled(SimRun run) {
        return run.store.orders().stream().filter(o -> o.status() == OrderStatus.CANCELLED).count();
    }

    @Test
    void shouldKeepBothOrdersWhenTheMidMovesInsideTheToleranceAndReplaceOnlyStaleOnesOutside() {
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, SimFixtures.T0)
                .at(s(0)).top("99.99", "100.01")      // mid 100:    bid 99.9,  ask 100.1
                .at(s(1)).top("100.02", "100.04")     // mid 100.03: wants 99.92 / 100.14, within 0.05
                .at(s(2)).top("100.07", "100.09")     // mid 100.08: wants 99.97 / 100.19, both stale
                .at(s(3)).trade("99.97", "0.1", Side.SELL)   // our bid fills; the ask is still right
                .build();
        SimRun run = new SimRun(feed, s(1), s(5));
        List<List<String>> snaps = run.snapshotsOfOpenOrders(SYMBOL);
        SpotMarketMaker maker = new SpotMarketMaker(run.context(), params(Map.of()), RiskLimits.NONE);

        maker.run();

        List<String> first = snaps.get(0);
        assertThat(first).extracting(SpotMarketMakerTest::priceOf).containsExactly("BUY 99.9", "SELL 100.1");
        assertThat(snaps.get(1)).as("inside the tolerance nothing moves").isEqualTo(first);
        // the move outside the tolerance replaced both (t2); the trade at t3 then filled the new bid
        assertThat(snaps.get(2)).extracting(SpotMarketMakerTest::priceOf).containsExactly("SELL 100.19");
        List<String> afterRefill = snaps.get(3);
        assertThat(afterRefill).extracting(SpotMarketMakerTest::priceOf)
                .containsExactlyInAnyOrder("SELL 100.19", "BUY 99.97");
        String askId = idOf(snaps.get(2).get(0));
        assertThat(afterRefill).as("the ask keeps its place in the queue").anyMatch(e -> e.startsWith(askId + " "));
        assertThat(run.store.orders()).extracting(o -> o.request().side() + " " + o.request().price().toPlainString())
                .containsExactly("BUY 99.9", "SELL 100.1", "BUY 99.97", "SELL 100.19", "BUY 99.97");
        assertThat(run.fills(SYMBOL)).containsExactly("BUY 0.1 @ 99.97 MAKER");
    }

    @Test
    void shouldMoveOnlyTheStaleLevelsWhenTheMidMovesByOneLevel() {
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, SimFixtures.T0)
                .at(s(0)).top("99.99", "100.01")      // bids 99.9, 99.8; asks 100.1, 100.2
                .at(s(1)).top("100.09", "100.11")     // wants bids 99.99, 99.89; asks 100.21, 100.31
                .build();
        SimRun run = new SimRun(feed, s(1), s(3));
        List<List<String>> snaps = run.snapshotsOfOpenOrders(SYMBOL);
        SpotParams ladder = params(Map.of("max_orders", 2, "level_step_percentage", "0.1",
                "requote_tolerance_percentage", "0.02"));
        SpotMarketMaker maker = new SpotMarketMaker(run.context(), ladder, RiskLimits.NONE);

        maker.run();

        List<String> before = snaps.get(0);
        assertThat(before).extracting(SpotMarketMakerTest::priceOf)
                .containsExactly("BUY 99.9", "SELL 100.1", "BUY 99.8", "SELL 100.2");
        List<String> after = snaps.get(1);
        assertThat(after).extracting(SpotMarketMakerTest::priceOf)
                .containsExactly("BUY 99.9", "SELL 100.2", "BUY 99.99", "SELL 100.31");
        // the two orders still wanted (within 0.02) kept their ids; only the stale two were replaced
        assertThat(after.subList(0, 2)).containsExactly(before.get(0), before.get(3));
        assertThat(cancelled(run)).isEqualTo(2 + 4);
    }

    @Test
    void shouldRebalanceTowardTheTargetPassivelyWithholdingTheOtherSide() {
        // 10 BTC at 100 = 1000 of 101000 USDC value: base share ≈ 0.99 %, target 50 % ± 15
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, SimFixtures.T0).top("99.99", "100.01").build();
        SimRun run = new SimRun(feed, s(1), s(2));
        List<List<String>> snaps = run.snapshotsOfOpenOrders(SYMBOL);
        SpotMarketMaker maker = new SpotMarketMaker(run.context(),
                params(Map.of("base_asset_target_percentage", "50")), RiskLimits.NONE);

        maker.run();

        // 50 % of 101000 is 50500 in base, 1000 held: buy 49500 / 100 = 495 BTC, bid side only
        assertThat(snaps.get(0)).extracting(SpotMarketMakerTest::priceOf).containsExactly("BUY 99.9");
        assertThat(run.store.orders().get(0).request().quantity()).isEqualByComparingTo("495");
    }
}
