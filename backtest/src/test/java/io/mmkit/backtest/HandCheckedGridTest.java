package io.mmkit.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.backtest.data.DataFormat;
import io.mmkit.sim.feed.ListReplaySource;
import io.mmkit.sim.ExchangeSettings;
import io.mmkit.sim.FillModelName;
import io.mmkit.backtest.report.BacktestMetrics;
import io.mmkit.backtest.report.BacktestResult;
import io.mmkit.sim.testing.Script;
import io.mmkit.backtest.testing.StaticGridMaker;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One scripted trade path, a two-level grid (bids at 99 and 98, each sold 2.0 higher), and each fill model's
 * answer worked out by hand below. Maker fee 0.1%; the strategy wakes every second; the book never moves, so
 * only trades fill, and the final mark is the mid 100.0.
 *
 * <pre>
 * book at 0 s: bids 99.5x5 99x10 98x4 | asks 100.5x5 101x6 102x3    grid rests bids 99 and 98 (queue: 10 and 4 ahead)
 *
 * time   trade          touch                     trade-through              queue
 * 0.5 s  sell 99 x12    B99 fills (at price)      -  (not through)           10 ahead consumed, 2 left: B99 fills
 *  1 s                  ask 101 placed                                       ask 101 placed (6 ahead)
 * 1.5 s  sell 98.5 x2   -                         B99 fills (through)        -
 *  2 s                                            ask 101 placed
 * 2.5 s  buy 101 x3     S101 fills                -                          ahead 6 -> 3
 *  3 s                  bid 99 back                                          -
 * 3.5 s  buy 101.5 x1   -                         S101 fills (through)       S101 fills (through)
 *  4 s                                            bid 99 back                bid 99 back (10 ahead)
 * 4.5 s  sell 98 x5     B99 and B98 fill          B99 fills (budget 5 -> 4)  B99 fills (through); 4 left go to
 *                                                 B98 not through            B98's queue of 4 -> 0 ahead
 * 4.7 s  sell 98 x1     -                         -                          B98 fills
 *
 * touch:          B99 S101 B99 B98   position 2  realized 2  fees 0.397  unrealized 1+2=3  net 4.603
 * trade-through:  B99 S101 B99       position 1  realized 2  fees 0.299  unrealized 1      net 2.701
 * queue:          B99 S101 B99 B98   position 2  realized 2  fees 0.397  unrealized 3      net 4.603 (later fills)
 * </pre>
 */
class HandCheckedGridTest {
    static final Instrument TEST = Instrument.spot("TESTUSDT", "TEST", "USDT", "0.1", "1");

    static final Script PATH = new Script()
            .at(0).bid("99.5", "5").bid("99", "10").bid("98", "4").ask("100.5", "5").ask("101", "6").ask("102", "3")
            .at(500).trade(Side.SELL, "99", "12")
            .at(1500).trade(Side.SELL, "98.5", "2")
            .at(2500).trade(Side.BUY, "101", "3")
            .at(3500).trade(Side.BUY, "101.5", "1")
            .at(4500).trade(Side.SELL, "98", "5")
            .at(4700).trade(Side.SELL, "98", "1");

    static BacktestResult run(FillModelName model) {
        ExchangeSettings exchange = ExchangeSettings.of(TEST, model, Map.of("USDT", new BigDecimal("1000")))
                .withFees(new BigDecimal("0.001"), new BigDecimal("0.002"));
        BacktestConfig config = new BacktestConfig("hand-test", Map.of(), Duration.ofSeconds(1), exchange,
                Duration.ofMillis(500), List.of(), DataFormat.CSV, null);
        BacktestRequest request = BacktestRequest.of(config, "static-grid",
                ctx -> new StaticGridMaker(ctx, List.of(new BigDecimal("99"), new BigDecimal("98")),
                        new BigDecimal("2"), BigDecimal.ONE))
                .withData(() -> new ListReplaySource(PATH.events()));
        return Backtests.run(request);
    }

    static List<String> fills(BacktestResult r) {
        return r.fills().stream()
                .map(f -> (f.side() == Side.BUY ? "B" : "S") + f.price().toPlainString() + "@"
                        + (f.time().toEpochMilli() - Script.T0.toEpochMilli()))
                .toList();
    }

    @Test
    void touchFillsEveryOrderTheMarketReaches() {
        BacktestResult r = run(FillModelName.TOUCH);

        assertThat(fills(r)).containsExactly("B99@500", "S101@2500", "B99@4500", "B98@4500");
        assertMoney(r.metrics(), "2", "0.397", "3", "4.603", "2");
        assertThat(r.fillModel()).isEqualTo("touch");
    }

    @Test
    void tradeThroughNeedsATradeBeyondThePrice() {
        BacktestResult r = run(FillModelName.TRADE_THROUGH);

        assertThat(fills(r)).containsExactly("B99@1500", "S101@3500", "B99@4500");
        assertMoney(r.metrics(), "2", "0.299", "1", "2.701", "1");
    }

    @Test
    void queueFillsOnlyWhatTradesBeyondTheQueueAhead() {
        BacktestResult r = run(FillModelName.QUEUE);

        assertThat(fills(r)).containsExactly("B99@500", "S101@3500", "B99@4500", "B98@4700");
        assertMoney(r.metrics(), "2", "0.397", "3", "4.603", "2");
    }

    @Test
    void everyFillIsAMakerFillChargedTheMakerFee() {
        for (FillModelName model : FillModelName.values()) {
            for (Fill f : run(model).fills()) {
                assertThat(f.liquidity()).hasToString("MAKER");
                assertThat(f.fee()).isEqualByComparingTo(f.price().multiply(new BigDecimal("0.001")));
            }
        }
    }

    private static void assertMoney(BacktestMetrics m, String realized, String fees, String unrealized, String net,
                                    String inventory) {
        assertThat(m.realizedPnl()).isEqualByComparingTo(realized);
        assertThat(m.fees()).isEqualByComparingTo(fees);
        assertThat(m.unrealizedPnl()).isEqualByComparingTo(unrealized);
        assertThat(m.netPnl()).isEqualByComparingTo(net);
        assertThat(m.inventoryMax()).isEqualByComparingTo(inventory);
        assertThat(m.lastMid()).isEqualByComparingTo("100");
    }
}
