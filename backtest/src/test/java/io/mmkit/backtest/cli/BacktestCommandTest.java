package io.mmkit.backtest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BacktestCommandTest {
    @TempDir
    Path out;

    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    int run(String... args) {
        return new CommandLine(new BacktestCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8))).execute(args);
    }

    static String config() throws Exception {
        return Path.of(BacktestCommandTest.class.getResource("/grid-nexo.json").toURI()).toString();
    }

    @Test
    void shouldPrintTheSummaryAndWriteTheThreeReports() throws Exception {
        int status = run("--strategy", "grid", "--config", config(), "--fill-model", "trade-through",
                "--out", out.toString());

        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        String summary = stdout.toString(StandardCharsets.UTF_8);
        assertThat(summary).contains("fill model: trade-through").contains("net PnL").contains("max drawdown");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("100%");
        assertThat(Files.readString(out.resolve("report.html"))).contains("new uPlot(").contains("id=\"run-data\"")
                .contains("trade-through");
        assertThat(Files.readString(out.resolve("report.json"))).contains("\"netPnl\"");
        assertThat(Files.readString(out.resolve("fills.csv"))).startsWith("fill_id,time,");
    }

    @Test
    void shouldRunThroughTheRealBackpackClientOverHttpAndMatchAPolledInProcessRun() throws Exception {
        Path inProcess = out.resolve("in-process");
        Path http = out.resolve("http");

        int polled = run("--strategy", "grid", "--config", config(), "--no-progress", "--fill-delivery", "poll",
                "--out", inProcess.toString());
        int served = run("--strategy", "grid", "--config", config(), "--no-progress", "--path", "http",
                "--out", http.toString());

        assertThat(polled).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(served).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Files.readString(http.resolve("report.json"))).contains("\"venuePath\" : \"http\"");
        assertThat(Files.readString(http.resolve("fills.csv")).lines()).hasSizeGreaterThan(1);
        assertThat(Files.readString(http.resolve("fills.csv")))
                .isEqualTo(Files.readString(inProcess.resolve("fills.csv")));
    }

    @Test
    void shouldSweepParametersAndPrintOneRowPerCombination() throws Exception {
        int status = run("--strategy", "grid", "--config", config(), "--no-progress", "--threads", "2",
                "--sweep", "strategy.order_quantity=20,50", "--sweep", "backtest.fill_model=touch,queue",
                "--out", out.toString());

        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        String table = stdout.toString(StandardCharsets.UTF_8);
        assertThat(table.lines()).hasSize(2 + 4 + 1 + 1); // header, rule, rows, definitions, where the files are
        assertThat(table).contains("strategy.order_quantity").contains("net PnL");
        assertThat(table.lines().skip(2).limit(4)).extracting(l -> l.trim().split("\\s+")[1])
                .containsExactly("touch", "queue", "touch", "queue");
        // The swept value really reached the strategy: a different size gives a different PnL.
        assertThat(table.lines().skip(2).limit(4)).extracting(l -> l.trim().split("\\s+")[3])
                .doesNotHaveDuplicates();
    }

    @Test
    void shouldLeaveOnlyItsOwnFilesInOutAfterARunFollowsASweepAndTheOtherWayRound() throws Exception {
        assertThat(run("--strategy", "grid", "--config", config(), "--no-progress", "--out", out.toString()))
                .isZero();
        assertThat(run("--strategy", "grid", "--config", config(), "--no-progress", "--threads", "2",
                "--sweep", "strategy.order_quantity=20,50", "--out", out.toString())).isZero();
        assertThat(out.resolve("report.html")).as("the single run's report is gone").doesNotExist();
        assertThat(out.resolve("fills.csv")).doesNotExist();
        assertThat(out.resolve("sweep.csv")).exists();
        try (var runs = Files.list(out.resolve("runs"))) {
            assertThat(runs.count()).isEqualTo(2);
        }

        assertThat(run("--strategy", "grid", "--config", config(), "--no-progress", "--out", out.toString()))
                .isZero();
        assertThat(out.resolve("sweep.csv")).as("the sweep's table is gone").doesNotExist();
        assertThat(out.resolve("runs")).as("and its runs").doesNotExist();
        assertThat(out.resolve("report.html")).exists();
    }

    @Test
    void shouldSweepABareKeyAsAStrategyParameterAndRefuseAnUnknownKey() throws Exception {
        int status = run("--strategy", "grid", "--config", config(), "--no-progress", "--threads", "2",
                "--sweep", "order_quantity=20,50", "--out", out.toString());
        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8).lines().skip(2))
                .extracting(l -> l.trim().split("\\s+")[2]).doesNotHaveDuplicates();

        int unknown = run("--strategy", "grid", "--config", config(), "--no-progress",
                "--sweep", "nonsense.key=1,2", "--out", out.toString());
        assertThat(unknown).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("nonsense: unknown key");
    }

    @Test
    void shouldNameTheBadKeyAndExitTwo() throws Exception {
        int status = run("--strategy", "grid", "--config", config(), "--fill-model", "optimistic");

        assertThat(status).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("unknown fill model \"optimistic\"");
    }
}
