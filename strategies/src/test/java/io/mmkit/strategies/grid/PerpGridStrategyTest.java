package io.mmkit.strategies.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.RunResult;
import io.mmkit.core.model.Position;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.core.testing.LogCapture;
import io.mmkit.core.testing.SimFixtures;
import io.mmkit.sim.feed.ScriptedFeed;
import io.mmkit.strategies.support.SimRun;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerpGridStrategyTest {
    private static final String PERP = SimFixtures.PERP_SYMBOL;

    private static Duration s(int seconds) {
        return Duration.ofSeconds(seconds);
    }

    /** Mid 100, then a buy at 99 fills, then the market drops to 93.6, below 95 × (1 − 1 %) = 94.05. */
    private static ScriptedFeed crash() {
        return ScriptedFeed.builder(PERP, SimFixtures.T0)
                .at(s(0)).top("99.9", "100.1")
                .at(s(1)).top("98.8", "99")
                .at(s(2)).top("93.5", "93.7")
                .build();
    }

    private static PerpGridParams params(Map<String, Object> extra) {
        Map<String, Object> m = new HashMap<>(Map.of("grid_lower_price", "95", "grid_upper_price", "105",
                "grid_num", 11, "order_quantity", "0.1", "boundary_tolerance_percentage", "1"));
        m.putAll(extra);
        return PerpGridParams.read(StrategyParams.of(m));
    }

    private static BigDecimal position(SimRun run) {
        return run.sim.positions().stream().map(Position::quantity).findFirst().orElse(BigDecimal.ZERO);
    }

    private static List<String> prices(List<String> snapshot) {
        return snapshot.stream().map(e -> e.substring(e.indexOf(' ') + 1)).toList();
    }

    @Test
    void shouldCloseAtMarketAndStopOnEmergencyCloseWhileCappingThePosition() {
        SimRun run = new SimRun(crash(), s(1), s(5));
        PerpGridStrategy grid = new PerpGridStrategy(run.context(PERP),
                params(Map.of("boundary_action", "emergency_close", "max_position", "0.3")), RiskLimits.NONE);

        RunResult result;
        try (LogCapture log = LogCapture.of(PerpGridStrategy.class)) {
            result = grid.run();
            assertThat(log.messages()).anySatisfy(m -> assertThat(m)
                    .contains("mid 93.6 left the grid range 94.05 .. 106.05")
                    .contains("emergency_close, closing position 0.3 at market"));
        }

        assertThat(run.fills(PERP)).containsExactly("BUY 0.1 @ 99 MAKER", "BUY 0.1 @ 98 MAKER", "BUY 0.1 @ 97 MAKER",
                "SELL 0.3 @ 93.5 TAKER"); // fills at one instant come in price priority, best bid first
        assertThat(result.stopReason()).startsWith("boundary emergency_close");
        assertThat(result.clean()).isTrue();
        assertThat(position(run)).isEqualByComparingTo("0");
        assertThat(run.sim.allOpenOrders()).isEmpty();
        assertThat(run.store.orders().stream().filter(o -> o.request().isMarket()))
                .singleElement().satisfies(o -> assertThat(o.request().reduceOnly()).isTrue());
    }

    @Test
    void shouldCancelAndStopLeavingThePositionOnStopOnly() {
        SimRun run = new SimRun(crash(), s(1), s(5));
        PerpGridStrategy grid = new PerpGridStrategy(run.context(PERP),
                params(Map.of("boundary_action", "stop_only", "max_position", "0.3")), RiskLimits.NONE);

        RunResult result = grid.run();

        assertThat(run.fills(PERP)).containsExactly("BUY 0.1 @ 99 MAKER", "BUY 0.1 @ 98 MAKER", "BUY 0.1 @ 97 MAKER");
        assertThat(result.stopReason()).startsWith("boundary stop_only");
        assertThat(result.clean()).isTrue();
        assertThat(position(run)).isEqualByComparingTo("0.3");
        assertThat(run.sim.allOpenOrders()).isEmpty();
    }

    @Test
    void shouldRebuildTheLadderAroundTheMidAndKeepGoingOnAdjustRange() {
        SimRun run = new SimRun(crash(), s(1), s(4));
        List<List<String>> snaps = run.snapshotsOfOpenOrders(PERP);
        PerpGridStrategy grid = new PerpGridStrategy(run.context(PERP),
                params(Map.of("boundary_action", "adjust_range")), RiskLimits.NONE);

        RunResult result = grid.run();

        assertThat(result.stopReason()).isEqualTo("duration reached");
        assertThat(run.fills(PERP)).containsExactly("BUY 0.1 @ 99 MAKER", "BUY 0.1 @ 98 MAKER", "BUY 0.1 @ 97 MAKER",
                "BUY 0.1 @ 96 MAKER", "BUY 0.1 @ 95 MAKER");
        assertThat(grid.book().ladder().lower()).isEqualByComparingTo("88.6");
        assertThat(grid.book().ladder().upper()).isEqualByComparingTo("98.6");
        assertThat(prices(snaps.get(2))).containsExactlyInAnyOrder(
                "BUY 88.6", "BUY 89.6", "BUY 90.6", "BUY 91.6", "BUY 92.6",
                "SELL 94.6", "SELL 95.6", "SELL 96.6", "SELL 97.6", "SELL 98.6");
        assertThat(position(run)).isEqualByComparingTo("0.5");
    }

    @Test
    void shouldOpenOnlyLongsAndCloseReduceOnlyInLongMode() {
        SimRun run = new SimRun(crash(), s(1), s(2));
        List<List<String>> snaps = run.snapshotsOfOpenOrders(PERP);
        PerpGridStrategy grid = new PerpGridStrategy(run.context(PERP), params(Map.of("grid_type", "long")),
                RiskLimits.NONE);

        grid.run();

        assertThat(prices(snaps.get(0))).containsExactlyInAnyOrder("BUY 95", "BUY 96", "BUY 97", "BUY 98");
        assertThat(run.store.orders()).filteredOn(o -> o.request().side() == io.mmkit.core.model.Side.SELL)
                .singleElement().satisfies(o -> {
                    assertThat(o.request().price()).isEqualByComparingTo("100");
                    assertThat(o.request().reduceOnly()).isTrue();
                });
    }
}
