package io.mmkit.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.collector.CollectedEvent.DiffReceived;
import io.mmkit.collector.CollectedEvent.TradeReceived;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.Trade;
import io.mmkit.core.time.SystemTimeSource;
import io.mmkit.exchange.binance.BinanceMarket;
import io.mmkit.exchange.ws.DepthDiff;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aggregator thread's hand-over to the save step: nothing queued is lost, the open minute is kept. */
class AggregatorTest {
    private static final Instant T0 = Instant.parse("2024-08-08T23:54:00Z");

    @TempDir
    Path dir;
    private Path db;
    private CollectorStore store;
    private final EventIntake intake = new EventIntake();
    private Aggregator aggregator;
    private Thread thread;

    @BeforeEach
    void start() {
        db = dir.resolve("agg.db");
        store = CollectorStore.open(db, "BTCUSDT", Map.of("venue", "binance"));
        CollectorSettings settings = CollectorSettings.defaults("BTCUSDT", BinanceMarket.SPOT, db);
        // A clock that stays inside the first minute: only trades move the minute on.
        aggregator = new Aggregator(settings, intake, store, Optional::empty,
                new SystemTimeSource(Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC)));
        thread = new Thread(aggregator::run, "test-aggregator");
        thread.start();
    }

    @AfterEach
    void close() throws InterruptedException {
        intake.close();
        aggregator.cancel();
        thread.join();
        store.close();
    }

    @Test
    void shouldSaveTheUnfinishedMinuteAsIncompleteWithEveryQueuedEvent() throws InterruptedException {
        intake.offer(trade(1, 10, "61837.63", "0.02", Side.SELL));
        intake.offer(diff(2));
        intake.offer(trade(2, 20, "61837.64", "0.5", Side.BUY));
        intake.offer(trade(3, 30, "61837.64", "0.25", Side.BUY));

        Aggregator.Saved saved = stop();

        assertThat(saved.unfinished()).isNotNull();
        List<Map<String, Object>> bars = StoredRows.query(db, "SELECT * FROM minute_bars");
        assertThat(bars).hasSize(1);
        Map<String, Object> bar = bars.get(0);
        assertThat(bar.get("minute")).isEqualTo("2024-08-08T23:54:00.000000000Z");
        assertThat(bar.get("complete")).isEqualTo(0);
        assertThat(bar.get("trade_count")).isEqualTo(3);
        assertThat(new BigDecimal((String) bar.get("open"))).isEqualByComparingTo("61837.63");
        assertThat(new BigDecimal((String) bar.get("close"))).isEqualByComparingTo("61837.64");
        assertThat(new BigDecimal((String) bar.get("volume"))).isEqualByComparingTo("0.77");
        assertThat(new BigDecimal((String) bar.get("buy_volume"))).isEqualByComparingTo("0.75");
        assertThat(new BigDecimal((String) bar.get("sell_volume"))).isEqualByComparingTo("0.02");
        assertThat(bar.get("volume_by_price")).isEqualTo("{\"61837.63\":\"0.02\",\"61837.64\":\"0.75\"}");
        assertThat(StoredRows.count(db, "SELECT COUNT(*) FROM raw_events")).isEqualTo(4);
        assertThat(StoredRows.query(db, "SELECT kind FROM raw_events ORDER BY seq")).extracting(r -> r.get("kind"))
                .containsExactly("trade", "depth_diff", "trade", "trade");
    }

    @Test
    void shouldCloseTheMinuteWhenATradeOfTheNextMinuteArrives() throws InterruptedException {
        intake.offer(trade(1, 10, "100", "1", Side.BUY));
        intake.offer(trade(2, 50, "102", "1", Side.SELL));
        intake.offer(trade(3, 65, "101", "2", Side.BUY));

        stop();

        List<Map<String, Object>> bars = StoredRows.query(db,
                "SELECT minute, complete, trade_count, close, vwap FROM minute_bars ORDER BY minute");
        assertThat(bars).extracting(r -> r.get("minute"), r -> r.get("complete"), r -> r.get("trade_count"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2024-08-08T23:54:00.000000000Z", 1, 2),
                        org.assertj.core.groups.Tuple.tuple("2024-08-08T23:55:00.000000000Z", 0, 1));
        assertThat(new BigDecimal((String) bars.get(0).get("vwap"))).isEqualByComparingTo("101");
        assertThat(new BigDecimal((String) bars.get(1).get("close"))).isEqualByComparingTo("101");
    }

    @Test
    void shouldRefuseEventsOfferedAfterTheIntakeClosed() throws InterruptedException {
        intake.offer(trade(1, 10, "100", "1", Side.BUY));
        intake.close();

        boolean taken = intake.offer(trade(2, 11, "100", "1", Side.BUY));
        Aggregator.Saved saved = stop();

        assertThat(taken).isFalse();
        assertThat(intake.refused()).isEqualTo(1);
        assertThat(aggregator.rawWritten()).isEqualTo(1);
        assertThat(StoredRows.count(db, "SELECT COUNT(*) FROM raw_events")).isEqualTo(1);
    }

    /** The shutdown's order: close the intake, cancel and join the thread, then save. */
    private Aggregator.Saved stop() throws InterruptedException {
        intake.close();
        aggregator.cancel();
        thread.join();
        return aggregator.finish();
    }

    private static TradeReceived trade(long id, int second, String price, String quantity, Side aggressor) {
        Trade t = new Trade("BTCUSDT", new BigDecimal(price), new BigDecimal(quantity), aggressor,
                T0.plusSeconds(second));
        return new TradeReceived(T0.plusSeconds(second), id, t, "{\"e\":\"trade\",\"t\":" + id + "}");
    }

    private static DiffReceived diff(long id) {
        DepthDiff d = new DepthDiff(id, id, -1, List.of(), List.of(), T0);
        return new DiffReceived(T0, d, "{\"e\":\"depthUpdate\",\"U\":" + id + ",\"u\":" + id + ",\"b\":[],\"a\":[]}");
    }
}
