package io.mmkit.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmkit.backtest.cli.BacktestCommand;
import io.mmkit.backtest.data.DataFormat;
import io.mmkit.core.model.Side;
import io.mmkit.core.time.SystemTimeSource;
import io.mmkit.sim.feed.ReplayEvent;
import io.mmkit.sim.feed.ReplayEvent.BookCleared;
import io.mmkit.sim.feed.ReplayEvent.LevelChanged;
import io.mmkit.sim.feed.ReplayEvent.TradePrinted;
import io.mmkit.sim.feed.ReplaySource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The collector on Backpack: a loopback stand-in speaking Backpack's documented shapes ({@link FakeBackpackVenue}),
 * then its database read back by the backtest's reader and replayed by {@code run backtest}.
 */
class BackpackCollectorTest {
    @TempDir
    static Path dir;
    private static Path db;
    private static FakeBackpackVenue venue;
    private static CollectorResult result;

    @BeforeAll
    static void collect() throws Exception {
        venue = new FakeBackpackVenue();
        db = dir.resolve("sol_usdc.db");
        CollectorSettings settings = CollectorSettings.backpack(FakeBackpackVenue.SYMBOL, db)
                .withUrls(venue.baseUrl(), venue.wsUrl())
                .withSnapshots(Duration.ofHours(1), 100);
        Collector collector = new Collector(settings, new SystemTimeSource(Clock.fixed(
                java.time.Instant.parse("2024-08-08T23:54:16Z"), ZoneOffset.UTC)), System::nanoTime, new Random(7));
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                outcome.set(collector.run());
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "test-backpack-collector");
        thread.start();
        venue.awaitSubscribed();
        FakeBackpackVenue.STREAM.forEach(venue::send);
        // four stream events and the snapshot the first diff made the book ask for
        await().atMost(Duration.ofSeconds(10)).until(() -> collector.eventsReceived() == 5);
        collector.stop();
        thread.join(Duration.ofSeconds(30).toMillis());
        assertThat(outcome.get()).isInstanceOf(CollectorResult.class);
        result = (CollectorResult) outcome.get();
    }

    @AfterAll
    static void close() {
        venue.close();
    }

    @Test
    void shouldSubscribeToTheDepthAndTradeStreamsAndSnapshotOverRest() {
        assertThat(venue.received).containsExactly(
                "{\"method\":\"SUBSCRIBE\",\"params\":[\"depth.SOL_USDC\",\"trade.SOL_USDC\"]}");
        assertThat(venue.requests).contains("/api/v1/depth?symbol=SOL_USDC");
        assertThat(result.clean()).isTrue();
        assertThat(result.rawEventsStored()).isEqualTo(5);
    }

    @Test
    void shouldStoreEveryEventWithItsIdsAndTheVenue() throws Exception {
        assertThat(StoredRows.query(db, "SELECT value FROM collector_info WHERE key = 'venue'").get(0).get("value"))
                .isEqualTo("backpack");
        List<Map<String, Object>> rows = StoredRows.query(db, "SELECT kind, first_update_id, last_update_id,"
                + " trade_id, price, quantity, aggressor FROM raw_events WHERE kind <> 'depth_snapshot' ORDER BY seq");
        assertThat(rows).extracting(r -> r.get("kind") + " " + r.get("first_update_id") + ".." + r.get("last_update_id")
                        + " " + r.get("trade_id") + " " + r.get("aggressor") + " " + r.get("price") + " " + r.get("quantity"))
                .containsExactly("depth_diff 101..101 null null null null", "trade null..null 1 SELL 20.1 1",
                        "depth_diff 102..103 null null null null", "trade null..null 2 BUY 20.35 0.5");
        assertThat(StoredRows.count(db, "SELECT last_update_id FROM raw_events WHERE kind = 'depth_snapshot'"))
                .isEqualTo(100);
    }

    @Test
    void shouldReplayTheBookAndTradesAsBackpackPrintedThem() {
        List<ReplayEvent> events = readAll();
        TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
        TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
        List<String> trades = new ArrayList<>();
        for (ReplayEvent e : events) {
            if (e instanceof BookCleared) {
                bids.clear();
                asks.clear();
            } else if (e instanceof LevelChanged l) {
                TreeMap<BigDecimal, BigDecimal> side = l.side() == Side.BUY ? bids : asks;
                if (l.quantity().signum() == 0) {
                    side.remove(l.price());
                } else {
                    side.put(l.price(), l.quantity());
                }
            } else if (e instanceof TradePrinted t) {
                trades.add(t.aggressor() + " " + t.price().toPlainString() + " x " + t.quantity().toPlainString());
            }
        }
        assertThat(bids).containsExactly(Map.entry(new BigDecimal("20.10"), new BigDecimal("6")),
                Map.entry(new BigDecimal("20.00"), new BigDecimal("3")));
        assertThat(asks).containsExactly(Map.entry(new BigDecimal("20.35"), new BigDecimal("2")),
                Map.entry(new BigDecimal("20.40"), new BigDecimal("2")));
        assertThat(trades).containsExactly("SELL 20.1 x 1", "BUY 20.35 x 0.5");
    }

    @Test
    void shouldRunABacktestOnTheBackpackDatabase() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path config = Path.of(getClass().getResource("/collector/grid-sol-backpack.json").toURI());

        int status = new CommandLine(new BacktestCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute("--strategy", "grid", "--config",
                config.toString(), "--data", db.toString(), "--no-progress", "--out", dir.resolve("report").toString());

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("SOL_USDC", "net PnL");
    }

    private static List<ReplayEvent> readAll() {
        List<ReplayEvent> events = new ArrayList<>();
        try (ReplaySource source = DataFormat.SQLITE.open(List.of(db))) {
            for (ReplayEvent e = source.next(); e != null; e = source.next()) {
                events.add(e);
            }
        }
        return events;
    }
}
