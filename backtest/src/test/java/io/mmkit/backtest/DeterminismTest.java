package io.mmkit.backtest;

import io.mmkit.core.spi.StrategyCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.sim.FillModelName;
import io.mmkit.backtest.report.BacktestResult;
import io.mmkit.backtest.report.HtmlReport;
import io.mmkit.backtest.report.JsonReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Same data, config and seed: the same bytes, report for report. */
class DeterminismTest {
    static Path resource(String name) throws Exception {
        return Path.of(DeterminismTest.class.getResource("/" + name).toURI());
    }

    static BacktestResult run(BacktestConfig config) {
        return Backtests.run(BacktestRequest.of(config, "grid",
                StrategyCatalog.load().configure("grid", config.strategyParams())));
    }

    @Test
    void twoRunsGiveIdenticalReports() throws Exception {
        BacktestConfig config = BacktestConfigReader.read(resource("grid-nexo.json"));

        BacktestResult first = run(config);
        BacktestResult second = run(config);

        assertThat(first.fills()).isNotEmpty();
        assertThat(second.fillLog()).isEqualTo(first.fillLog());
        assertThat(JsonReport.format(second)).isEqualTo(JsonReport.format(first));
        assertThat(HtmlReport.format(second)).isEqualTo(HtmlReport.format(first));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void theFillModelChangesTheAnswerAndIsReportedBesideIt() throws Exception {
        BacktestConfig config = BacktestConfigReader.read(resource("grid-nexo.json"));

        BacktestResult touch = run(config.withFillModel(FillModelName.TOUCH));
        BacktestResult queue = run(config.withFillModel(FillModelName.QUEUE));

        assertThat(touch.metrics().fills()).isGreaterThan(queue.metrics().fills());
        assertThat(JsonReport.format(touch)).contains("\"fillModel\" : \"touch\"");
        assertThat(HtmlReport.format(queue)).contains("Fill model: <span class=\"model\">queue</span>");
    }
}
