package io.mmkit.strategies.support.quoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.model.Side;
import io.mmkit.core.testing.SimFixtures;
import io.mmkit.sim.feed.ScriptedFeed;
import io.mmkit.strategies.mm.StandardProvider;
import io.mmkit.strategies.support.SimRun;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shared quoting features on scripted paths, through the spot maker ({@code standard}) on virtual time.
 * Base quotes: half spread 0.1 % of the mid off each side's touch, 0.1 a level, tolerance 0.05 % of the mid;
 * on a 99.99 / 100.01 book that is a bid at 99.89 and an ask at 100.11.
 *
 * <p>Snapshot {@code i} is what rests after the iteration at {@code i} s, once the market moved to {@code i+1} s.
 */
class QuotingFeaturesTest {
    private static final String SYMBOL = SimFixtures.SYMBOL;

    private static Duration s(int seconds) {
        return Duration.ofSeconds(seconds);
    }

    private static MarketMaker maker(SimRun run, Map<String, Object> quoting, Map<String, Object> extra) {
        Map<String, Object> m = new HashMap<>(Map.of("base_spread_percentage", "0.2", "order_quantity", "0.1",
                "requote_tolerance_percentage", "0.05", "quoting", quoting));
        m.putAll(extra);
        return new StandardProvider().configure(StrategyParams.of(m)).create(run.context());
    }

    private static List<String> sidesAndPrices(List<String> snapshot) {
        return snapshot.stream().map(e -> e.substring(e.indexOf(' ') + 1)).sorted().toList();
    }

    private static String idAt(List<String> snapshot, String sidePrice) {
        return snapshot.stream().filter(e -> e.endsWith(" " + sidePrice)).map(e -> e.substring(0, e.indexOf(' ')))
                .findFirst().orElseThrow(() -> new AssertionError(sidePrice + " not in " + snapshot));
    }

    @Test
    void shouldHoldRestingQuotesUntilTheOrderRefreshTimeThenRequote() {
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, SimFixtures.T0)
                .at(s(0)).top("99.99", "100.01")
                .at(s(1)).top("100.07", "100.09") // outside the tolerance (wants 99.97 / 100.20), crosses none of ours
                .build();
        SimRun run = new SimRun(feed, s(1), s(7));
        List<List<String>> snaps = run.snapshotsOfOpenOrders(SYMBOL);

        maker(run, Map.of("order_refresh_time", "4s"), Map.of()).run();

