package io.mmkit.backtest.data;

import io.mmkit.sim.feed.ReplayEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.backtest.BacktestConfig;
import io.mmkit.backtest.BacktestRequest;
import io.mmkit.backtest.Backtests;
import io.mmkit.sim.feed.ReplayEvent.BookCleared;
import io.mmkit.sim.feed.ReplayEvent.LevelChanged;
import io.mmkit.sim.feed.ReplayEvent.TradePrinted;
import io.mmkit.sim.ExchangeSettings;
import io.mmkit.sim.FillModelName;
import io.mmkit.backtest.report.BacktestResult;
import io.mmkit.backtest.testing.StaticGridMaker;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Data that cannot lie quietly: the hand-written recordings under {@code validation/}, read and replayed. */
class DataValidationTest {
    static final Instrument TEST = Instrument.spot("TESTUSDT", "TEST", "USDT", "0.1", "1");

    static Path file(String name) throws Exception {
        return Path.of(DataValidationTest.class.getResource("/validation/" + name).toURI());
    }

    static List<ReplayEvent> readAll(BinanceRecordingReader reader) {
        List<ReplayEvent> out = new ArrayList<>();
        ReplayEvent e;
        while ((e = reader.next()) != null) {
            out.add(e);
        }
        return out;
    }

    @Test
    void aTradeRecordedTwiceIsReplayedOnceAndCounted() throws Exception {
        try (BinanceRecordingReader reader = new BinanceRecordingReader(List.of(file("duplicate-trade.txt")))) {
            List<ReplayEvent> events = readAll(reader);

            // trade ids 7001, 7001 (the re-send), 7002: two trades replayed, one dropped
            assertThat(events).filteredOn(TradePrinted.class::isInstance).hasSize(2);
            assertThat(reader.audit()).isEqualTo(new DataAudit(1, 0, 0, true));
        }
    }

    /**
     * Our bid 99 x 10 rests from the first iteration; trade 7001 sells 4 at 98.5 (through our price) and is
     * recorded twice. Trade-through fills at most the print's quantity, so replaying the re-send would buy 8;
     * dropped, we buy exactly 4, once.
     */
    @Test
    void aDuplicateTradeIdFillsOnce() throws Exception {
        Path data = file("duplicate-trade.txt");
        ExchangeSettings exchange = ExchangeSettings.of(TEST, FillModelName.TRADE_THROUGH,
                Map.of("USDT", new BigDecimal("1000")));
        BacktestConfig config = new BacktestConfig("dup-test", Map.of(), Duration.ofSeconds(1), exchange,
                Duration.ofSeconds(1), List.of(data), DataFormat.BINANCE, null);
        BacktestResult r = Backtests.run(BacktestRequest.of(config, "static-grid",
                ctx -> new StaticGridMaker(ctx, List.of(new BigDecimal("99")), new BigDecimal("2"),
                        new BigDecimal("10"))));

        assertThat(r.fills()).hasSize(1);
        Fill fill = r.fills().get(0);
        assertThat(fill.price()).isEqualByComparingTo("99");
        assertThat(fill.quantity()).isEqualByComparingTo("4");
        assertThat(r.data().duplicateTradesDropped()).isEqualTo(1);
    }

    /**
     * gap.txt: snapshot at 100; diff 101..102 chains; diff 105..106 does not (103..104 are missing): the book is
     * emptied and the diffs wait; the snapshot at 106 rebuilds it, the held 105..106 is older and skipped, the
     * held 107..108 and then 109 chain.
     */
    @Test
    void anUpdateIdGapEmptiesTheBookUntilTheNextSnapshotResyncsIt() throws Exception {
        try (BinanceRecordingReader reader = new BinanceRecordingReader(List.of(file("gap.txt")))) {
            List<String> events = readAll(reader).stream().map(DataValidationTest::shortForm).toList();

            assertThat(events).containsExactly(
                    "clear", "B99.5x5", "B99x10", "A100.5x5", "A101x6",  // snapshot 100
                    "B99.5x7",                                          // diff 101..102
                    "clear",                                            // gap at 105..106: book not trusted
                    "clear", "B99.6x3", "A100.4x3",                     // snapshot 106: resync
                    "A100.6x2",                                         // held 107..108
                    "A100.4x2",                                         // 109
                    "T100.4x1");
            assertThat(reader.audit()).isEqualTo(new DataAudit(0, 1, 1, true));
        }
    }

    @Test
    void aTimeGoingBackwardsIsRefusedWithFileAndLine() throws Exception {
        Path data = file("backwards.txt");
        try (BinanceRecordingReader reader = new BinanceRecordingReader(List.of(data))) {
            assertThatThrownBy(() -> readAll(reader))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessageStartingWith(data + ":3: time goes backwards")
                    .satisfies(e -> assertThat(((DataFormatException) e).line()).isEqualTo(3));
        }
    }

    @Test
    void theCheckReadsEveryRowAndReportsTheCounts() throws Exception {
        DataCheck.Outcome outcome = DataCheck.read(DataFormat.BINANCE, List.of(file("gap.txt")));

        assertThat(outcome.events()).isEqualTo(13);
        assertThat(outcome.audit().updateIdGaps()).isEqualTo(1);
        assertThat(outcome.describe()).contains("1 update-id gap(s)").contains("1 resync(s)");
    }

    @Test
    void aBadRowMidFileEndsTheReplayAndTheRunFailsNamingIt() throws Exception {
        Path data = file("bad-row.csv");
        ExchangeSettings exchange = ExchangeSettings.of(TEST, FillModelName.TOUCH, Map.of("USDT", new BigDecimal("1000")));
        BacktestConfig config = new BacktestConfig("bad-row", Map.of(), Duration.ofSeconds(1), exchange,
                Duration.ofSeconds(1), List.of(data), DataFormat.CSV, null);

        assertThatThrownBy(() -> Backtests.run(BacktestRequest.of(config, "static-grid",
                ctx -> new StaticGridMaker(ctx, List.of(new BigDecimal("99")), new BigDecimal("2"), BigDecimal.ONE))))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(data + ":6: price is not a number");
    }

    private static String shortForm(ReplayEvent e) {
        if (e instanceof BookCleared) {
            return "clear";
        }
        if (e instanceof LevelChanged l) {
            return (l.side().name().charAt(0) == 'B' ? "B" : "A") + l.price().stripTrailingZeros().toPlainString()
                    + "x" + l.quantity().stripTrailingZeros().toPlainString();
        }
        if (e instanceof TradePrinted t) {
            return "T" + t.price().stripTrailingZeros().toPlainString() + "x"
                    + t.quantity().stripTrailingZeros().toPlainString();
        }
        return e.toString();
    }
}
