package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmkit.sim.feed.ListReplaySource;
import io.mmkit.sim.feed.ReplayEvent;
import io.mmkit.sim.BacktestExchange;
import io.mmkit.sim.ExchangeSettings;
import io.mmkit.sim.FillModelName;
import io.mmkit.backtest.http.BackpackOverHttp;
import io.mmkit.backtest.http.SimulatedVenueServer;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.Side;
import io.mmkit.run.testing.CliProcess;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built CLI with a Backpack config pointed at a local mock venue: the real Backpack client places grid
 * orders, and on SIGTERM cancels every one of them through the same client and exits 0.
 *
 * <p>The mock is the backtest engine served over HTTP in Backpack's shape, holding a static book that never
 * trades: its virtual clock never moves, so the live run's wall clock and the venue's never need to agree
 * (the mock checks no timestamp or signature). The child runs REST-only ({@code "streams": false}): the mock
 * has no WebSocket.
 */
class VenueRunIT {
    private static final String SYMBOL = "SOL_USDC";
    private static final Instant BOOK_TIME = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;
    private BacktestExchange venue;
    private SimulatedVenueServer server;
    private CliProcess bot;

    @BeforeEach
    void startMockVenue() {
        Instrument sol = Instrument.spot(SYMBOL, "SOL", "USDC", "0.01", "0.01");
        List<ReplayEvent> book = List.of(
                new ReplayEvent.LevelChanged(BOOK_TIME, Side.BUY, new BigDecimal("150.00"), new BigDecimal("40")),
                new ReplayEvent.LevelChanged(BOOK_TIME, Side.SELL, new BigDecimal("150.10"), new BigDecimal("40")));
        venue = new BacktestExchange(ExchangeSettings.of(sol, FillModelName.QUEUE,
                Map.of("USDC", new BigDecimal("100000"), "SOL", new BigDecimal("500"))),
                new ListReplaySource(book), null);
        assertThat(venue.warmUp()).as("the mock's book is two-sided").isTrue();
        server = new SimulatedVenueServer(venue);
    }

    @AfterEach
    void stopEverything() {
        if (bot != null) {
            bot.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldPlaceThroughTheRealBackpackClientAndCancelEverythingOnSigterm() throws Exception {
        bot = CliProcess.start(Map.of("MMKIT_IT_BACKPACK_KEY", BackpackOverHttp.DUMMY_API_KEY,
                        "MMKIT_IT_BACKPACK_SECRET", BackpackOverHttp.DUMMY_SECRET),
                "--strategy", "grid", "--config", backpackConfigAt(server.baseUrl()).toString());

        await("grid orders resting at the mock venue").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> bothSidesResting() || !bot.isAlive());
        assertThat(bot.isAlive()).as("still running; output:%n%s", bot.joined()).isTrue();
        assertThat(venue.openOrders(SYMBOL)).extracting(OpenOrder::clientOrderId)
                .as("numeric u32 client ids, as Backpack takes them").allMatch(id -> Long.parseLong(id) < (1L << 32));

        Duration took = bot.signalAndAwaitExit("TERM", Duration.ofSeconds(10));

        assertThat(took).as("exited within 10 s of SIGTERM; output:%n%s", bot.joined()).isNotNull();
        assertThat(bot.exitValue()).as(bot.joined()).isZero();
        assertThat(venue.openOrders(SYMBOL)).as("orders of ours left at the venue").isEmpty();
        bot.assertSomeLineContains("streams off (REST-only)");
        bot.assertLinesInOrder(
                "loop ended",
                "shutdown [1/5] cancel all orders: started",
                "shutdown [1/5] cancel all orders: done",
                "shutdown [3/5] close market data: done",
                "shutdown [4/5] close store: done",
                "shutdown [5/5] shut down executor: done",
                "shutdown complete",
                "exit status 0");
        bot.assertSomeLineContains("cancel all orders: done", "venue lists none of ours");
        bot.assertSomeLineContains("shutdown complete", "no orders remain");
    }

    private boolean bothSidesResting() {
        List<OpenOrder> resting = venue.openOrders(SYMBOL);
        return resting.stream().anyMatch(o -> o.side() == Side.BUY)
                && resting.stream().anyMatch(o -> o.side() == Side.SELL);
    }

    private Path backpackConfigAt(String baseUrl) throws IOException {
        String config = """
                {
                  "instance_id": "venue-run-it",
                  "symbol": "%s",
                  "interval": "500ms",
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
                    "grid_lower_price": "148",
                    "grid_upper_price": "152",
                    "grid_num": 21,
                    "grid_mode": "arithmetic",
                    "order_quantity": "0.5"
                  },
                  "shutdown": {"cancel_timeout": "5s", "save_timeout": "2s", "close_timeout": "2s",
                               "total_timeout": "8s"},
                  "store": {"directory": "%s"}
                }
                """.formatted(SYMBOL, baseUrl, baseUrl.replaceFirst("^http", "ws"), dir.resolve("data"));
        return Files.writeString(dir.resolve("backpack.json"), config);
    }
}
