package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.run.testing.DaemonCli;
import io.mmkit.run.testing.DaemonCli.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon manager starts a supervised bot in the background, says so only once the bot reports running,
 * and stops it through SIGTERM, cleanly and quickly — with its files beside the store, wherever it is run from.
 */
class DaemonIT {
    @TempDir
    Path dir;
    private Path config;
    private DaemonCli cli;

    @BeforeEach
    void setUp() throws Exception {
        config = DaemonCli.demoGridConfig(Files.createDirectories(dir.resolve("cfg")).resolve("demo.json"),
                dir.resolve("data"));
        cli = new DaemonCli(Files.createDirectories(dir.resolve("elsewhere")), Map.of());
    }

    @AfterEach
    void stopAnything() throws Exception {
        cli.daemon("stop", "--config", config.toString(), "--timeout", "5s");
    }

    @Test
    void shouldStartInTheBackgroundAndStopCleanlyOnCommand() throws Exception {
        Result start = cli.daemon("start", "--strategy", "grid", "--config", config.toString(),
                "--sweep-main", "io.mmkit.run.testing.NothingToCancelSweep");

        assertThat(start.status()).as(start.output()).isZero();
        assertThat(start.output()).contains("started demo-grid: running (bot pid");
        Path files = dir.resolve("data/daemon/demo-grid");
        Path log = files.resolve("run-0001.log");
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).as("running means quoting").contains("| resting ");
        assertThat(dir.resolve("elsewhere/data")).as("nothing in the current directory").doesNotExist();
        Result status = cli.daemon("status", "--config", config.toString());
        assertThat(status.status()).as(status.output()).isZero();
        assertThat(status.output()).contains("demo-grid").contains("running: bot pid").contains("up ");
        assertThat(cli.daemon("status", "--home", dir.resolve("data/daemon").toString()).output())
                .as("listing the home").contains("demo-grid").contains("running");
        Result again = cli.daemon("start", "--strategy", "grid", "--config", config.toString());
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.output()).contains("already running");

        Result stop = cli.daemon("stop", "--config", config.toString());

        assertThat(stop.status()).as(stop.output()).isZero();
        assertThat(stop.output()).contains("stopped demo-grid in").contains("exit status 0");
        long millis = Long.parseLong(stop.output().replaceAll("(?s).*stopped demo-grid in (\\d+) ms.*", "$1"));
        assertThat(millis).isLessThan(5_000);
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("no orders remain");
        Result after = cli.daemon("status", "--config", config.toString());
        assertThat(after.status()).as("not running: non-zero").isEqualTo(3);
        assertThat(after.output()).contains("stopped clean").contains("exit status 0").doesNotContain("running");
        assertThat(files.resolve("run-0001.sweep.log")).as("a clean stop needs no sweep").doesNotExist();
    }

    @Test
    void shouldRejectABadRestartFlagBeforeStartingAnything() throws Exception {
        Result start = cli.daemon("start", "--strategy", "grid", "--config", config.toString(),
                "--restart", "always");

        assertThat(start.status()).isEqualTo(2);
        assertThat(start.output().strip()).isEqualTo("mmkit: config error: --restart: use no or on-failure, was \"always\"");
        assertThat(dir.resolve("data/daemon/demo-grid/state.properties")).doesNotExist();
    }
}
