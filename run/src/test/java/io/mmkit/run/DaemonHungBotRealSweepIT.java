package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.run.testing.DaemonCli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * As {@link DaemonHungBotIT}, with the sweep the daemon runs by default: the real
 * {@code java -cp <classpath> io.mmkit.run.Main cancel-all --config <file>}, through the real Backpack client.
 */
class DaemonHungBotRealSweepIT extends DaemonHungBotFixture {

    @Test
    void shouldSweepAHungBotsOrdersWithTheRealCancelAllCommand() throws Exception {
        Result stop = startHangAndStop(null);

        assertThat(venue.openOrders()).as("orders left at the venue after cancel-all; its output:%n%s",
                Files.readString(dir.resolve("data/daemon/hung-bot/run-0001.sweep.log"))).isEmpty();
        assertThat(stop.output()).contains("cancel-all sweep exit 0");
        assertThat(Files.readString(dir.resolve("data/daemon/hung-bot/run-0001.sweep.log"))).isNotBlank();
        Result status = cli.daemon("status", "--config", config.toString());
        assertThat(status.output()).contains("stopped (killed, swept)");
    }
}
