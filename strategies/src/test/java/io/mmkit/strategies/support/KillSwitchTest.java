package io.mmkit.strategies.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.RunResult;
import io.mmkit.core.model.Side;
import io.mmkit.core.risk.RiskGuard;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.core.testing.LogCapture;
import io.mmkit.core.testing.SimFixtures;
import io.mmkit.sim.feed.ScriptedFeed;
import io.mmkit.strategies.mm.SpotMarketMaker;
import io.mmkit.strategies.mm.SpotParams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drawdown kill switch, driven through a real strategy on the simulated exchange. */
class KillSwitchTest {
    private static final String SYMBOL = SimFixtures.SYMBOL;

    private static Duration s(int seconds) {
        return Duration.ofSeconds(seconds);
    }

    /** Long 1 from 99.89 at t1 (mid 100: equity +0.11, the peak), then the mid drops to 97: drawdown 3. */
    private static ScriptedFeed drop() {
        return ScriptedFeed.builder(SYMBOL, SimFixtures.T0)
                .at(s(0)).top("99.99", "100.01")
                .at(s(1)).trade("99.85", "5", Side.SELL)
                .at(s(2)).top("96.99", "97.01")
                .build();
    }

    private static SpotMarketMaker maker(SimRun run, String onDrawdown) {
        SpotParams spot = SpotParams.read(StrategyParams.of(Map.of("base_spread_percentage", "0.2",
                "order_quantity", "1")));
        RiskLimits limits = RiskLimits.read(StrategyParams.of(Map.of("risk", Map.of("max_position", "1",
                "max_drawdown", "2", "on_drawdown", onDrawdown, "pause_duration", "2s"))));
        return new SpotMarketMaker(run.context(), spot, limits);
    }

    @Test
    void shouldCancelEverythingAndStopWhenDrawdownPassesTheLimit() {
        SimRun run = new SimRun(drop(), s(1), s(10));
        RunResult result;
        try (LogCapture log = LogCapture.of(RiskGuard.class)) {
            result = maker(run, "stop").run();
            assertThat(log.messages()).anySatisfy(m -> assertThat(m).contains("cancelling all orders and stopping"));
        }

        assertThat(result.stopReason())
                .isEqualTo("kill switch: drawdown 3 from peak equity 0.11 exceeds max_drawdown 2");
        assertThat(result.clean()).as("a kill switch stop is a failed run").isFalse();
        assertThat(result.ordersMaybeRemaining()).isEmpty();
        assertThat(run.sim.allOpenOrders()).isEmpty();
        assertThat(run.fills(SYMBOL)).containsExactly("BUY 1 @ 99.89 MAKER");
    }

    @Test
    void shouldCancelEverythingPauseAndResumeWhenConfiguredToPause() {
        SimRun run = new SimRun(drop(), s(1), s(6));
        List<List<String>> snaps = run.snapshotsOfOpenOrders(SYMBOL);

        RunResult result = maker(run, "pause").run();

        assertThat(snaps.get(1)).as("after t1: the ask rests (max_position stops the bid)").hasSize(1);
        assertThat(snaps.get(2)).as("t2: drawdown 3 > 2, everything cancelled").isEmpty();
        assertThat(snaps.get(3)).as("t3: still paused").isEmpty();
        assertThat(snaps.get(4)).as("t4: pause over, quoting again").isNotEmpty();
        assertThat(result.stopReason()).isEqualTo("duration reached");
        assertThat(result.clean()).isTrue();
    }
}
