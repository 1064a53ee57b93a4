package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmkit.backtest.data.ListReplaySource;
import io.mmkit.backtest.data.ReplayEvent;
import io.mmkit.backtest.engine.BacktestExchange;
import io.mmkit.backtest.engine.ExchangeSettings;
import io.mmkit.backtest.engine.FillModelName;
import io.mmkit.backtest.http.BackpackOverHttp;
import io.mmkit.backtest.http.SimulatedVenueServer;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.Side;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    private static final Path JAR = Path.of(System.getProperty("mmkit.jar", "target/mmkit.jar"));
    private static final String SYMBOL = "SOL_USDC";
    private static final Instant BOOK_TIME = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;
    private BacktestExchange venue;
    private SimulatedVenueServer server;
    private Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

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
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldPlaceThroughTheRealBackpackClientAndCancelEverythingOnSigterm() throws Exception {
        start(backpackConfigAt(server.baseUrl()));

        await("grid orders resting at the mock venue").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> bothSidesResting() || !process.isAlive());
        assertThat(process.isAlive()).as("still running; output:%n%s", joined()).isTrue();
        assertThat(venue.openOrders(SYMBOL)).extracting(OpenOrder::clientOrderId)
                .as("numeric u32 client ids, as Backpack takes them").allMatch(id -> Long.parseLong(id) < (1L << 32));

        long signalled = System.nanoTime();
        new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
        boolean exited = process.waitFor(10, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - signalled);

        assertThat(exited).as("exited within 10 s of SIGTERM; output:%n%s", joined()).isTrue();
        assertThat(process.exitValue()).as(joined()).isZero();
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(venue.openOrders(SYMBOL)).as("orders of ours left at the venue").isEmpty();
        assertThat(output).anySatisfy(l -> assertThat(l).contains("streams off (REST-only)"));
        assertShutdownLoggedInOrder();
    }

    private boolean bothSidesResting() {
        List<OpenOrder> resting = venue.openOrders(SYMBOL);
        return resting.stream().anyMatch(o -> o.side() == Side.BUY)
                && resting.stream().anyMatch(o -> o.side() == Side.SELL);
    }

    private void assertShutdownLoggedInOrder() {
        String[] expected = {
            "loop ended",
            "shutdown [1/5] cancel all orders: started",
            "shutdown [1/5] cancel all orders: done",
            "shutdown [3/5] close market data: done",
            "shutdown [4/5] close store: done",
            "shutdown [5/5] shut down executor: done",
            "shutdown complete",
            "exit status 0",
        };
        List<String> lines = List.copyOf(output);
        int at = -1;
        for (String step : expected) {
            int found = -1;
            for (int i = at + 1; i < lines.size(); i++) {
                if (lines.get(i).contains(step)) {
                    found = i;
                    break;
                }
            }
            assertThat(found).as("'%s' logged after line %d in:%n%s", step, at, String.join("\n", lines))
                    .isGreaterThan(at);
            at = found;
        }
        assertThat(output).anySatisfy(l -> assertThat(l).contains("cancel all orders: done")
                .contains("venue lists none of ours"));
        assertThat(output).anySatisfy(l -> assertThat(l).contains("shutdown complete").contains("no orders remain"));
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

    private void start(Path config) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString(), "--strategy", "grid", "--config",
                config.toString()).redirectErrorStream(true);
        builder.environment().put("MMKIT_IT_BACKPACK_KEY", BackpackOverHttp.DUMMY_API_KEY);
        builder.environment().put("MMKIT_IT_BACKPACK_SECRET", BackpackOverHttp.DUMMY_SECRET);
        process = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
    }

    private String joined() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }
}
