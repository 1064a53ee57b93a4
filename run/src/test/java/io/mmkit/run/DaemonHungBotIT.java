package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.run.testing.DaemonCli.Result;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * A hung bot is killed after its grace, and the supervisor's cancel-all sweep — here {@code MockVenueSweep},
 * on the same command line as the real {@code cancel-all} — cancels what it left at the venue.
 * {@link DaemonHungBotRealSweepIT} runs the real command.
 */
class DaemonHungBotIT extends DaemonHungBotFixture {

    @Test
    void shouldKillAHungBotAfterItsGraceAndSweepItsOrders() throws Exception {
        Result stop = startHangAndStop("io.mmkit.run.testing.MockVenueSweep");

        assertThat(venue.openOrders()).as("orders left at the venue after the sweep").isEmpty();
        assertThat(stop.output()).contains("cancel-all sweep exit 0 (venue lists none of ours)")
                .contains("mock venue sweep called with: cancel-all --config " + config.toAbsolutePath());
        assertThat(Files.readString(dir.resolve("data/daemon/hung-bot/run-0001.sweep.log")))
                .contains("mock venue sweep called with: cancel-all --config " + config.toAbsolutePath())
                .containsPattern("cancelled [1-9]\\d*, 0 remain");
        Result status = cli.daemon("status", "--config", config.toString());
        assertThat(status.status()).as(status.output()).isEqualTo(3);
        assertThat(status.output()).contains("stopped (killed, swept)").contains("did not stop within its grace");
    }
}