        assertThat(sidesAndPrices(snaps.get(0))).containsExactly("BUY 99.89", "SELL 100.11");
        for (int i = 1; i <= 3; i++) {
            assertThat(snaps.get(i)).as("held at %d s", i).isEqualTo(snaps.get(0));
        }
        // refreshed at 4 s: half 0.10008; 100.07 - 0.10008 -> 99.96 (bids down), 100.09 + 0.10008 -> 100.20 (asks up)
        assertThat(sidesAndPrices(snaps.get(4))).containsExactly("BUY 99.96", "SELL 100.2");
        assertThat(snaps.get(5)).isEqualTo(snaps.get(4));
    }

    @Test
    void shouldReplaceAnOrderOnceItReachesTheMaxOrderAgeEvenAtTheSamePrice() {
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, SimFixtures.T0).top("99.99", "100.01").build();
        SimRun run = new SimRun(feed, s(1), s(8));
        List<List<String>> snaps = run.snapshotsOfOpenOrders(SYMBOL);

        maker(run, Map.of("max_order_age", "3s"), Map.of()).run();

        String first = idAt(snaps.get(0), "BUY 99.89");
        assertThat(idAt(snaps.get(2), "BUY 99.89")).isEqualTo(first);
        String second = idAt(snaps.get(3), "BUY 99.89");
        assertThat(second).as("replaced at 3 s, same price").isNotEqualTo(first);
        assertThat(idAt(snaps.get(5), "BUY 99.89")).isEqualTo(second);
        assertThat(idAt(snaps.get(6), "BUY 99.89")).as("and again at 6 s").isNotEqualTo(second);
        assertThat(sidesAndPrices(snaps.get(6))).containsExactly("BUY 99.89", "SELL 100.11");
    }

    @Test
    void shouldPlaceNothingNewForTheFilledOrderDelayAfterAFill() {
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, SimFixtures.T0)
                .at(s(0)).top("99.99", "100.01")
                .at(s(2)).trade("99.80", "0.1", Side.SELL) // takes our bid at 99.89; booked at the 2 s iteration
                .build();
        SimRun run = new SimRun(feed, s(1), s(8));
        List<List<String>> snaps = run.snapshotsOfOpenOrders(SYMBOL);

        maker(run, Map.of("filled_order_delay", "3s"), Map.of()).run();

        assertThat(run.fills(SYMBOL)).containsExactly("BUY 0.1 @ 99.89 MAKER");
        String ask = idAt(snaps.get(0), "SELL 100.11");
        for (int i = 2; i <= 4; i++) {
            assertThat(sidesAndPrices(snaps.get(i))).as("no new bid at %d s", i).containsExactly("SELL 100.11");
            assertThat(idAt(snaps.get(i), "SELL 100.11")).isEqualTo(ask);
        }
        assertThat(sidesAndPrices(snaps.get(5))).as("the delay is over at 5 s").containsExactly("BUY 99.89", "SELL 100.11");
    }

    @Test
    void shouldLeaveTheOtherSideHangingAfterAFillUntilTheMidMovesTooFarFromIt() {
        // The book steps down 0.08 a second after our bid filled: never through our fresh bid (0.1 under the
        // touch), and the hanging ask at 100.11 drifts away from the mid: 0.19, 0.27, 0.35, 0.43, then 0.51 %.
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, SimFixtures.T0)
                .at(s(0)).top("99.99", "100.01")
                .at(s(2)).trade("99.80", "0.1", Side.SELL)  // our bid fills; the ask at 100.11 now hangs
                .at(s(3)).top("99.91", "99.93")
                .at(s(4)).top("99.83", "99.85")
                .at(s(5)).top("99.75", "99.77")
                .at(s(6)).top("99.67", "99.69")
                .at(s(7)).top("99.59", "99.61")            // mid 99.6: 0.51 % > 0.5 %: the hanging ask goes
                .build();
        SimRun run = new SimRun(feed, s(1), s(9));
        List<List<String>> snaps = run.snapshotsOfOpenOrders(SYMBOL);

        maker(run, Map.of("hanging_orders", true, "hanging_orders_cancel_percentage", "0.5"), Map.of()).run();

        assertThat(run.fills(SYMBOL)).containsExactly("BUY 0.1 @ 99.89 MAKER");
        String hangingAsk = idAt(snaps.get(0), "SELL 100.11");
        assertThat(sidesAndPrices(snaps.get(2))).as("not placed twice at the fill").containsExactly("BUY 99.89",
                "SELL 100.11");
        // at 3 s the maker requotes around the new book (99.91 - 0.09992 down, 99.93 + 0.09992 up) and the
        // hanging ask stays beside the fresh pair with its queue place
        assertThat(sidesAndPrices(snaps.get(3))).containsExactly("BUY 99.81", "SELL 100.03", "SELL 100.11");
        for (int i = 3; i <= 6; i++) {
            assertThat(idAt(snaps.get(i), "SELL 100.11")).as("still hanging at %d s", i).isEqualTo(hangingAsk);
        }
        assertThat(sidesAndPrices(snaps.get(7))).as("0.51 %% away at 7 s: cancelled").hasSize(2)
                .noneMatch(e -> e.equals("SELL 100.11"));
    }

    @Test
    void shouldQuoteOnlyAsksAtTheCeilingAndOnlyBidsAtTheFloor() {
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, SimFixtures.T0)
                .at(s(0)).top("99.99", "100.01")
                .at(s(2)).top("100.59", "100.61")   // mid 100.6 >= ceiling 100.5
                .at(s(4)).top("99.39", "99.41")     // mid 99.4 <= floor 99.5
                .build();
        SimRun run = new SimRun(feed, s(1), s(6));
        List<List<String>> snaps = run.snapshotsOfOpenOrders(SYMBOL);

        maker(run, Map.of("price_ceiling", "100.5", "price_floor", "99.5"), Map.of()).run();

        assertThat(sidesAndPrices(snaps.get(0))).containsExactly("BUY 99.89", "SELL 100.11");
        assertThat(sidesAndPrices(snaps.get(2))).containsExactly("SELL 100.72"); // 100.61 + 0.1006, up
        assertThat(sidesAndPrices(snaps.get(4))).containsExactly("BUY 99.29");
    }

    @Test
    void shouldMoveThePriceBandWithItsReferenceMidEveryRefresh() {
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, SimFixtures.T0)
                .at(s(0)).top("99.99", "100.01")    // reference 100: band 99 .. 101
                .at(s(2)).top("101.19", "101.21")   // mid 101.2 above 101: asks only
                .build();
        SimRun run = new SimRun(feed, s(1), s(7));
        List<List<String>> snaps = run.snapshotsOfOpenOrders(SYMBOL);

        maker(run, Map.of("price_band_percentage", "1", "price_band_refresh_time", "5s"), Map.of()).run();

        assertThat(sidesAndPrices(snaps.get(2))).containsExactly("SELL 101.32");
        // at 5 s the reference is 101.2 again: both sides
        assertThat(sidesAndPrices(snaps.get(5))).containsExactly("BUY 101.08", "SELL 101.32");
    }

    @Test
    void shouldAlternateSidesInPingPong() {
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, SimFixtures.T0)
                .at(s(0)).top("99.99", "100.01")
                .at(s(2)).trade("99.80", "0.1", Side.SELL)   // bid fills: asks only
                .at(s(4)).trade("100.20", "0.1", Side.BUY)   // ask fills: both again
                .build();
        SimRun run = new SimRun(feed, s(1), s(6));
        List<List<String>> snaps = run.snapshotsOfOpenOrders(SYMBOL);

        maker(run, Map.of("ping_pong", true), Map.of()).run();

        assertThat(sidesAndPrices(snaps.get(2))).as("asks only after the bid filled").containsExactly("SELL 100.11");
        assertThat(sidesAndPrices(snaps.get(3))).as("the ask filled at 4 s").isEmpty();
        assertThat(sidesAndPrices(snaps.get(4))).as("both sides again").containsExactly("BUY 99.89", "SELL 100.11");
        assertThat(run.fills(SYMBOL)).containsExactly("BUY 0.1 @ 99.89 MAKER", "SELL 0.1 @ 100.11 MAKER");
    }

    @Test
    void shouldGrowEachFurtherLevelByTheSizeStep() {
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, SimFixtures.T0).top("99.99", "100.01").build();
        SimRun run = new SimRun(feed, s(1), s(2));

        maker(run, Map.of("level_size_step", "0.05"), Map.of("max_orders", 3, "level_step_percentage", "0.1")).run();

        assertThat(run.store.orders()).extracting(o -> o.request().side() + " " + o.request().price().toPlainString()
                        + " x " + o.request().quantity().toPlainString())
                .containsExactlyInAnyOrder("BUY 99.89 x 0.1", "SELL 100.11 x 0.1", "BUY 99.79 x 0.15",
                        "SELL 100.21 x 0.15", "BUY 99.69 x 0.2", "SELL 100.31 x 0.2");
    }

    @Test
    void shouldRefuseContradictoryOrMisspelledKeysByName() {
        assertThatThrownBy(() -> QuotingParams.read(StrategyParams.of(Map.of("quoting",
                Map.of("price_ceiling", "100", "price_floor", "101")))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("quoting.price_floor");
        assertThatThrownBy(() -> QuotingParams.read(StrategyParams.of(Map.of("quoting",
                Map.of("hanging_orders_cancel_percentage", "1")))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs hanging_orders: true");
        assertThatThrownBy(() -> QuotingParams.read(StrategyParams.of(Map.of("quoting",
                Map.of("order_refresh_tme", "5s")))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("order_refresh_tme");
        assertThatThrownBy(() -> QuotingParams.read(StrategyParams.of(Map.of("quoting",
                Map.of("order_refresh_time", "10s", "max_order_age", "5s")))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("quoting.max_order_age");
    }
}
