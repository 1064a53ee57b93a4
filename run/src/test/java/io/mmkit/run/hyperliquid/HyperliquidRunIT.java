package io.mmkit.run.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmkit.core.engine.ClientOrderIds;
import io.mmkit.core.model.Fill;
import io.mmkit.core.store.OrderStatus;
import io.mmkit.core.store.RecordedOrder;
import io.mmkit.core.store.SqliteTradeStore;
import io.mmkit.exchange.hyperliquid.HyperliquidCloids;
import io.mmkit.run.testing.CliProcess;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built CLI running a perpetual grid through the real Hyperliquid client against a stateful Hyperliquid-shaped
 * stand-in on 127.0.0.1 that checks every action's signature against the API wallet. SIGTERM cancels every order of
 * ours and exits 0; {@code kill -9} and a restart on the same store cancel the orphans the killed run left (and no
 * other program's order), and book the fills made while it was down from {@code userFillsByTime}.
 */
class HyperliquidRunIT {
    private static final String COIN = "SOL";
    private static final int PREFIX = 214;
    private static final Duration FILL_POLL = Duration.ofSeconds(2);
    /** The Python SDK's test key as the API wallet; any address as the master account. */
    private static final String WALLET_KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
    private static final String ACCOUNT = "0x5e9ee1089755c3435139848e47e6635505d5a13a";
    private static final List<String> FILLED_LEVELS = List.of("99", "98", "97");
    private static final int GRID_ORDERS = 10;

    @TempDir
    Path dir;
    private StatefulHyperliquidVenue venue;
    private CliProcess bot;

    @BeforeEach
    void startVenue() throws IOException {
        venue = new StatefulHyperliquidVenue(COIN, 2, "99.95", "100.05", WALLET_KEY);
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
    void shouldPlaceAPerpGridWithPrefixedCloidsAndCancelEverythingOnSigterm() throws Exception {
        bot = startBot(config("hl-sigterm-it"));
        await("the grid resting at the stand-in: buys and sells").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200)).until(() -> venue.resting().size() >= 8 || !bot.isAlive());
        assertThat(bot.isAlive()).as("still running; output:%n%s", bot.joined()).isTrue();
        assertThat(venue.resting()).as("every cloid carries this instance's prefix")
                .allMatch(c -> ClientOrderIds.prefixOf(HyperliquidCloids.fromCloid(c)) == PREFIX);
        assertThat(venue.placements()).anyMatch(p -> p.isBuy() && p.accepted())
                .anyMatch(p -> !p.isBuy() && p.accepted());

        Duration took = bot.signalAndAwaitExit("TERM", Duration.ofSeconds(15));

        assertThat(took).as("exited after SIGTERM; output:%n%s", bot.joined()).isNotNull();
        assertThat(bot.exitValue()).as(bot.joined()).isZero();
        assertThat(venue.resting()).as("orders left at the stand-in").isEmpty();
        assertThat(venue.badSignatures()).as("actions whose signature did not recover to the API wallet").isZero();
        assertThat(venue.actionTypes()).contains("updateLeverage", "order", "cancelByCloid");
        bot.assertLinesInOrder("loop ended", "shutdown [1/5] cancel all orders: started",
                "shutdown [1/5] cancel all orders: done", "shutdown complete", "exit status 0");
        bot.assertSomeLineContains("shutdown complete", "no orders remain");
        System.out.printf("hyperliquid SIGTERM: exit %d ms after the signal, %d placements, %d actions%n",
                took.toMillis(), venue.placements().size(), venue.actionTypes().size());
    }

    @Test
    void shouldCancelOrphansAndBookFillsMadeWhileDownAfterKillNine() throws Exception {
        String instance = "hl-restart-it";
        Path config = config(instance);
        bot = startBot(config);
        await("the first run's grid resting: 5 buys, 5 sells").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200)).until(() -> venue.resting().size() == GRID_ORDERS || !bot.isAlive());
        // A status line comes after the iteration that placed the grid, so every placement's row is stored.
        await("a status line after the grid was placed").atMost(Duration.ofSeconds(30))
                .until(() -> bot.count("| position") > 0 || !bot.isAlive());
        assertThat(bot.isAlive()).as("first run alive; output:%n%s", bot.joined()).isTrue();
        assertThat(FILLED_LEVELS).allMatch(p -> venue.restingAt(true, p) != null);

        assertThat(bot.signalAndAwaitExit("KILL", Duration.ofSeconds(10))).as("killed").isNotNull();
        List<String> firstRun = venue.resting();
        List<String> filled = FILLED_LEVELS.stream().map(p -> venue.restingAt(true, p)).toList();
        filled.forEach(venue::fill);
        venue.placeForeign(true, "90", "1");
        Instant lastFill = Instant.now();
        int placementsBefore = venue.placements().size();
        await("down for longer than fill_poll_interval").atMost(Duration.ofSeconds(30))
                .until(() -> Duration.between(lastFill, Instant.now()).compareTo(FILL_POLL.multipliedBy(3)) > 0);

        bot = startBot(config);
        await("the restarted run has cancelled the orphans and quotes again").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> firstRun.stream().noneMatch(venue.resting()::contains)
                        && venue.placements().size() > placementsBefore || !bot.isAlive());
        assertThat(bot.isAlive()).as("second run alive; output:%n%s", bot.joined()).isTrue();
        await("a status line after the first iteration").atMost(Duration.ofSeconds(30))
                .until(() -> bot.count("| position") > 0);
        assertThat(venue.resting()).as("the other program's order is left alone").contains((String) null);
        assertThat(bot.signalAndAwaitExit("TERM", Duration.ofSeconds(15))).as("second run exits; output:%n%s",
                bot.joined()).isNotNull();
        assertThat(bot.exitValue()).as(bot.joined()).isZero();

        List<String> filledIds = filled.stream().map(HyperliquidCloids::fromCloid).toList();
        try (SqliteTradeStore store = SqliteTradeStore.openFile(dir.resolve("data").resolve(instance + ".db"))) {
            List<Fill> fills = store.fills(COIN, Instant.EPOCH);
            assertThat(fills).extracting(Fill::clientOrderId).as("the three fills made while down are booked")
                    .containsExactlyInAnyOrderElementsOf(filledIds);
            BigDecimal position = fills.stream().map(Fill::signedQuantity).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(position).isEqualByComparingTo("0.6");
            Map<String, OrderStatus> rows = firstRun.stream().filter(Objects::nonNull)
                    .map(HyperliquidCloids::fromCloid).collect(Collectors.toMap(id -> id,
                            id -> store.order(id).map(RecordedOrder::status).orElse(OrderStatus.UNKNOWN)));
            assertThat(rows).as("the killed run's order rows are settled; output:%n%s", bot.joined())
                    .doesNotContainValue(OrderStatus.NEW)
                    .doesNotContainValue(OrderStatus.UNKNOWN);
            filledIds.forEach(id -> assertThat(rows).containsEntry(id, OrderStatus.FILLED));
            assertThat(rows.values()).filteredOn(s -> s == OrderStatus.CANCELLED).hasSize(firstRun.size() - 3);
        }
        assertThat(venue.resting()).as("only the other program's order rests").containsExactly((String) null);
        assertThat(venue.badSignatures()).isZero();
        bot.assertSomeLineContains("restart recovery", "3 fill(s)");
    }

    private CliProcess startBot(Path config) throws IOException {
        return CliProcess.start(Map.of("MMKIT_IT_HL_ACCOUNT", ACCOUNT, "MMKIT_IT_HL_WALLET_KEY", WALLET_KEY),
                "--strategy", "perp_grid", "--config", config.toString());
    }

    private Path config(String instance) throws IOException {
        String baseUrl = venue.baseUrl();
        String config = """
                {
                  "instance_id": "%s",
                  "symbol": "%s",
                  "interval": "300ms",
                  "client_id_prefix": %d,
                  "engine": {"fill_poll_interval": "%dms"},
                  "exchange": {
                    "name": "hyperliquid",
                    "market": "perpetual",
                    "base_url": "%s",
                    "ws_url": "%s",
                    "api_key_env": "MMKIT_IT_HL_ACCOUNT",
                    "secret_key_env": "MMKIT_IT_HL_WALLET_KEY",
                    "streams": false
                  },
                  "strategy": {
                    "grid_lower_price": "95",
                    "grid_upper_price": "105",
                    "grid_num": 11,
                    "grid_mode": "arithmetic",
                    "order_quantity": "0.2",
                    "grid_type": "neutral",
                    "max_position": "5",
                    "leverage": 2
                  },
                  "shutdown": {"cancel_timeout": "5s", "save_timeout": "2s", "close_timeout": "2s",
                               "total_timeout": "10s"},
                  "store": {"directory": "%s"}
                }
                """.formatted(instance, COIN, PREFIX, FILL_POLL.toMillis(), baseUrl,
                baseUrl.replaceFirst("^http", "ws") + "/ws", dir.resolve("data"));
        return Files.writeString(dir.resolve(instance + ".json"), config);
    }
}
