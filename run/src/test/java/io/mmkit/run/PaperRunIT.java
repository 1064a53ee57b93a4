package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmkit.run.testing.CliProcess;
import io.mmkit.run.testing.RecordedVenueStandIn;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paper run of the built CLI: the grid on Binance BTCUSDT market data from a loopback stand-in that replays
 * the first 60 s of a real recording (depth diffs, trades, the REST snapshot; test resource
 * {@code paper/btcusdt_20240808_first60s.gz}, MIT, see {@code paper/NOTICE}), fills simulated by the one engine.
 * Then the same slice through {@code backtest}, and the two runs' fills side by side.
 */
class PaperRunIT {
    private static final String SLICE = RecordedVenueStandIn.BTCUSDT_SLICE;
    private static final String GRID = """
            {"grid_lower_price": "61800", "grid_upper_price": "61880", "grid_num": 17,
             "grid_mode": "arithmetic", "order_quantity": "0.001"}""";
    private static final String ACCOUNT = """
            "maker_fee": "0.001", "taker_fee": "0.001", "fill_model": "touch",
            "balances": {"USDT": "10000", "BTC": "0.2"}""";

    @TempDir
    Path dir;
    private RecordedVenueStandIn binance;
    private CliProcess bot;

    @AfterEach
    void stopEverything() {
        if (bot != null) {
            bot.close();
        }
        if (binance != null) {
            binance.close();
        }
    }

