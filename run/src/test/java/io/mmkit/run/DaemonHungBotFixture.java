package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.Side;
import io.mmkit.run.testing.BackpackMockVenue;
import io.mmkit.run.testing.DaemonCli;
import io.mmkit.run.testing.DaemonCli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bot that hangs (frozen with SIGSTOP, so SIGTERM cannot reach its shutdown) while its grid rests at a venue
 * that outlives it, and {@code daemon stop --timeout 3s}: shared by {@link DaemonHungBotIT} and
 * {@link DaemonHungBotRealSweepIT}.
 */
abstract class DaemonHungBotFixture {
    @TempDir
    Path dir;
    BackpackMockVenue venue;
    DaemonCli cli;
    Path config;
    long botPid;

    @BeforeEach
    void setUp() throws Exception {
        venue = new BackpackMockVenue();
        config = BackpackMockVenue.gridConfig(dir.resolve("hung.json"), "hung-bot", venue.baseUrl(), dir.resolve("data"),
                30);
        cli = new DaemonCli(Files.createDirectories(dir.resolve("cwd")), BackpackMockVenue.KEYS);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (botPid > 0) {
            DaemonCli.signal("CONT", botPid);
        }
        cli.daemon("stop", "--config", config.toString(), "--timeout", "3s");
        venue.close();
    }

    /** Starts the bot, waits for its grid at the venue, freezes it, stops it with a 3 s grace. */
    Result startHangAndStop(String sweepMain) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("start", "--strategy", "grid", "--config",
                config.toString()));
        if (sweepMain != null) {
            args.addAll(List.of("--sweep-main", sweepMain));
        }
        Result start = cli.daemon(args.toArray(String[]::new));
        assertThat(start.status()).as(start.output()).isZero();
        botPid = start.botPid();
        await("grid resting at the venue").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> venue.openOrders().stream().anyMatch(o -> o.side() == Side.BUY)
                        && venue.openOrders().stream().anyMatch(o -> o.side() == Side.SELL));
        List<OpenOrder> resting = venue.openOrders();
        assertThat(resting).isNotEmpty();

        DaemonCli.signal("STOP", botPid);
        Result stop = cli.daemon("stop", "--config", config.toString(), "--timeout", "3s");

        assertThat(stop.status()).as(stop.output()).isEqualTo(1);
        assertThat(stop.output()).contains("hung-bot did not stop within 3 s of SIGTERM: killed");
        assertThat(ProcessHandle.of(botPid).map(ProcessHandle::isAlive).orElse(false)).as("bot gone").isFalse();
        String log = Files.readString(dir.resolve("data/daemon/hung-bot/run-0001.log"));
        assertThat(log).as("the bot never got to its own shutdown").doesNotContain("exit status");
        botPid = 0;
        return stop;
    }
}
