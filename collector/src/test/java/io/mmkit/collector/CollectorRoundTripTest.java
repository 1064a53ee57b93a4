package io.mmkit.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmkit.backtest.cli.BacktestCommand;
import io.mmkit.backtest.data.DataFormat;
import io.mmkit.sim.feed.ReplayEvent;
import io.mmkit.sim.feed.ReplayEvent.BookCleared;
import io.mmkit.sim.feed.ReplayEvent.LevelChanged;
import io.mmkit.sim.feed.ReplayEvent.TradePrinted;
import io.mmkit.sim.feed.ReplaySource;
import io.mmkit.core.model.Side;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What the collector stored replays through the backtest: its reader, and {@code run backtest --data x.db}. */
class CollectorRoundTripTest {
    @TempDir
    static Path dir;
    private static Path db;
    private static FakeBinanceVenue venue;

    @BeforeAll
    static void collect() throws Exception {
        venue = new FakeBinanceVenue();
        db = dir.resolve("collected.db");
        CollectorRun run = new CollectorRun(venue, db);
        venue.awaitSubscribed();
        FakeBinanceVenue.STREAM.forEach(venue::send);
        await().atMost(Duration.ofSeconds(10)).until(() -> run.collector.eventsReceived() == 67);
        assertThat(run.stopAndAwait().clean()).isTrue();
    }

    @AfterAll
    static void close() {
        venue.close();
    }

    @Test
    void shouldBeReadAsSqliteDataByItsExtension() {
        assertThat(DataFormat.guess(db)).isEqualTo(DataFormat.SQLITE);
        assertThat(DataFormat.named("sqlite")).isEqualTo(DataFormat.SQLITE);
    }

    @Test
    void shouldReplayEveryTradeInOrderWithItsAggressor() throws Exception {
        List<ReplayEvent> events = readAll();

        List<JsonNode> fixture = CollectorStreamingTest.fixtureTrades();
        List<TradePrinted> trades = events.stream().filter(TradePrinted.class::isInstance)
                .map(TradePrinted.class::cast).toList();
        assertThat(trades).hasSize(fixture.size());
        for (int i = 0; i < trades.size(); i++) {
            JsonNode t = fixture.get(i);
            assertThat(trades.get(i).price()).isEqualByComparingTo(t.get("p").asText());
            assertThat(trades.get(i).quantity()).isEqualByComparingTo(t.get("q").asText());
            assertThat(trades.get(i).aggressor()).isEqualTo(t.get("m").asBoolean() ? Side.SELL : Side.BUY);
        }
        assertThat(events).isSortedAccordingTo(Comparator.comparing(ReplayEvent::time));
    }

    @Test
    void shouldRebuildTheSameBookTheCollectorHadAtTheMinutesClose() {
        List<ReplayEvent> events = readAll();

        assertThat(events.stream().filter(e -> !(e instanceof TradePrinted)).findFirst())
                .containsInstanceOf(BookCleared.class);
        TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
        TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
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
            }
        }
        Map<String, Object> bar = StoredRows.query(db, "SELECT best_bid, best_ask FROM minute_bars").get(0);
        assertThat(bids.firstKey()).isEqualByComparingTo((String) bar.get("best_bid"));
        assertThat(asks.firstKey()).isEqualByComparingTo((String) bar.get("best_ask"));
    }

    @Test
    void shouldRunABacktestOnTheCollectedDatabase() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path config = Path.of(getClass().getResource("/collector/grid-btc.json").toURI());

        int status = new CommandLine(new BacktestCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute("--strategy", "grid", "--config",
                config.toString(), "--data", db.toString(), "--no-progress", "--out", dir.resolve("report").toString());

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("net PnL");
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
