package io.mmkit.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.core.engine.RunResult.ShutdownStep;
import io.mmkit.core.engine.ShutdownSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector end to end on loopback: a fake Binance plays the fixture's real messages over a WebSocket and
 * serves the REST depth snapshot; the collector syncs its book, stores every event and the minute, and stops
 * within its deadlines.
 */
class CollectorStreamingTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 56 trades and 10 diffs from the fixture, plus the one REST snapshot the book syncs from. */
    private static final int FIXTURE_EVENTS = 67;

    @TempDir
    Path dir;
    private FakeBinanceVenue venue;
    private Path db;

    @BeforeEach
    void start() throws Exception {
        venue = new FakeBinanceVenue();
        db = dir.resolve("btcusdt.db");
    }

    @AfterEach
    void stop() {
        venue.close();
    }

    @Test
    void shouldStoreEveryStreamedEventAndTheUnfinishedMinuteWhenStopped() throws Exception {
        CollectorRun run = new CollectorRun(venue, db);
        venue.awaitSubscribed();
        FakeBinanceVenue.STREAM.forEach(venue::send);
        await().atMost(WAIT).until(() -> run.collector.eventsReceived() == FIXTURE_EVENTS);

        CollectorResult result = run.stopAndAwait();

        assertThat(result.clean()).as(result.toString()).isTrue();
        assertThat(result.rawEventsStored()).isEqualTo(FIXTURE_EVENTS);
        assertThat(venue.received()).anyMatch(f -> f.contains("btcusdt@depth@100ms") && f.contains("btcusdt@trade"));
        assertThat(StoredRows.query(db, "SELECT kind, COUNT(*) AS n FROM raw_events GROUP BY kind ORDER BY kind"))
                .extracting(r -> r.get("kind") + "=" + r.get("n"))
                .containsExactly("depth_diff=10", "depth_snapshot=1", "trade=56");
        List<JsonNode> trades = fixtureTrades();
        assertThat(StoredRows.query(db, "SELECT trade_id, price, quantity, aggressor FROM raw_events"
                + " WHERE kind = 'trade' ORDER BY seq"))
                .extracting(r -> r.get("trade_id") + " " + r.get("price") + " " + r.get("quantity") + " "
                        + r.get("aggressor"))
                .containsExactlyElementsOf(trades.stream().map(t -> t.get("t").asLong() + " "
                        + new BigDecimal(t.get("p").asText()).stripTrailingZeros().toPlainString() + " "
                        + new BigDecimal(t.get("q").asText()).stripTrailingZeros().toPlainString() + " "
                        + (t.get("m").asBoolean() ? "SELL" : "BUY")).toList());
    }

    @Test
    void shouldSaveTheFixturesMinuteWithItsFiguresAndTheSyncedBook() throws Exception {
        CollectorRun run = new CollectorRun(venue, db);
        venue.awaitSubscribed();
        FakeBinanceVenue.STREAM.forEach(venue::send);
        await().atMost(WAIT).until(() -> run.collector.eventsReceived() == FIXTURE_EVENTS);

        run.stopAndAwait();

        List<Map<String, Object>> bars = StoredRows.query(db, "SELECT * FROM minute_bars");
        assertThat(bars).hasSize(1);
        Map<String, Object> bar = bars.get(0);
        List<JsonNode> trades = fixtureTrades();
        BigDecimal volume = BigDecimal.ZERO;
        BigDecimal sold = BigDecimal.ZERO;
        for (JsonNode t : trades) {
            BigDecimal q = new BigDecimal(t.get("q").asText());
            volume = volume.add(q);
            sold = t.get("m").asBoolean() ? sold.add(q) : sold;
        }
        assertThat(bar.get("minute")).isEqualTo("2024-08-08T23:54:00.000000000Z");
        assertThat(bar.get("complete")).isEqualTo(0);
        assertThat(bar.get("trade_count")).isEqualTo(56);
        assertThat(decimal(bar, "open")).isEqualByComparingTo(trades.get(0).get("p").asText());
        assertThat(decimal(bar, "close")).isEqualByComparingTo(trades.get(55).get("p").asText());
        assertThat(decimal(bar, "volume")).isEqualByComparingTo(volume);
        assertThat(decimal(bar, "sell_volume")).isEqualByComparingTo(sold);
        assertThat(decimal(bar, "buy_volume")).isEqualByComparingTo(volume.subtract(sold));
        // The book synced from the snapshot and the straddling diffs: it has a top, a spread and depth.
        assertThat(decimal(bar, "best_bid")).isLessThan(decimal(bar, "best_ask"));
        assertThat(decimal(bar, "spread")).isPositive();
        assertThat(decimal(bar, "bid_depth")).isPositive();
        assertThat(venue.requests).contains("/api/v3/depth");
    }

    @Test
    void shouldFinishWithinTheDeadlinesAndStoreEverythingReceivedWhenStoppedWhileStreaming() throws Exception {
        CollectorRun run = new CollectorRun(venue, db);
        venue.awaitSubscribed();
        Thread sender = new Thread(() -> {
            for (int round = 0; round < 50; round++) {
                for (String frame : FakeBinanceVenue.STREAM) {
                    if (!venue.send(frame)) {
                        return; // the collector closed the socket
                    }
                }
            }
        }, "fake-venue-sender");
        sender.start();
        await().atMost(WAIT).until(() -> run.collector.eventsReceived() >= 300);

        CollectorResult result = run.stopAndAwait();
        sender.join();

        ShutdownSettings deadlines = ShutdownSettings.DEFAULTS;
        assertThat(result.clean()).as(result.toString()).isTrue();
        assertThat(result.steps()).extracting(ShutdownStep::name).containsExactly("cancel tasks", "save data",
                "close connections", "close database", "shut down executor");
        assertThat(result.steps().get(0).took()).isLessThan(deadlines.cancelTimeout());
        assertThat(result.steps().get(1).took()).isLessThan(deadlines.saveTimeout());
        assertThat(result.steps().get(2).took()).isLessThan(deadlines.closeTimeout());
        assertThat(result.steps().get(3).took()).isLessThan(deadlines.closeTimeout());
        assertThat(result.stopToDone()).isLessThan(deadlines.totalTimeout());
        assertThat(StoredRows.count(db, "SELECT COUNT(*) FROM raw_events")).isEqualTo(result.eventsReceived());
        assertThat(result.rawEventsStored()).isEqualTo(result.eventsReceived());
    }

    static List<JsonNode> fixtureTrades() throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String frame : FakeBinanceVenue.STREAM) {
            JsonNode data = JSON.readTree(frame).get("data");
            if ("trade".equals(data.get("e").asText())) {
                out.add(data);
            }
        }
        return out;
    }

    private static BigDecimal decimal(Map<String, Object> row, String column) {
        return new BigDecimal((String) row.get(column));
    }
}
