package io.mmkit.run.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmkit.backtest.http.BackpackOverHttp;
import io.mmkit.core.model.Fill;
import io.mmkit.core.store.OrderStatus;
import io.mmkit.core.store.RecordedOrder;
import io.mmkit.core.store.SqliteTradeStore;
import io.mmkit.run.testing.CliProcess;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The field report of mmkit issue 8, end to end: the built CLI runs a grid through the real Backpack client
 * against a stateful stand-in venue on 127.0.0.1; it is killed with {@code kill -9}; while it is down for longer
 * than its {@code fill_poll_interval}, three of its buy orders fill at the venue; it is started again on the same
 * SQLite file. The restart must book the three fills, start from the true position, not place the filled levels
 * again, and settle every order row the killed run left NEW.
 */
class RestartRecoveryIT {
    private static final String SYMBOL = "SOL_USDC";
    private static final String INSTANCE = "restart-recovery-it";
    private static final Duration FILL_POLL = Duration.ofSeconds(2);
    private static final List<String> FILLED_LEVELS = List.of("99", "98", "97");

    @TempDir
    Path dir;
    private StatefulBackpackVenue venue;
    private CliProcess bot;

    @BeforeEach
    void startVenue() throws IOException {
        venue = new StatefulBackpackVenue(SYMBOL, "99.95", "100.05", "SOL", "USDC");
    }

    @AfterEach
    void stopEverything() {
        if (bot != null) {
            bot.close();
        }
        if (venue != null) {
            venue.close();
        }
    }

    @Test
    void shouldBookFillsMadeWhileDownAndNotPlaceFilledLevelsAgain() throws Exception {
        Path config = gridConfig();
        bot = startBot(config);
        await("the first run's grid resting: 5 buys, 5 sells").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> venue.resting().size() == 10 || !bot.isAlive());
        // The venue lists an order as soon as it accepts it; the bot stores it once the answer is back (and logs
        // "placed" after that). Kill only once all ten are stored, so each first-run row can be checked below (an
        // order the store never saw is cancelled at restart as an orphan by its prefix).
        await("the first run has stored all ten placements").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> bot.count("] placed ") >= 10 || !bot.isAlive());
        assertThat(bot.isAlive()).as("first run alive; output:%n%s", bot.joined()).isTrue();
        List<String> firstRunIds = venue.resting();

        assertThat(bot.signalAndAwaitExit("KILL", Duration.ofSeconds(10))).as("killed").isNotNull();
        List<String> filledIds = FILLED_LEVELS.stream().map(p -> venue.restingAt("Bid", p)).toList();
        assertThat(filledIds).doesNotContainNull();
        filledIds.forEach(venue::fill);
        Instant lastFill = Instant.now();
        int placementsBefore = venue.placements().size();
        assertThat(venue.resting()).hasSize(7);
        await("down for longer than fill_poll_interval").atMost(Duration.ofSeconds(30))
                .until(() -> Duration.between(lastFill, Instant.now()).compareTo(FILL_POLL.multipliedBy(3)) > 0);

        bot = startBot(config);
        await("the restarted grid has placed its quotes").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> venue.resting().size() >= 8 || !bot.isAlive());
        assertThat(bot.isAlive()).as("second run alive; output:%n%s", bot.joined()).isTrue();
        await("a status line after the first iteration").atMost(Duration.ofSeconds(30))
                .until(() -> bot.count("| position") > 0);
        Duration took = bot.signalAndAwaitExit("TERM", Duration.ofSeconds(15));
        assertThat(took).as("second run exits on SIGTERM; output:%n%s", bot.joined()).isNotNull();

        List<StatefulBackpackVenue.Placement> afterRestart =
                venue.placements().subList(placementsBefore, venue.placements().size());
        assertThat(afterRestart).as("no buy placed again at a level whose buy filled while down")
                .noneMatch(p -> p.side().equals("Bid") && FILLED_LEVELS.stream()
                        .anyMatch(level -> p.price().compareTo(new BigDecimal(level)) == 0));
        assertThat(afterRestart).as("the counter order of the buy filled at 99")
                .anyMatch(p -> p.side().equals("Ask") && p.price().compareTo(new BigDecimal("100")) == 0 && p.accepted());
        assertThat(afterRestart).as("the buys that did not fill are placed again")
                .anyMatch(p -> p.side().equals("Bid") && p.price().compareTo(new BigDecimal("95")) == 0);

        try (SqliteTradeStore store = SqliteTradeStore.openFile(dir.resolve("data").resolve(INSTANCE + ".db"))) {
            List<Fill> fills = store.fills(SYMBOL, Instant.EPOCH);
            assertThat(fills).extracting(Fill::clientOrderId).as("the three fills made while down are booked")
                    .containsExactlyInAnyOrderElementsOf(filledIds);
            BigDecimal position = fills.stream().map(Fill::signedQuantity).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(position).isEqualByComparingTo("0.3");
            Map<String, OrderStatus> firstRun = firstRunIds.stream().collect(Collectors.toMap(id -> id,
                    id -> store.order(id).map(RecordedOrder::status).orElseThrow()));
            assertThat(firstRun).as("the killed run's order rows are settled").doesNotContainValue(OrderStatus.NEW)
                    .doesNotContainValue(OrderStatus.UNKNOWN);
            filledIds.forEach(id -> assertThat(firstRun).containsEntry(id, OrderStatus.FILLED));
            assertThat(firstRun.values()).filteredOn(s -> s == OrderStatus.CANCELLED).hasSize(7);
        }
        bot.assertSomeLineContains("restart recovery", "3 fill(s)", "10 of 10 order(s)");
        bot.assertSomeLineContains("| position 0.3 |");
    }

    private CliProcess startBot(Path config) throws IOException {
        return CliProcess.start(Map.of("MMKIT_IT_BACKPACK_KEY", BackpackOverHttp.DUMMY_API_KEY,
                "MMKIT_IT_BACKPACK_SECRET", BackpackOverHttp.DUMMY_SECRET),
                "--strategy", "grid", "--config", config.toString());
    }

    private Path gridConfig() throws IOException {
        String baseUrl = venue.baseUrl();
        String config = """
                {
                  "instance_id": "%s",
                  "symbol": "%s",
                  "interval": "300ms",
                  "engine": {"fill_poll_interval": "%dms"},
                  "exchange": {
                    "name": "backpack",
                    "market": "spot",
                    "base_url": "%s",
                    "ws_url": "%s",
                    "api_key_env": "MMKIT_IT_BACKPACK_KEY",
                    "secret_key_env": "MMKIT_IT_BACKPACK_SECRET",
                    "streams": false
                  },
                  "strategy": {
                    "grid_lower_price": "95",
                    "grid_upper_price": "105",
                    "grid_num": 11,
                    "grid_mode": "arithmetic",
                    "order_quantity": "0.1"
                  },
                  "shutdown": {"cancel_timeout": "5s", "save_timeout": "2s", "close_timeout": "2s",
                               "total_timeout": "10s"},
                  "store": {"directory": "%s"}
                }
                """.formatted(INSTANCE, SYMBOL, FILL_POLL.toMillis(), baseUrl, baseUrl.replaceFirst("^http", "ws"),
                dir.resolve("data"));
        return Files.writeString(dir.resolve("grid.json"), config);
    }
}
