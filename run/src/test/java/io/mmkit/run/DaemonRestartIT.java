package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmkit.run.testing.DaemonCli;
import io.mmkit.run.testing.DaemonCli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --restart on-failure --max-restarts 2}: a bot that crashes is started again, twice, each time in a
 * new run with its own log; the third crash in a row exhausts the budget, and the supervisor gives up, sweeps
 * and reports it crashed.
 */
class DaemonRestartIT {
    @TempDir
    Path dir;
    private Path config;
    private DaemonCli cli;

    @BeforeEach
    void setUp() throws Exception {
        config = DaemonCli.demoGridConfig(dir.resolve("demo.json"), dir.resolve("data"));
        cli = new DaemonCli(Files.createDirectories(dir.resolve("cwd")), Map.of("MMKIT_HOME", dir.resolve("home").toString()));
    }

    @AfterEach
    void stopAnything() throws Exception {
        cli.daemon("stop", "--instance", "demo-grid", "--timeout", "5s");
    }

    @Test
    void shouldRestartACrashedBotWithinItsBudgetAndStopRestartingPastIt() throws Exception {
        Result start = cli.daemon("start", "--strategy", "grid", "--config", config.toString(),
                "--restart", "on-failure", "--max-restarts", "2", "--restart-backoff", "500ms",
                "--sweep-main", "io.mmkit.run.testing.NothingToCancelSweep");
        assertThat(start.status()).as(start.output()).isZero();
        long pid = start.botPid();

        for (int run = 2; run <= 3; run++) {
            DaemonCli.signal("KILL", pid);
            Result running = awaitStatus("running: bot pid", "run " + run + ",");
            assertThat(running.status()).as(running.output()).isZero();
            assertThat(running.output()).contains("restarts " + (run - 1))
                    .contains("last run crashed (exit code 137 = killed by signal 9)");
            assertThat(running.botPid()).isNotEqualTo(pid);
            pid = running.botPid();
        }
        DaemonCli.signal("KILL", pid);

        Result gaveUp = awaitStatus("crashed", "restart budget used up (2 in a row)");
        assertThat(gaveUp.status()).as(gaveUp.output()).isEqualTo(1);
        assertThat(gaveUp.output()).contains("run-0003.log").contains("cancel-all sweep exit 0");
        assertThat(dir.resolve("home/demo-grid/run-0004.log")).as("no fourth run").doesNotExist();
        assertThat(Files.readString(dir.resolve("home/demo-grid/supervisor.log")))
                .contains("restart 1 of 2 in a row in 500 ms").contains("restart 2 of 2 in a row in 1000 ms");
    }

    private Result awaitStatus(String... fragments) {
        AtomicReference<Result> last = new AtomicReference<>();
        await("status saying " + String.join(", ", fragments)).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    last.set(cli.daemon("status", "--instance", "demo-grid"));
                    for (String f : fragments) {
                        if (!last.get().output().contains(f)) {
                            return false;
                        }
                    }
                    return true;
                });
        return last.get();
    }
}
