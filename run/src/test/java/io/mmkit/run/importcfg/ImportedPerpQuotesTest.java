package io.mmkit.run.importcfg;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.engine.ClientOrderIds;
import io.mmkit.core.engine.EngineSettings;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.ShutdownSettings;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Side;
import io.mmkit.core.spi.StrategyCatalog;
import io.mmkit.core.store.InMemoryTradeStore;
import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.sim.SimulatedExchange;
import io.mmkit.sim.feed.ScriptedFeed;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The imported perpetual maker, run on the simulated exchange, rests its quotes where the Python bot's
 * formulas put them (strategies/perp_market_maker.py and market_maker.py), computed here by hand.
 */
class ImportedPerpQuotesTest {
    private static final String PERP = "SOL_USDC_PERP";
    private static final Instant T0 = Instant.parse("2024-08-09T00:00:00Z");
    private static final Instrument INSTRUMENT = Instrument.perpetual(PERP, "SOL", "USDC", "0.01", "0.001");

    private static Duration s(int seconds) {
        return Duration.ofSeconds(seconds);
    }

    /**
     * The Python bot's quotes for one level: {@code base = round_tick(mid ∓ mid × spread / 200)}, then, with
     * {@code ratio = clamp(net / max_position, −1, 1)}, both moved by {@code offset = mid × skew × ratio} and
     * rounded to the nearest tick again ({@code utils/helpers.round_to_tick_size}).
     */
    static BigDecimal[] pythonQuotes(BigDecimal mid, BigDecimal spread, BigDecimal net, BigDecimal max,
                                     BigDecimal skew, BigDecimal tick) {
        BigDecimal halfSpread = mid.multiply(spread).divide(BigDecimal.valueOf(200), MathContext.DECIMAL64);
        BigDecimal ratio = net.divide(max, MathContext.DECIMAL64).max(BigDecimal.ONE.negate()).min(BigDecimal.ONE);
        BigDecimal offset = mid.multiply(skew).multiply(ratio);
        BigDecimal bid = nearestTick(nearestTick(mid.subtract(halfSpread), tick).subtract(offset), tick);
        BigDecimal ask = nearestTick(nearestTick(mid.add(halfSpread), tick).subtract(offset), tick);
        return new BigDecimal[] {bid, ask};
    }

    private static BigDecimal nearestTick(BigDecimal price, BigDecimal tick) {
        return price.divide(tick, 0, RoundingMode.HALF_EVEN).multiply(tick);
    }

    @Test
    void shouldRestTheImportedPerpMakersQuotesWhereThePythonFormulasPutThem() {
        // python run.py --exchange backpack --market-type perp --symbol SOL_USDC_PERP --spread 0.2 --quantity 0.5
        //   --max-orders 1 --target-position 0.2 --max-position 1 --position-threshold 0.1 --inventory-skew 0.002
        PythonBotSettings py = PythonBotSettings.fromFlags(List.of("--exchange", "backpack", "--market-type", "perp",
                "--symbol", PERP, "--spread", "0.2", "--quantity", "0.5", "--max-orders", "1", "--target-position",
                "0.2", "--max-position", "1", "--position-threshold", "0.1", "--inventory-skew", "0.002"));
        ConfigImporter.Imported imported = new ConfigImporter(name -> true).convert(py, ConfigImporter.Options.DEFAULTS);
        @SuppressWarnings("unchecked")
        Map<String, Object> strategy = (Map<String, Object>) imported.config().get("strategy");

        ScriptedFeed feed = ScriptedFeed.builder(PERP, T0)
                .at(s(0)).top("99.9", "100.1")                  // mid 100
                .at(s(1)).trade("99.9", "0.5", Side.SELL)       // our bid 99.9 fills: long 0.5
                .build();
        SimulatedTimeSource time = new SimulatedTimeSource(T0);
        SimulatedExchange sim = SimulatedExchange.builder(time).instrument(INSTRUMENT).feed(feed)
                .deposit("USDC", "100000").build();
        List<List<String>> snapshots = new ArrayList<>();
        time.addListener(now -> snapshots.add(sim.openOrders(PERP).stream()
                .map(o -> o.side() + " " + o.price().toPlainString()).sorted().toList()));
        EngineSettings settings = new EngineSettings("imported", s(1), s(3), s(30), s(60), 10,
                new ShutdownSettings(Duration.ofMillis(400), Duration.ofMillis(300), Duration.ofMillis(300),
                        Duration.ofMillis(1500), Duration.ofMillis(20)), 1);
        MarketMaker maker = StrategyCatalog.load().configure(imported.strategy(), strategy)
                .create(MarketMakerContext.of(settings, time, new InMemoryTradeStore(), new ClientOrderIds(42, 1),
                        sim, PERP));

        maker.run();

        // t0, flat: the Python bot quotes round_tick(100 ∓ 100 × 0.2 / 200) = 99.9 / 100.1, no skew.
        BigDecimal[] flat = pythonQuotes(new BigDecimal("100"), new BigDecimal("0.2"), BigDecimal.ZERO,
                BigDecimal.ONE, new BigDecimal("0.002"), INSTRUMENT.tickSize());
        assertThat(flat).containsExactly(new BigDecimal("99.90"), new BigDecimal("100.10"));
        // (a snapshot is taken as the clock reaches the next iteration: the bid at 99.9 has just filled)
        assertThat(snapshots.get(0)).containsExactly("SELL " + flat[1].stripTrailingZeros().toPlainString());
        assertThat(sim.allFills().get(0).price()).isEqualByComparingTo(flat[0]);
        // t1, long 0.5: |0.5| > target 0.2 + threshold 0.1, so the Python bot first sells 0.5 − 0.3 = 0.2 at
        // market (manage_positions), then quotes with net 0.3: offset = 100 × 0.002 × 0.3 = 0.06,
        // bid 99.9 − 0.06 = 99.84, ask 100.1 − 0.06 = 100.04.
        BigDecimal[] skewed = pythonQuotes(new BigDecimal("100"), new BigDecimal("0.2"), new BigDecimal("0.3"),
                BigDecimal.ONE, new BigDecimal("0.002"), INSTRUMENT.tickSize());
        assertThat(skewed).containsExactly(new BigDecimal("99.84"), new BigDecimal("100.04"));
        assertThat(sim.allFills().stream().map(ImportedPerpQuotesTest::describe).toList())
                .containsExactly("BUY 0.5 @ 99.9 MAKER", "SELL 0.2 @ 99.9 TAKER");
        assertThat(snapshots.get(1)).containsExactly("BUY " + skewed[0].stripTrailingZeros().toPlainString(),
                "SELL " + skewed[1].stripTrailingZeros().toPlainString());
    }

    private static String describe(Fill f) {
        return f.side() + " " + f.quantity().toPlainString() + " @ " + f.price().toPlainString() + " " + f.liquidity();
    }
}
