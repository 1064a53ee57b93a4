package io.mmkit.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.backtest.data.DataFormat;
import io.mmkit.sim.feed.ListReplaySource;
import io.mmkit.sim.ExchangeSettings;
import io.mmkit.sim.FillModelName;
import io.mmkit.backtest.report.BacktestMetrics;
import io.mmkit.backtest.report.BacktestResult;
import io.mmkit.backtest.report.ConsoleSummary;
import io.mmkit.backtest.report.HtmlReport;
import io.mmkit.backtest.report.JsonReport;
import io.mmkit.backtest.report.PnlReconciliation;
import io.mmkit.sim.testing.Script;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Side;
import io.mmkit.core.spi.StrategyCatalog;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real grid on a hand-worked path: one PnL story across the grid's round trips, the FIFO ledger and the store.
 *
 * <pre>
 * grid 98..102, 5 levels (98 99 100 101 102), mid 100: buys at 98 and 99, sells at 101 and 102, quantity 1;
 * book bids 99.5 | asks 100.5 throughout (mid 100); touch fills; maker fee 0.1%; balances USDT 1000, TEST 10.
 *
 * 0.5 s  sell 99 x5   B99 fills, fee 0.099           grid: closing S100 one level up
 * 1.5 s  buy 100 x5   S100 fills, fee 0.1            round trip (100 - 99) x 1 - 0.099 - 0.1 = 0.801
 * 2.5 s  buy 101 x5   S101 fills, fee 0.101          an opening sell: no round trip
 *
 * FIFO: realized (100 - 99) = 1; short 1 @ 101 marked at 100: unrealized 1; fees 0.3; net 1.7
 * FIFO realized - fees = 0.7; round-trip profit 0.801; difference -0.101 = the open leg S101's fee
 * store realized 1 (= FIFO); capital 1000 + 10 x 100 = 2000
 * split: spread capture (100-99) + (100-100) + (101-100) = 2, inventory 0 (the mid never moves), fees 0.3 -> 1.7
 * </pre>
 */
class PnlStoryTest {
    static final Instrument TEST = Instrument.spot("TESTUSDT", "TEST", "USDT", "0.1", "1");
    static final Map<String, Object> GRID = Map.of("grid_lower_price", "98", "grid_upper_price", "102",
            "grid_num", 5, "grid_mode", "arithmetic", "order_quantity", "1");

    static BacktestResult run() {
        Script path = new Script()
                .at(0).bid("99.5", "5").ask("100.5", "5")
                .at(500).trade(Side.SELL, "99", "5")
                .at(1500).trade(Side.BUY, "100", "5")
                .at(2500).trade(Side.BUY, "101", "5");
        ExchangeSettings exchange = ExchangeSettings.of(TEST, FillModelName.TOUCH,
                        Map.of("USDT", new BigDecimal("1000"), "TEST", new BigDecimal("10")))
                .withFees(new BigDecimal("0.001"), new BigDecimal("0.002"));
        BacktestConfig config = new BacktestConfig("pnl-story", GRID, Duration.ofSeconds(1), exchange,
                Duration.ofMillis(500), List.of(), DataFormat.CSV, null);
        return Backtests.run(BacktestRequest.of(config, "grid", StrategyCatalog.load().configure("grid", GRID))
                .withData(() -> new ListReplaySource(path.events())));
    }

    @Test
    void roundTripProfitAndFifoRealizedAreShownSideBySideWithTheDifferenceExplained() {
        BacktestResult r = run();
        PnlReconciliation story = r.pnlStory();

        assertThat(story.fifoRealized()).isEqualByComparingTo("1");
        assertThat(story.fees()).isEqualByComparingTo("0.3");
        assertThat(story.fifoRealizedAfterFees()).isEqualByComparingTo("0.7");
        assertThat(story.roundTripProfit()).isEqualByComparingTo("0.801");
        assertThat(story.roundTrips()).isEqualTo(1);
        assertThat(story.difference()).isEqualByComparingTo("-0.101");
        assertThat(story.storedRealized()).isEqualByComparingTo(story.fifoRealized());
        assertThat(story.logLine()).contains("FIFO realized 1 - fees 0.3 = 0.7")
                .contains("round trips 1: profit 0.801").contains("difference -0.101").contains("(= FIFO)");
    }

    @Test
    void theMetricsRestOnTheConfiguredCapitalAndSplitTheNet() {
        BacktestMetrics m = run().metrics();

        assertThat(m.startingCapital()).isEqualByComparingTo("2000");
        assertThat(m.netPnl()).isEqualByComparingTo("1.7");
        assertThat(m.split().spreadCapture()).isEqualByComparingTo("2");
        assertThat(m.split().inventory()).isEqualByComparingTo("0");
        assertThat(m.split().net()).isEqualByComparingTo(m.netPnl());
        assertThat(m.risk().annualisedNote()).isEqualTo("n/a: span < 1 day");
    }

    @Test
    void everyReportCarriesTheParametersTheDefinitionsAndTheStory() {
        BacktestResult r = run();

        String summary = ConsoleSummary.format(r);
        assertThat(summary).contains("starting capital").contains("2000.00")
                .contains("grid round-trip profit").contains("0.801")
                .contains("fill ratio").contains("filled /").contains("placed (base quantity)")
                .contains("grid_lower_price=98").contains("grid_num=5");
        assertThat(summary.lines().filter(l -> l.contains("Sharpe (annualised)")))
                .singleElement().asString().endsWith("n/a: span < 1 day");
        String json = JsonReport.format(r);
        assertThat(json).contains("\"strategyParams\"").contains("\"grid_upper_price\" : \"102\"")
                .contains("\"pnlStory\"").contains("\"difference\" : -0.101")
                .contains("\"fill ratio\" : \"" + BacktestMetrics.FILL_RATIO_DEFINITION + "\"")
                .contains("\"spreadCapture\"").contains("\"startingCapital\" : 2000");
        String html = HtmlReport.format(r);
        assertThat(html).contains("Strategy parameters").contains("grid_mode").contains("PnL story")
                .contains(BacktestMetrics.FILL_RATIO_DEFINITION);
    }
}
