package io.mmkit.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.mmkit.sim.ReplayObserver;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The report's figures on a three-minute scenario worked out by hand. Balances USDT 1000 and TEST 10, first mid
 * 100: starting capital 1000 + 10 x 100 = 2000. Samples every minute; maker fee 0.1%.
 *
 * <pre>
 * time  mid  event                          position  cash (from 0)        equity = cash + position x mid
 *   0   100  place BUY 2 @ 99, SELL 2 @ 105    0       0                    0
 *  30 s 100  BUY 2 @ 99, fee 0.198             2       -198.198
 *  60 s 100                                    2                            1.802
 *  90 s 104  SELL 1 @ 105, fee 0.105           1       -93.303
 * 120 s 104                                    1                            10.697
 * 180 s 102  (end, marked at 102)              1                            8.697
 *
 * FIFO: realized (105 - 99) x 1 = 6; unrealized (102 - 99) x 1 = 3; fees 0.303; net 6 + 3 - 0.303 = 8.697
 * spread capture: buy 2 x (100 - 99) = 2, sell 1 x (105 - 104) = 1            -> 3
 * inventory:      buy 2 x (102 - 100) = 4, sell -1 x (102 - 104) = 2           -> 6
 * split:          3 + 6 - 0.303 - 0 = 8.697 = net
 * fill ratio:     filled 3 / placed 4 = 0.75
 * 1-minute returns on 2000: 1.802 / 2000 = 0.000901, 8.895 / 2000 = 0.0044475, -2 / 2000 = -0.001
 *   mean 0.0014495, sample sd 0.00276486 -> Sharpe 0.524258
 *   downside deviation sqrt(0.001^2 / 3) = 0.000577350 -> Sortino 2.51061
 * span 3 minutes, under a day: annualised "n/a: span &lt; 1 day"
 * </pre>
 */
class HandCheckedMetricsTest {
    static final Instrument TEST = Instrument.spot("TESTUSDT", "TEST", "USDT", "0.1", "1");
    static final Instant T0 = Instant.parse("2024-07-24T00:00:00Z");

    /** The book as the recorder sees it: only the mid matters here. */
    record FixedMid(double mid) implements ReplayObserver.MarketView {
        @Override
        public int restingOrders() {
            return 0;
        }
    }

    static long at(long seconds) {
        return (T0.getEpochSecond() + seconds) * 1_000_000_000L;
    }

    static Fill fill(String id, Side side, String price, String qty, String fee, long seconds) {
        return new Fill(id, "S" + id, "c" + id, "TESTUSDT", side, new BigDecimal(price), new BigDecimal(qty),
                new BigDecimal(fee), "USDT", Liquidity.MAKER, T0.plusSeconds(seconds));
    }

    static RunRecorder recorded() {
        RunRecorder run = new RunRecorder(TEST, Duration.ofMinutes(1), () -> 0.0, p -> { });
        run.onTime(at(0), new FixedMid(100));
        run.onOrderAccepted(OrderRequest.postOnly("TESTUSDT", "c1", Side.BUY, new BigDecimal("99"), new BigDecimal("2")));
        run.onOrderAccepted(OrderRequest.postOnly("TESTUSDT", "c2", Side.SELL, new BigDecimal("105"), new BigDecimal("2")));
        run.onTime(at(30), new FixedMid(100));
        run.onFill(fill("1", Side.BUY, "99", "2", "0.198", 30));
        run.onTime(at(60), new FixedMid(100));
        run.onTime(at(90), new FixedMid(104));
        run.onFill(fill("2", Side.SELL, "105", "1", "0.105", 90));
        run.onTime(at(120), new FixedMid(104));
        run.onTime(at(180), new FixedMid(102));
        run.finish(at(180));
        return run;
    }

    static BacktestMetrics scenario() {
        return MetricsCalculator.compute(recorded(), new BigDecimal("102"), new BigDecimal("2000"),
                Duration.ofMinutes(1));
    }

