package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.run.testing.BackpackStandIn;
import io.mmkit.run.testing.CliProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact command line the daemon calls for a hung bot: {@code java -jar mmkit.jar cancel-all --config <file>}. */
class CancelAllIT {
    private static final Map<String, String> ENV = Map.of(
            "BP_KEY", "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
            "BP_SECRET", "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=");
    private static final long OURS = (17L << 20) | 9;
    private static final long OTHER = (18L << 20) | 9;

    @TempDir
    Path dir;
    private BackpackStandIn venue;
    private CliProcess cli;

    @AfterEach
    void cleanUp() {
        if (cli != null) {
            cli.close();
        }
        if (venue != null) {
            venue.close();
        }
    }

    @Test
    void shouldCancelOnlyOurPrefixFromTheCommandLine() throws Exception {
        venue = new BackpackStandIn().resting(OURS, "Bid", "149.00").resting(OTHER, "Ask", "151.00");
        Path config = Files.writeString(dir.resolve("bot.json"), """
                {"instance_id": "bp-grid", "symbol": "SOL_USDC", "client_id_prefix": 17,
                 "exchange": {"name": "backpack", "base_url": "URL", "ws_url": "URL", "streams": false,
                              "api_key_env": "BP_KEY", "secret_key_env": "BP_SECRET"},
                 "store": {"directory": "STORE"}}
                """.replace("URL", venue.baseUrl()).replace("STORE", dir.resolve("data").toString()));

        cli = CliProcess.start(ENV, "cancel-all", "--config", config.toString());

        assertThat(cli.awaitExit(Duration.ofSeconds(30))).as(cli.joined()).isNotNull();
        assertThat(cli.exitValue()).as(cli.joined()).isZero();
        assertThat(venue.restingIds()).containsExactly(OTHER);
        cli.assertSomeLineContains("no orders with prefix 17 remain");
        assertThat(dir.resolve("data")).doesNotExist();
    }
}