    @Test
    void shouldPaperTradeRecordedBinanceDataAndMatchTheBacktestOfTheSameSlice() throws Exception {
        binance = RecordedVenueStandIn.binanceSpot(SLICE, RecordedVenueStandIn.BTCUSDT_EXCHANGE_INFO);
        bot = CliProcess.start(Map.of(), "--strategy", "grid", "--config", paperConfig().toString());

        await("grid quotes placed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> bot.count("placed SELL") > 0 && bot.count("placed BUY") > 0 || !bot.isAlive());
        assertThat(bot.isAlive()).as("still running; output:%n%s", bot.joined()).isTrue();
        assertThat(binance.awaitReplayed(150, TimeUnit.SECONDS)).as("the stand-in sent the whole slice").isTrue();
        long statusLines = bot.count("| resting");
        await("a status line after the last market data").atMost(Duration.ofSeconds(30))
                .until(() -> bot.count("| resting") > statusLines + 1 || !bot.isAlive());

        Duration took = bot.signalAndAwaitExit("TERM", Duration.ofSeconds(20));

        assertThat(took).as("exited within 20 s of SIGTERM; output:%n%s", bot.joined()).isNotNull();
        assertThat(bot.exitValue()).as(bot.joined()).isZero();
        bot.assertSomeLineContains("paper BTCUSDT on binance market data");
        bot.assertSomeLineContains("FILL", "MAKER");
        bot.assertSomeLineContains("| resting", "realized", "net");
        bot.assertLinesInOrder(
                "loop ended",
                "shutdown [1/5] cancel all orders: done",
                "shutdown [3/5] close market data: done",
                "shutdown [4/5] close store: done",
                "shutdown complete",
                "exit status 0");
        bot.assertSomeLineContains("shutdown complete", "no orders remain");
        assertThat(binance.depthRequests()).as("the book was seeded from the REST snapshot").isPositive();

        List<SliceFill> paper = storedPaperFills();
        List<SliceFill> backtest = backtestFills(backtestTheSlice());
        Comparison c = Comparison.of(paper, backtest);
        System.out.println(c.describe());
        assertThat(paper).as("paper fills").isNotEmpty();
        assertThat(backtest).as("backtest fills").isNotEmpty();
        // What the feed timing explains: the paper engine stamps market data with its arrival time and matches on
        // a 20 ms pacer, and the strategy's 1 s loop starts when the JVM is up, not at the backtest's first event,
        // so a quote can rest a moment before or after a trade at its price. Measured (four runs): paper 19-22
        // fills against the backtest's 24, and in the three runs that compared prices every paper fill at a
        // backtest fill's side and price (grid levels make prices comparable). Asserted with room for a loaded machine: counts within a third of the backtest's,
        // and at most a quarter of the paper fills where the backtest has none.
        assertThat(Math.abs(paper.size() - backtest.size())).as(c.describe())
                .isLessThanOrEqualTo(Math.max(2, backtest.size() / 3));
        assertThat(c.onlyPaper().size()).as(c.describe()).isLessThanOrEqualTo(Math.max(2, paper.size() / 4));
    }

    /** A fill as both runs report it: side, price, quantity. */
    private record SliceFill(String side, BigDecimal price, BigDecimal quantity) {
        String level() {
            return side + " " + price.stripTrailingZeros().toPlainString();
        }
    }

    /** Paper against backtest: counts, volumes, and how many fills the two share at one side and price. */
    private record Comparison(int paper, int backtest, BigDecimal paperVolume, BigDecimal backtestVolume,
                              int matched, List<String> onlyPaper, List<String> onlyBacktest) {
        static Comparison of(List<SliceFill> paper, List<SliceFill> backtest) {
            List<String> onlyPaper = new ArrayList<>(paper.stream().map(SliceFill::level).sorted().toList());
            List<String> onlyBacktest = new ArrayList<>();
            for (SliceFill f : backtest) {
                if (!onlyPaper.remove(f.level())) {
                    onlyBacktest.add(f.level());
                }
            }
            Collections.sort(onlyBacktest);
            return new Comparison(paper.size(), backtest.size(), volume(paper), volume(backtest),
                    backtest.size() - onlyBacktest.size(), onlyPaper, onlyBacktest);
        }

        String describe() {
            return String.format("paper vs backtest of the same slice: paper %d fills (%s BTC), backtest %d fills"
                            + " (%s BTC); %d fills at the same side and price (%.0f%% of the backtest's); only in"
                            + " paper %s, only in the backtest %s", paper, paperVolume.toPlainString(), backtest,
                    backtestVolume.toPlainString(), matched, 100.0 * matched / Math.max(1, backtest), onlyPaper,
                    onlyBacktest);
        }

        private static BigDecimal volume(List<SliceFill> fills) {
            return fills.stream().map(SliceFill::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** The paper store's fills; every fill id and stored order marked paper, every fill's venue paper:binance. */
    private List<SliceFill> storedPaperFills() throws SQLException {
        Path db = dir.resolve("data").resolve("paper-it.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            boolean venueColumn = false;
            try (ResultSet cols = s.executeQuery("PRAGMA table_info(fills)")) {
                while (cols.next()) {
                    venueColumn |= "venue".equals(cols.getString("name"));
                }
            }
            try (ResultSet orders = s.executeQuery("SELECT count(*), sum(order_id LIKE 'paper-%') FROM orders"
                    + " WHERE order_id IS NOT NULL")) {
                orders.next();
                assertThat(orders.getInt(1)).as("orders stored").isPositive();
                assertThat(orders.getInt(2)).as("stored orders with a paper- venue id").isEqualTo(orders.getInt(1));
            }
            try (ResultSet mode = s.executeQuery("SELECT value FROM instance WHERE key = 'mode'")) {
                assertThat(mode.next()).as("the store describes the instance").isTrue();
                assertThat(mode.getString(1)).as("the instance is marked paper").isEqualTo("paper");
            }
            List<SliceFill> rows = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            List<String> venues = new ArrayList<>();
            try (ResultSet fills = s.executeQuery("SELECT fill_id, side, price, quantity"
                    + (venueColumn ? ", venue" : ", ''") + " FROM fills ORDER BY time")) {
                while (fills.next()) {
                    ids.add(fills.getString(1));
                    rows.add(new SliceFill(fills.getString(2), new BigDecimal(fills.getString(3)),
                            new BigDecimal(fills.getString(4))));
                    venues.add(fills.getString(5));
                }
            }
            assertThat(ids).allMatch(id -> id.startsWith("paper-"));
            if (venueColumn) {
                assertThat(venues).containsOnly("paper:binance");
            }
            return rows;
        }
    }

    private Path backtestTheSlice() throws IOException, InterruptedException {
        Path data = dir.resolve("btcusdt_20240808_first60s.gz");
        try (InputStream in = PaperRunIT.class.getResourceAsStream(SLICE)) {
            Files.copy(in, data);
        }
        String config = """
                {"instance_id": "paper-it-backtest", "symbol": "BTCUSDT", "interval": "1s",
                 "exchange": {"name": "simulated", "market": "spot", "base": "BTC", "quote": "USDT",
                              "tick_size": "0.01", "step_size": "0.00001", "min_notional": "5", %s},
                 "strategy": %s,
                 "backtest": {"data": ["%s"], "entry_latency": "0ms", "response_latency": "0ms"}}
                """.formatted(ACCOUNT, GRID, data);
        Path file = Files.writeString(dir.resolve("backtest.json"), config);
        Path out = dir.resolve("backtest-out");
        try (CliProcess backtest = CliProcess.start(Map.of(), "backtest", "--strategy", "grid", "--config",
                file.toString(), "--out", out.toString(), "--no-progress")) {
            await("backtest done").atMost(Duration.ofSeconds(120)).until(() -> !backtest.isAlive());
            assertThat(backtest.exitValue()).as(backtest.joined()).isZero();
            System.out.println(backtest.joined());
        }
        return out;
    }

    /** fills.csv's rows (its header names the columns). */
    private static List<SliceFill> backtestFills(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("fills.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int side = header.indexOf("side");
        int price = header.indexOf("price");
        int quantity = header.indexOf("quantity");
        assertThat(List.of(side, price, quantity)).as("fills.csv header %s", header).allMatch(i -> i >= 0);
        List<SliceFill> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            rows.add(new SliceFill(cells[side], new BigDecimal(cells[price]), new BigDecimal(cells[quantity])));
        }
        return rows;
    }

    private Path paperConfig() throws IOException {
        String config = """
                {"instance_id": "paper-it", "symbol": "BTCUSDT", "interval": "1s",
                 "exchange": {"name": "paper",
                              "market_data": {"name": "binance", "market": "spot", "base_url": "%s", "ws_url": "%s"},
                              %s},
                 "strategy": %s,
                 "shutdown": {"cancel_timeout": "5s", "save_timeout": "2s", "close_timeout": "2s",
                              "total_timeout": "10s"},
                 "store": {"directory": "%s"}}
                """.formatted(binance.baseUrl(), binance.wsUrl(), ACCOUNT, GRID, dir.resolve("data"));
        return Files.writeString(dir.resolve("paper.json"), config);
    }
}