    @Test
    void netPnlSplitsIntoSpreadCaptureInventoryFeesAndFundingThatSumToIt() {
        BacktestMetrics m = scenario();

        assertThat(m.realizedPnl()).isEqualByComparingTo("6");
        assertThat(m.unrealizedPnl()).isEqualByComparingTo("3");
        assertThat(m.fees()).isEqualByComparingTo("0.303");
        assertThat(m.netPnl()).isEqualByComparingTo("8.697");
        assertThat(m.split().spreadCapture()).isEqualByComparingTo("3");
        assertThat(m.split().inventory()).isEqualByComparingTo("6");
        assertThat(m.split().fees()).isEqualByComparingTo("0.303");
        assertThat(m.split().funding()).isEqualByComparingTo("0");
        assertThat(m.split().net()).isEqualByComparingTo(m.netPnl());
    }

    @Test
    void returnsAreOnTheStartingCapital() {
        BacktestMetrics m = scenario();

        assertThat(m.startingCapital()).isEqualByComparingTo("2000");
        assertThat(m.returnOnCapital()).isEqualTo(0.0043485); // 8.697 / 2000
        double[] returns = MetricsCalculator.periodReturns(recorded().series(), 2000, Duration.ofMinutes(1));
        assertThat(returns).containsExactly(new double[] {0.000901, 0.0044475, -0.001}, offset(1e-12));
    }

    @Test
    void sharpeAndSortinoComeFromNamedPerPeriodReturnsAndAreNotAnnualisedUnderADay() {
        RiskRatios risk = scenario().risk();

        assertThat(risk.period()).isEqualTo("1m");
        assertThat(risk.periods()).isEqualTo(3);
        assertThat(risk.sharpe()).isEqualTo(0.524258);
        assertThat(risk.sortino()).isEqualTo(2.51061);
        assertThat(risk.sharpeAnnualised()).isNull();
        assertThat(risk.sortinoAnnualised()).isNull();
        assertThat(risk.annualisedNote()).isEqualTo("n/a: span < 1 day");
    }

    /**
     * A day of hourly samples, capital 1000, equity rising 1 then 3 quote an hour (returns 0.001, 0.003 x 12):
     * mean 0.002, sample sd 0.001 x sqrt(24/23) -> Sharpe 2 x sqrt(23/24) = 1.95789; annualised x sqrt(8760)
     * = 183.248. No return is negative: Sortino undefined.
     */
    @Test
    void aSpanOfADayIsAnnualisedFromHourlyReturns() {
        int n = 25;
        long[] t = new long[n];
        double[] equity = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = T0.toEpochMilli() + i * 3_600_000L;
            equity[i] = i == 0 ? 0 : equity[i - 1] + (i % 2 == 1 ? 1 : 3);
        }
        Series s = new Series(t, new double[n], new double[n], equity);

        RiskRatios risk = MetricsCalculator.risk(s, new BigDecimal("1000"), Duration.ofSeconds(5));

        assertThat(risk.period()).isEqualTo("1h");
        assertThat(risk.periods()).isEqualTo(24);
        assertThat(risk.sharpe()).isEqualTo(1.95789);
        assertThat(risk.sharpeAnnualised()).isEqualTo(183.248);
        assertThat(risk.sortino()).isNull();
        assertThat(risk.annualisedNote()).isNull();
    }

    @Test
    void theFillRatioIsFilledOverPlacedQuantityAndSaysSo() {
        BacktestMetrics m = scenario();

        assertThat(m.quantityPlaced()).isEqualByComparingTo("4");
        assertThat(m.quantityFilled()).isEqualByComparingTo("3");
        assertThat(m.fillRatio()).isEqualTo(0.75);
        assertThat(m.ordersPlaced()).isEqualTo(2);
        assertThat(m.fills()).isEqualTo(2);
        assertThat(BacktestMetrics.FILL_RATIO_DEFINITION).startsWith("filled base quantity / base quantity");
    }
}
