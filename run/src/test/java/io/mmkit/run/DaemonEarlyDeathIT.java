package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.run.testing.BackpackMockVenue;
import io.mmkit.run.testing.DaemonCli;
import io.mmkit.run.testing.DaemonCli.Result;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bot whose config is valid but whose venue cannot be reached dies during its start-up: {@code daemon start}
 * waits for that, exits non-zero with the bot's last error line, and the supervisor does not restart it
 * even under {@code --restart on-failure} (a restart would only repeat it).
 */
class DaemonEarlyDeathIT {
    @TempDir
    Path dir;

    @Test
    void shouldExitNonZeroWithTheBotsLastErrorWhenItDiesBeforeRunning() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path config = BackpackMockVenue.gridConfig(dir.resolve("unreachable.json"), "early-death",
                "http://127.0.0.1:" + closedPort, dir.resolve("data"));
        DaemonCli cli = new DaemonCli(Files.createDirectories(dir.resolve("cwd")), BackpackMockVenue.KEYS);

        Result start = cli.daemon("start", "--strategy", "grid", "--config", config.toString(),
                "--restart", "on-failure", "--sweep-main", "io.mmkit.run.testing.NothingToCancelSweep");

        assertThat(start.status()).as(start.output()).isEqualTo(1);
        assertThat(start.output()).contains("mmkit: early-death died before it reported running (exit code 1): ")
                .contains("ERROR [early-death]").contains("could not connect").contains("run-0001.log");
        Result status = cli.daemon("status", "--config", config.toString());
        assertThat(status.status()).as(status.output()).isEqualTo(1);
        assertThat(status.output()).contains("failed to start").contains("not restarted");
        assertThat(dir.resolve("data/daemon/early-death/run-0002.log")).doesNotExist();
    }
}
