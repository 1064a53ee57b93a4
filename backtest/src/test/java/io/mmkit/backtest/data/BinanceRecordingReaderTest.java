package io.mmkit.backtest.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.sim.feed.ReplayEvent.BookCleared;
import io.mmkit.sim.feed.ReplayEvent.LevelChanged;
import io.mmkit.sim.feed.ReplayEvent.TopChanged;
import io.mmkit.sim.feed.ReplayEvent.TradePrinted;
import io.mmkit.sim.BacktestExchange;
import io.mmkit.sim.ExchangeSettings;
import io.mmkit.sim.FillModelName;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Side;
import io.mmkit.sim.feed.ReplayEvent;
import io.mmkit.sim.feed.ReplaySource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinanceRecordingReaderTest {
    static final Instrument BTC = Instrument.spot("BTCUSDT", "BTC", "USDT", "0.01", "0.00001");

    static Path sample(String name) throws Exception {
        return Path.of(BinanceRecordingReaderTest.class.getResource("/samples/" + name).toURI());
    }

    static List<ReplayEvent> readAll(Path file) {
        List<ReplayEvent> out = new ArrayList<>();
        try (BinanceRecordingReader r = new BinanceRecordingReader(List.of(file))) {
            ReplayEvent e;
            while ((e = r.next()) != null) {
                out.add(e);
            }
            assertThat(r.gaps()).isZero();
        }
        return out;
    }

    @Test
    void shouldHoldDiffsBackUntilTheSnapshotAndReplayTheOnesAfterIt() throws Exception {
        List<ReplayEvent> events = readAll(sample("btcusdt_20240808_head.gz"));

        int cleared = indexOf(events, BookCleared.class);
        assertThat(cleared).isPositive();
        assertThat(events.subList(0, cleared)).noneMatch(e -> e instanceof LevelChanged);
        assertThat(events.subList(0, cleared)).anyMatch(e -> e instanceof TopChanged);
        assertThat(events.subList(cleared, events.size())).noneMatch(e -> e instanceof TopChanged);
        // Line 6's diff (U=...208, u=...224) spans the snapshot's lastUpdateId 50093239218: it follows the snapshot.
        assertThat(events).filteredOn(e -> e instanceof TradePrinted).isNotEmpty();
        TradePrinted first = (TradePrinted) events.stream().filter(e -> e instanceof TradePrinted).findFirst().get();
        assertThat(first.aggressor()).isEqualTo(Side.SELL);
        assertThat(first.price()).isEqualByComparingTo("61837.63");
        assertThat(first.quantity()).isEqualByComparingTo("0.02");
    }

    @Test
    void shouldKeepTheReplayedBookUncrossedThroughoutSpotAndPerpetualRecordings() throws Exception {
        assertBookStaysSane(sample("btcusdt_20240808_head.gz"), BTC);
        assertBookStaysSane(sample("btcusdt_perp_20240808_head.gz"),
                Instrument.perpetual("BTCUSDT", "BTC", "USDT", "0.1", "0.001"));
        assertBookStaysSane(sample("nexousdt_20240723.dat.gz"),
                Instrument.spot("BTCUSDT", "NEXO", "USDT", "0.001", "0.01"));
    }

    private static void assertBookStaysSane(Path file, Instrument instrument) {
        try (ReplaySource source = new BinanceRecordingReader(List.of(file))) {
            BacktestExchange ex = new BacktestExchange(ExchangeSettings.of(instrument, FillModelName.QUEUE, Map.of()),
                    source, null);
            assertThat(ex.warmUp()).isTrue();
            int checks = 0;
            while (!ex.dataEnded()) {
                ex.time().advance(Duration.ofMillis(250));
                BookTop top = ex.bookTop(instrument.symbol());
                assertThat(top.bidPrice()).isLessThan(top.askPrice());
                checks++;
            }
            assertThat(checks).isGreaterThan(10);
            assertThat(ex.eventsApplied()).isGreaterThan(1000);
        }
    }

    private static int indexOf(List<ReplayEvent> events, Class<?> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
