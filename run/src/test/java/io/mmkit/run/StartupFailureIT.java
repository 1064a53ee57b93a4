package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.run.testing.BackpackStandIn;
import io.mmkit.run.testing.CliProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built CLI failing to start, as a child process: an unreachable venue is one calm line and exit status 1 in
 * well under 5 s with the default timeouts; a signal while the pre-flight waits on the venue ends the start-up at
 * once, logged, with nothing placed and no DB file.
 */
class StartupFailureIT {
    private static final Map<String, String> ENV = Map.of(
            "BP_KEY", "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
            "BP_SECRET", "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=");

    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    @TempDir
    Path dir;
    private CliProcess bot;
    private BackpackStandIn venue;

    @AfterEach
    void cleanUp() {
        if (bot != null) {
            bot.close();
        }
        if (venue != null) {
            venue.close();
        }
    }

    @Test
    void shouldFailInOneLineWithinFiveSecondsWhenTheVenueCannotBeReached() throws Exception {
        String closed = "http://127.0.0.1:" + closedPort();
        bot = CliProcess.start(ENV, "--strategy", "grid", "--config", config(closed).toString());

        // Generous for the JVM's own start on a loaded box; the venue's part is measured from the log below.
        Duration took = bot.awaitExit(Duration.ofSeconds(60));

        assertThat(took).as("exited; output:%n%s", bot.joined()).isNotNull();
        assertThat(bot.exitValue()).as(bot.joined()).isEqualTo(1);
        assertThat(Duration.between(loggedAt("pre-flight: checking"), loggedAt("could not start")))
                .as("first venue call to the refusal, default timeouts").isLessThan(Duration.ofSeconds(5));
        assertThat(bot.count("could not start")).as(bot.joined()).isEqualTo(1);
        bot.assertSomeLineContains("could not start", "cannot reach backpack at " + closed, "could not connect");
        assertThat(bot.lines()).as("no stack trace").noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception:"));
        assertThat(bot.joined()).doesNotContain("may remain").doesNotContain("unverified").doesNotContain("retrying");
        assertThat(dir.resolve("data")).as("no DB file").doesNotExist();
    }

    @Test
    void shouldFailInOneLineWhenAPaperVenuesMarketDataCannotBeReached() throws Exception {
        String closed = "http://127.0.0.1:" + closedPort();
        String text = """
                {
                  "instance_id": "startup-paper-it",
                  "symbol": "BTCUSDT",
                  "exchange": {"name": "paper", "balances": {"USDT": "10000", "BTC": "1"},
                               "market_data": {"name": "binance", "market": "spot", "base_url": "URL",
                                               "ws_url": "URL"}},
                  "strategy": {"grid_lower_price": "60000", "grid_upper_price": "64000", "grid_num": 5,
                               "order_quantity": "0.001"},
                  "store": {"directory": "STORE"}
                }
                """.replace("URL", closed).replace("STORE", dir.resolve("data").toString());
        Path config = Files.writeString(dir.resolve("paper.json"), text);
        bot = CliProcess.start(Map.of(), "--strategy", "grid", "--config", config.toString());

        assertThat(bot.awaitExit(Duration.ofSeconds(60))).as("exited; output:%n%s", bot.joined()).isNotNull();
        assertThat(bot.exitValue()).as(bot.joined()).isEqualTo(1);
        assertThat(bot.count("could not start")).as(bot.joined()).isEqualTo(1);
        bot.assertSomeLineContains("could not start", "cannot reach paper trading on binance market data");
        assertThat(bot.lines()).as("no stack trace").noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by"));
        assertThat(dir.resolve("data")).as("no DB file").doesNotExist();
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void shouldEndTheStartUpCleanlyOnASignalWhileThePreflightWaits(String signal) throws Exception {
        venue = new BackpackStandIn().hangingOnMarkets();
        bot = CliProcess.start(ENV, "--strategy", "grid", "--config", config(venue.baseUrl()).toString());
        assertThat(venue.awaitMarketsAsked(60)).as("pre-flight asked for markets; output:%n%s", bot.joined())
                .isTrue();

        Duration took = bot.signalAndAwaitExit(signal, Duration.ofSeconds(10));

        assertThat(took).as("exited within 10 s of SIG%s; output:%n%s", signal, bot.joined()).isNotNull();
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(bot.exitValue()).as(bot.joined()).isZero();
        bot.assertSomeLineContains("received SIG" + signal + " during start-up", "before any order was placed");
        assertThat(venue.placements()).isZero();
        assertThat(dir.resolve("data")).as("no DB file").doesNotExist();
    }

    /** The time stamp logback puts at the start of the first line containing {@code fragment}. */
    private LocalDateTime loggedAt(String fragment) {
        String line = bot.lines().stream().filter(l -> l.contains(fragment)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with '" + fragment + "' in:\n" + bot.joined()));
        return LocalDateTime.parse(line.substring(0, 23), LOG_TIME);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private Path config(String baseUrl) throws IOException {
        String text = """
                {
                  "instance_id": "startup-it",
                  "symbol": "SOL_USDC",
                  "exchange": {"name": "backpack", "base_url": "URL", "ws_url": "URL",
                               "api_key_env": "BP_KEY", "secret_key_env": "BP_SECRET"},
                  "strategy": {"grid_lower_price": "140", "grid_upper_price": "160", "grid_num": 11,
                               "order_quantity": "1"},
                  "store": {"directory": "STORE"}
                }
                """.replace("URL", baseUrl).replace("STORE", dir.resolve("data").toString());
        return Files.writeString(dir.resolve("startup.json"), text);
    }
}
