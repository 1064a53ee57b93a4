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
 * A bot killed with SIGKILL behind the supervisor's back is reported as crashed — not as "stopped", and never
 * with the clean exit line of the run before it — and gets the cancel-all sweep.
 */
class DaemonCrashIT {
    private static final String SWEEP = "io.mmkit.run.testing.NothingToCancelSweep";

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
        cli.daemon("stop", "--config", config.toString(), "--timeout", "5s");
    }

    @Test
    void shouldReportAKilledBotAsCrashedWithoutTheEarlierRunsExitLine() throws Exception {
        Result first = cli.daemon("start", "--strategy", "grid", "--config", config.toString(), "--sweep-main", SWEEP);
        assertThat(first.status()).as(first.output()).isZero();
        Result cleanStop = cli.daemon("stop", "--instance", "demo-grid");
        assertThat(cleanStop.output()).as("run 1 ends clean").contains("exit status 0");
        Result second = cli.daemon("start", "--strategy", "grid", "--config", config.toString(), "--sweep-main", SWEEP);
        assertThat(second.status()).as(second.output()).isZero();
        assertThat(second.output()).contains("run-0002.log");

        DaemonCli.signal("KILL", second.botPid());

        AtomicReference<Result> status = new AtomicReference<>();
        await("status says crashed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    status.set(cli.daemon("status", "--instance", "demo-grid"));
                    return status.get().output().contains("crashed") && status.get().output().contains("sweep");
                });
        assertThat(status.get().status()).as(status.get().output()).isEqualTo(1);
        assertThat(status.get().output())
                .contains("crashed: pid gone, no exit line (exit code 137 = killed by signal 9)")
                .contains("cancel-all sweep exit 0")
                .contains("run-0002.log")
                .doesNotContain("exit status 0");
        Path runs = dir.resolve("home/demo-grid");
        assertThat(Files.readString(runs.resolve("run-0002.sweep.log")))
                .contains("called with: cancel-all --config " + config.toAbsolutePath());
        Result stop = cli.daemon("stop", "--instance", "demo-grid");
        assertThat(stop.status()).isZero();
        assertThat(stop.output()).contains("demo-grid is not running (crashed").doesNotContain("exit status 0");
    }
}
