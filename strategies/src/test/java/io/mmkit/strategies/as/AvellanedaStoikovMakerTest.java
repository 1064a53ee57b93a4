package io.mmkit.strategies.as;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.core.testing.SimFixtures;
import io.mmkit.sim.feed.ScriptedFeed;
import io.mmkit.strategies.support.SimRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The maker on the simulated venue: silent until σ's window is full, then the hand-computed quotes. */
class AvellanedaStoikovMakerTest {
    private static final String SYMBOL = SimFixtures.SYMBOL;

    private static Duration s(int seconds) {
        return Duration.ofSeconds(seconds);
    }

    private static String priceOf(String snapshotEntry) {
        return snapshotEntry.substring(snapshotEntry.indexOf(' ') + 1);
    }

    @Test
    void shouldQuoteNothingUntilTheVolatilityWindowIsFullThenTheFormulasQuotes() {
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, SimFixtures.T0)
                .at(s(0)).top("99.99", "100.01")      // mid 10000 ticks
                .at(s(1)).top("100.00", "100.02")     // +1 tick
                .at(s(2)).top("99.99", "100.01")      // −1 tick: σ² = 2/2 s = 1
                .build();
        SimRun run = new SimRun(feed, s(1), s(3));
        List<List<String>> snaps = run.snapshotsOfOpenOrders(SYMBOL);
        AsParams params = AsParams.read(StrategyParams.of(Map.of("order_quantity", "0.1", "gamma", "0.1",
                "kappa", "1", "volatility_window", 2, "time_horizon", "60s")));

        new AvellanedaStoikovMaker(run.context(), params, RiskLimits.NONE).run();

        assertThat(snaps.get(0)).isEmpty();
        assertThat(snaps.get(1)).isEmpty();
        // q = 0: r = 10000; δa+δb = 0.1·1·60 + 20·ln(1.1) = 7.9062; 10000 ∓ 3.9531 -> 9996 down, 10004 up
        assertThat(snaps.get(2)).extracting(AvellanedaStoikovMakerTest::priceOf)
                .containsExactlyInAnyOrder("BUY 99.96", "SELL 100.04");
    }
}
