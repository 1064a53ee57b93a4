package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmkit.core.model.Fill;
import io.mmkit.core.store.OrderStatus;
import io.mmkit.core.store.RecordedOrder;
import io.mmkit.core.store.SqliteTradeStore;
import io.mmkit.run.testing.CliProcess;
import io.mmkit.run.testing.StatefulFuturesVenue;
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
 * The built CLI running a perpetual grid on Aster through the real Aster v3 client against a stateful
 * Binance-futures-shaped stand-in on 127.0.0.1 that checks every signed call as Aster does (user, signer, fresh
 * nonce, the API wallet's EIP-712 signature). SIGTERM cancels everything and exits 0; after {@code kill -9}, fills
 * made while down are booked on restart and the killed run's orders are settled and cancelled.
 */
class AsterVenueIT {
    private static final String SYMBOL = "ASTERUSDT";
    /** Aster v3's documented demonstration account and API wallet. */
    private static final String USER = "0x63DD5aCC6b1aa0f563956C0e534DD30B6dcF7C4e";
    private static final String SIGNER_KEY = "0x4fd0a42218f3eae43a6ce26d22544e986139a01e5b34a62db53757ffca81bae1";
    private static final Duration FILL_POLL = Duration.ofSeconds(2);
    private static final int GRID_ORDERS = 10;

    @TempDir
    Path dir;
    private StatefulFuturesVenue venue;
    private CliProcess bot;

    @BeforeEach
    void startVenue() throws IOException {
        venue = StatefulFuturesVenue.asterV3(SYMBOL, "ASTER", "USDT", "0.9995", "1.0005", USER, SIGNER_KEY);
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
    void shouldPlaceAPerpGridWithSignedCallsAndCancelEverythingOnSigterm() throws Exception {
        bot = startBot(config("aster-it-term"));

        await("the grid resting on both sides").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> venue.resting().size() == GRID_ORDERS || !bot.isAlive());
        assertThat(bot.isAlive()).as("still running; output:%n%s", bot.joined()).isTrue();
        assertThat(venue.leverage()).as("leverage set on the venue at start").isEqualTo(3);
        assertThat(venue.placements()).as("buys below and sells above the book")
                .anyMatch(p -> p.side().equals("BUY") && p.accepted())
                .anyMatch(p -> p.side().equals("SELL") && p.accepted());

        Duration took = bot.signalAndAwaitExit("TERM", Duration.ofSeconds(20));

        assertThat(took).as("exited after SIGTERM; output:%n%s", bot.joined()).isNotNull();
        assertThat(bot.exitValue()).as(bot.joined()).isZero();
        assertThat(venue.resting()).as("orders left at the venue").isEmpty();
        assertThat(venue.refusedSignatures()).as("calls the venue refused for their signature or nonce").isZero();
        bot.assertLinesInOrder("shutdown [1/5] cancel all orders: started", "shutdown [1/5] cancel all orders: done",
                "shutdown complete", "exit status 0");
        bot.assertSomeLineContains("shutdown complete", "no orders remain");
        System.out.printf("aster v3 perp grid: %d orders placed, exit %d ms after SIGTERM%n",
                venue.placements().size(), took.toMillis());
    }

    @Test
    void shouldBookFillsMadeWhileKilledAndCancelTheKilledRunsOrdersOnRestart() throws Exception {
        Path config = config("aster-it-restart");
        bot = startBot(config);
        await("the first run's grid resting").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> venue.resting().size() == GRID_ORDERS || !bot.isAlive());
        // The venue lists an order once it accepts it; the bot stores it when the answer is back and logs "placed"
        // after that. Kill only once every placement is stored, so each first-run row can be checked below.
        await("the first run has stored every placement").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> bot.count("] placed ") >= GRID_ORDERS || !bot.isAlive());
        assertThat(bot.isAlive()).as("first run alive; output:%n%s", bot.joined()).isTrue();
        List<String> firstRunIds = venue.resting();

        assertThat(bot.signalAndAwaitExit("KILL", Duration.ofSeconds(10))).as("killed").isNotNull();
        String nearestBuy = venue.restingNearest("BUY");
        venue.fill(nearestBuy);
        String nextBuy = venue.restingNearest("BUY");
        venue.fill(nextBuy);
        List<String> filledIds = List.of(nearestBuy, nextBuy);
        Instant lastFill = Instant.now();
        await("down for longer than fill_poll_interval").atMost(Duration.ofSeconds(30))
                .until(() -> Duration.between(lastFill, Instant.now()).compareTo(FILL_POLL.multipliedBy(3)) > 0);

        bot = startBot(config);
        await("a status line after the restarted run's first iteration").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200)).until(() -> bot.count("| position") > 0 || !bot.isAlive());
        assertThat(bot.isAlive()).as("second run alive; output:%n%s", bot.joined()).isTrue();
        List<String> orphansLeft = firstRunIds.stream().filter(venue.resting()::contains).toList();
        Duration took = bot.signalAndAwaitExit("TERM", Duration.ofSeconds(20));

        assertThat(took).as("second run exits on SIGTERM; output:%n%s", bot.joined()).isNotNull();
        assertThat(bot.exitValue()).as(bot.joined()).isZero();
        assertThat(orphansLeft).as("the killed run's orders still resting after the restart").isEmpty();
        assertThat(venue.resting()).as("orders left at the venue").isEmpty();
        assertThat(venue.refusedSignatures()).isZero();
        try (SqliteTradeStore store = SqliteTradeStore.openFile(dir.resolve("data").resolve("aster-it-restart.db"))) {
            List<Fill> fills = store.fills(SYMBOL, Instant.EPOCH);
            assertThat(fills).extracting(Fill::clientOrderId).as("the fills made while down are booked")
                    .containsExactlyInAnyOrderElementsOf(filledIds);
            BigDecimal position = fills.stream().map(Fill::signedQuantity).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(position).isEqualByComparingTo("20").isEqualByComparingTo(venue.position());
            Map<String, OrderStatus> firstRun = firstRunIds.stream().collect(Collectors.toMap(id -> id,
                    id -> store.order(id).map(RecordedOrder::status).orElseThrow()));
            assertThat(firstRun).as("the killed run's order rows are settled").doesNotContainValue(OrderStatus.NEW)
                    .doesNotContainValue(OrderStatus.UNKNOWN);
            filledIds.forEach(id -> assertThat(firstRun).containsEntry(id, OrderStatus.FILLED));
            assertThat(firstRun.values()).filteredOn(s -> s == OrderStatus.CANCELLED).hasSize(GRID_ORDERS - 2);
        }
        bot.assertSomeLineContains("restart recovery", "2 fill(s)");
        bot.assertSomeLineContains("| position 20 |");
    }

    private CliProcess startBot(Path config) throws IOException {
        return CliProcess.start(Map.of("MMKIT_IT_ASTER_USER", USER, "MMKIT_IT_ASTER_SIGNER_KEY", SIGNER_KEY),
                "--strategy", "perp_grid", "--config", config.toString());
    }

    private Path config(String instance) throws IOException {
        String baseUrl = venue.baseUrl();
        String config = """
                {
                  "instance_id": "%s",
                  "symbol": "%s",
                  "interval": "300ms",
                  "engine": {"fill_poll_interval": "%dms"},
                  "exchange": {
                    "name": "aster",
                    "market": "perpetual",
                    "auth": "v3",
                    "base_url": "%s",
                    "ws_url": "%s",
                    "user_env": "MMKIT_IT_ASTER_USER",
                    "signer_key_env": "MMKIT_IT_ASTER_SIGNER_KEY",
                    "streams": false
                  },
                  "strategy": {
                    "grid_lower_price": "0.95",
                    "grid_upper_price": "1.05",
                    "grid_num": 11,
                    "grid_mode": "arithmetic",
                    "order_quantity": "10",
                    "grid_type": "neutral",
                    "max_position": "100",
                    "leverage": 3
                  },
                  "shutdown": {"cancel_timeout": "5s", "save_timeout": "2s", "close_timeout": "2s",
                               "total_timeout": "10s"},
                  "store": {"directory": "%s"}
                }
                """.formatted(instance, SYMBOL, FILL_POLL.toMillis(), baseUrl, baseUrl.replaceFirst("^http", "ws"),
                dir.resolve("data"));
        return Files.writeString(dir.resolve(instance + ".json"), config);
    }
}
