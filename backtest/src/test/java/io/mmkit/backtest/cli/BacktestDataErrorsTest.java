package io.mmkit.backtest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad data through the command line: exit 2, one line naming file:line, and no report that looks complete. */
class BacktestDataErrorsTest {
    @TempDir
    Path out;

    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    int run(String... args) {
        return new CommandLine(new BacktestCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8))).execute(args);
    }

    static String resource(String name) throws Exception {
        return Path.of(BacktestDataErrorsTest.class.getResource("/validation/" + name).toURI()).toString();
    }

    String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBadRowMidFileExitsTwoAndWritesNoReport() throws Exception {
        // A report from an earlier run in the same folder must not pass for this run's.
        Files.writeString(out.resolve("report.json"), "{\"from\":\"an earlier run\"}");

        int status = run("--strategy", "grid", "--config", resource("test-grid.json"), "--no-progress",
                "--data", resource("bad-row.csv"), "--out", out.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err()).contains(resource("bad-row.csv") + ":6: price is not a number");
        assertThat(out.resolve("report.json")).doesNotExist();
        assertThat(out.resolve("report.html")).doesNotExist();
        assertThat(out.resolve("fills.csv")).doesNotExist();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).doesNotContain("net PnL");
    }

    @Test
    void anOutOfOrderRowExitsTwoNamingItsLine() throws Exception {
        int status = run("--strategy", "grid", "--config", resource("test-grid.json"), "--no-progress",
                "--data", resource("out-of-order.csv"), "--out", out.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err()).contains(resource("out-of-order.csv") + ":5: time goes backwards");
        assertThat(out.resolve("report.json")).doesNotExist();
    }

    @Test
    void checkReadsTheDataAndFailsOnABadRowWithOneLineNamingIt() throws Exception {
        int status = run("--strategy", "grid", "--config", resource("test-grid.json"), "--check",
                "--data", resource("bad-row.csv"));

        assertThat(status).isEqualTo(2);
        assertThat(err().lines()).hasSize(1);
        assertThat(err()).contains(resource("bad-row.csv") + ":6:");
    }

    @Test
    void checkFailsOnABackwardsTimeInABinanceRecording() throws Exception {
        int status = run("--strategy", "grid", "--config", resource("test-grid.json"), "--check",
                "--data", resource("backwards.txt"));

        assertThat(status).isEqualTo(2);
        assertThat(err().lines()).hasSize(1);
        assertThat(err()).contains(resource("backwards.txt") + ":3: time goes backwards");
    }

    @Test
    void checkPassesGoodDataAndPrintsWhatWasResynced() throws Exception {
        int status = run("--strategy", "grid", "--config", resource("test-grid.json"), "--check");

        assertThat(status).as(err()).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .contains("data OK: 13 events").contains("1 update-id gap(s), 1 resync(s)");
    }

    @Test
    void aGapIsCountedInTheSummaryAndInReportJson() throws Exception {
        int status = run("--strategy", "grid", "--config", resource("test-grid.json"), "--no-progress",
                "--out", out.toString());

        assertThat(status).as(err()).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .contains("0 duplicate trade(s) dropped, 1 update-id gap(s), 1 resync(s) from a snapshot");
        JsonNode data = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("data");
        assertThat(data.get("updateIdGaps").asLong()).isEqualTo(1);
        assertThat(data.get("resyncs").asLong()).isEqualTo(1);
        assertThat(data.get("duplicateTradesDropped").asLong()).isZero();
        assertThat(data.get("inSyncAtEnd").asBoolean()).isTrue();
    }
}
