package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.run.testing.BackpackStandIn;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cancel-all --config X} against a Backpack stand-in holding our orders and somebody else's. */
class CancelAllCommandTest {
    private static final Map<String, String> ENV = Map.of(
            "BP_KEY", "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
            "BP_SECRET", "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=");
    /** Client ids drawn with prefix 17 (ours) and 18 (another instance's): prefix << 20 | sequence. */
    private static final long OURS_1 = (17L << 20) | 5;
    private static final long OURS_2 = (17L << 20) | 6;
    private static final long OTHER = (18L << 20) | 5;

    @TempDir
    Path dir;
    private BackpackStandIn venue;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startVenue() throws Exception {
        venue = new BackpackStandIn().resting(OURS_1, "Bid", "149.00").resting(OURS_2, "Ask", "151.00")
                .resting(OTHER, "Bid", "148.00");
    }

    @AfterEach
    void stopVenue() {
        venue.close();
    }

    private int cancelAll(String config) throws Exception {
        Path cfg = Files.writeString(dir.resolve("cfg.json"), config);
        CommandLine cl = new CommandLine(new CancelAllCommand(ENV));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute("--config", cfg.toString());
    }

    private String config(String extra) {
        return """
                {
                  "instance_id": "bp-grid",
                  "symbol": "SOL_USDC",
                  "client_id_prefix": 17,
                  "exchange": {"name": "backpack", "base_url": "URL", "ws_url": "URL", "streams": false,
                               "api_key_env": "BP_KEY", "secret_key_env": "BP_SECRET"},
                  "strategy": {"anything": "cancel-all does not read it"},
                  EXTRA
                  "store": {"directory": "STORE"}
                }
                """.replace("URL", venue.baseUrl()).replace("STORE", dir.resolve("store").toString())
                .replace("EXTRA", extra);
    }

    @Test
    void shouldCancelOurOrdersAndLeaveAnotherPrefixAlone() throws Exception {
        int status = cancelAll(config(""));

        assertThat(status).as(out + "\n" + err).isZero();
        assertThat(venue.restingIds()).containsExactly(OTHER);
        assertThat(out.toString()).contains("2 cancelled, none of ours remain (1 other order(s) left alone)")
                .contains("no orders with prefix 17 remain");
        assertThat(venue.requests()).noneMatch(r -> r.equals("DELETE /api/v1/orders"), "never cancel-all by symbol");
        assertThat(dir.resolve("store")).as("no DB file").doesNotExist();
    }

    @Test
    void shouldExitOneNamingTheOrdersWhenTheVenueRefusesToCancel() throws Exception {
        venue.refusingCancels();

        int status = cancelAll(config("\"shutdown\": {\"cancel_timeout\": \"1s\", \"total_timeout\": \"5s\"},"));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("may remain").contains(Long.toString(OURS_1))
                .contains(Long.toString(OURS_2)).doesNotContain(Long.toString(OTHER));
        assertThat(out.toString()).contains("last cancel failed");
        assertThat(venue.restingIds()).containsExactly(OURS_1, OURS_2, OTHER);
    }

    @Test
    void shouldExitOneWhenTheVenueCannotBeAsked() throws Exception {
        String config = config("");
        venue.close();

        int status = cancelAll(config);

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("may remain").contains("<unverified>");
        assertThat(out.toString()).contains("could not list open orders");
    }

    @Test
    void shouldExitTwoOnABadConfig() throws Exception {
        int status = cancelAll(config("").replace("\"client_id_prefix\": 17", "\"client_id_prefix\": 0"));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("mmkit: config error: client_id_prefix");
        assertThat(venue.requests()).isEmpty();
    }
}
