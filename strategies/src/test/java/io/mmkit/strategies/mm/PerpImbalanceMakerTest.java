package io.mmkit.strategies.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.testing.SimFixtures;
import io.mmkit.sim.feed.ScriptedFeed;
import io.mmkit.strategies.support.SimRun;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code imbalance_maker} with {@code "maker": "perpetual"}: the perpetual maker's ladder, shifted by the imbalance. */
class PerpImbalanceMakerTest {
    private static final String PERP = SimFixtures.PERP_SYMBOL;

    private static List<String> quotedWith(Map<String, Object> extra) {
        // Bid 3 at 99.9, ask 1 at 100.1, mid 100. Within 20 bps (0.2) both levels weigh 1 - 0.1/0.2 = 0.5:
        // imbalance = (1.5 - 0.5) / (1.5 + 0.5) = 0.5.
        ScriptedFeed feed = ScriptedFeed.builder(PERP, SimFixtures.T0).top("99.9", "3", "100.1", "1").build();
        SimRun run = new SimRun(feed, Duration.ofSeconds(1), Duration.ofSeconds(2));
        Map<String, Object> m = new HashMap<>(Map.of("base_spread_percentage", "0.2", "order_quantity", "0.1",
                "max_position", "0.3", "imbalance_band_bps", "20"));
        m.putAll(extra);
        new ImbalanceMakerProvider().configure(StrategyParams.of(m)).create(run.context(PERP)).run();
        return run.store.orders().stream()
                .map(o -> o.request().side() + " " + o.request().price().toPlainString()).toList();
    }

    @Test
    void shouldShiftThePerpetualLadderTowardTheHeavierSide() {
        // perp ladder from the mid: 100 -/+ 0.1; shift = 0.5 x 0.2 % x 100 = 0.1 up: 100.0 / 100.2
        assertThat(quotedWith(Map.of("maker", "perpetual", "imbalance_skew_percentage", "0.2")))
                .containsExactlyInAnyOrder("BUY 100", "SELL 100.2");
        // the smallest shift is still a shift: 100.10005 rounds up a tick (asks round up, bids down)
        assertThat(quotedWith(Map.of("maker", "perpetual", "imbalance_skew_percentage", "0.0001")))
                .containsExactlyInAnyOrder("BUY 99.9", "SELL 100.2");
    }

    @Test
    void shouldRefuseAnUnknownMakerByName() {
        assertThatThrownBy(() -> new ImbalanceMakerProvider().configure(StrategyParams.of(Map.of(
                "maker", "futures", "base_spread_percentage", "0.2", "order_quantity", "0.1",
                "imbalance_skew_percentage", "0.1"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("strategy.maker")
                .hasMessageContaining("spot or perpetual");
    }
}
