package io.mmkit.strategies.mm;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.model.Side;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.core.store.OrderStatus;
import io.mmkit.core.testing.SimFixtures;
import io.mmkit.sim.feed.ScriptedFeed;
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

    /** The entry ("id SIDE price") of the order at {@code sidePrice}: the venue lists orders in its own order. */
    private static String entry(List<String> snapshot, String sidePrice) {
        return snapshot.stream().filter(e -> priceOf(e).equals(sidePrice)).findFirst().orElseThrow();
    }

    private static String idOf(String snapshotEntry) {
        return snapshotEntry.substring(0, snapshotEntry.indexOf(' '));
    }

    /** Orders cancelled among the first {@code placed} placements, i.e. before any later placement. */
    private static long cancelledBefore(SimRun run, int placed) {
        return run.store.orders().stream().limit(placed - 1).filter(o -> o.status() == OrderStatus.CANCELLED).count();
    }

    private static long cancelled(SimRun run) {
        return run.store.orders().stream().filter(o -> o.status() == OrderStatus.CANCELLED).count();
    }

    @Test
    void shouldCancelNothingInsideTheToleranceAndMoveOnlyTheStaleSideOutsideIt() {
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, SimFixtures.T0)
                .at(s(0)).top("99.99", "100.01")      // half 0.1: bid 99.89, ask 100.11
                .at(s(1)).top("100.02", "100.04")     // wants 99.91 / 100.15: within 0.05 of what rests
                .at(s(2)).top("100.02", "100.20")     // only the ask side moved: wants 99.91 / 100.31
                .at(s(4)).trade("99.80", "0.1", Side.SELL)   // our bid fills
                .build();
        // A snapshot is taken each time the clock advances, after the market moved and before the requote.
        SimRun run = new SimRun(feed, s(1), s(6));
        List<List<String>> snaps = run.snapshotsOfOpenOrders(SYMBOL);
        SpotMarketMaker maker = new SpotMarketMaker(run.context(), params(Map.of()), RiskLimits.NONE);

        maker.run();

        List<String> first = snaps.get(0);
        assertThat(first).extracting(SpotMarketMakerTest::priceOf).containsExactlyInAnyOrder("BUY 99.89", "SELL 100.11");
        assertThat(snaps.get(1)).as("inside the tolerance nothing moves").isEqualTo(first);
        List<String> afterAskMove = snaps.get(2);
        assertThat(afterAskMove).extracting(SpotMarketMakerTest::priceOf)
                .containsExactlyInAnyOrder("BUY 99.89", "SELL 100.31");
        assertThat(afterAskMove).as("the bid keeps its place in the queue").contains(entry(first, "BUY 99.89"));
        assertThat(cancelledBefore(run, 3)).isEqualTo(1);
        assertThat(snaps.get(3)).extracting(SpotMarketMakerTest::priceOf).containsExactly("SELL 100.31");
        List<String> afterFill = snaps.get(4);
        assertThat(afterFill).extracting(SpotMarketMakerTest::priceOf)
                .containsExactlyInAnyOrder("SELL 100.31", "BUY 99.91");
        assertThat(afterFill).as("the ask keeps its place after the bid fills")
                .contains(entry(afterAskMove, "SELL 100.31"));
        assertThat(run.store.orders()).extracting(o -> o.request().side() + " " + o.request().price().toPlainString())
                .containsExactly("BUY 99.89", "SELL 100.11", "SELL 100.31", "BUY 99.91");
        assertThat(run.fills(SYMBOL)).containsExactly("BUY 0.1 @ 99.89 MAKER");
    }

    @Test
    void shouldMoveOnlyTheStaleLevelsWhenTheBookMovesByOneLevel() {
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, SimFixtures.T0)
                .at(s(0)).top("99.99", "100.01")      // bids 99.89, 99.79; asks 100.11, 100.21
                .at(s(1)).top("100.09", "100.11")     // wants bids 99.98, 99.88; asks 100.22, 100.32
                .build();
        SimRun run = new SimRun(feed, s(1), s(3));
        List<List<String>> snaps = run.snapshotsOfOpenOrders(SYMBOL);
        SpotParams ladder = params(Map.of("max_orders", 2, "level_step_percentage", "0.1",
                "requote_tolerance_percentage", "0.02"));
        SpotMarketMaker maker = new SpotMarketMaker(run.context(), ladder, RiskLimits.NONE);

        maker.run();

        List<String> before = snaps.get(0);
        assertThat(before).extracting(SpotMarketMakerTest::priceOf)
                .containsExactlyInAnyOrder("BUY 99.89", "SELL 100.11", "BUY 99.79", "SELL 100.21");
        List<String> after = snaps.get(1);
        assertThat(after).extracting(SpotMarketMakerTest::priceOf)
                .containsExactlyInAnyOrder("BUY 99.89", "SELL 100.21", "BUY 99.98", "SELL 100.32");
        // the two orders still wanted (within 0.02) kept their ids; only the stale two were replaced
        assertThat(after).contains(entry(before, "BUY 99.89"), entry(before, "SELL 100.21"));
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
        assertThat(snaps.get(0)).extracting(SpotMarketMakerTest::priceOf).containsExactly("BUY 99.89");
        assertThat(run.store.orders().get(0).request().quantity()).isEqualByComparingTo("495");
    }

    @Test
    void shouldQuoteFromTheMidWithTheMidReference() {
        // Book 99.8 / 100.2, mid 100, spread 0.2 %: half 0.1. From the mid (the Python bot): 99.9 / 100.1;
        // from the touch (the default) it would be 99.7 / 100.3.
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, SimFixtures.T0).at(s(0)).top("99.8", "100.2").build();
        SimRun run = new SimRun(feed, s(1), s(1));
        List<List<String>> snaps = run.snapshotsOfOpenOrders(SYMBOL);
        SpotMarketMaker maker = new SpotMarketMaker(run.context(), params(Map.of("quote_reference", "mid")),
                RiskLimits.NONE);

        maker.run();

        assertThat(snaps.get(0)).extracting(SpotMarketMakerTest::priceOf)
                .containsExactlyInAnyOrder("BUY 99.9", "SELL 100.1");
    }

    @Test
    void shouldSpaceLevelsByTicksToAPowerWithLevelStepTicks() {
        // The Python bot's ladder: level k sits k^1.5 × 1.5 ticks beyond the first. Mid 100, spread 0.2 %, tick
        // 0.01: level 1 is 0.015 out (bid 99.885 floored to 99.88, ask 100.115 ceiled to 100.12), level 2
        // 2^1.5 × 1.5 = 4.2426 ticks (bid 99.857574 -> 99.85, ask 100.142426 -> 100.15). The Python bot rounds
        // to the nearest tick instead (99.86 / 100.14 at level 2): mmkit is never the more aggressive.
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, SimFixtures.T0).at(s(0)).top("99.8", "100.2").build();
        SimRun run = new SimRun(feed, s(1), s(1));
        List<List<String>> snaps = run.snapshotsOfOpenOrders(SYMBOL);
        SpotMarketMaker maker = new SpotMarketMaker(run.context(), params(Map.of("quote_reference", "mid",
                "max_orders", 3, "level_step_ticks", "1.5", "level_step_exponent", "1.5")), RiskLimits.NONE);

        maker.run();

        assertThat(snaps.get(0)).extracting(SpotMarketMakerTest::priceOf).containsExactlyInAnyOrder(
                "BUY 99.9", "BUY 99.88", "BUY 99.85", "SELL 100.1", "SELL 100.12", "SELL 100.15");
    }

    @Test
    void shouldRefuseLevelStepTicksTogetherWithLevelStepPercentage() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> params(Map.of("level_step_ticks", "1.5",
                "level_step_percentage", "0.1"))).hasMessageContaining("strategy.level_step_ticks");
    }
}
