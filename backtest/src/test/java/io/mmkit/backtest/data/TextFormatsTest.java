package io.mmkit.backtest.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.sim.feed.ReplayEvent.BookCleared;
import io.mmkit.sim.feed.ReplayEvent.FundingSettled;
import io.mmkit.sim.feed.ReplayEvent.LevelChanged;
import io.mmkit.sim.feed.ReplayEvent.TopChanged;
import io.mmkit.sim.feed.ReplayEvent.TradePrinted;
import io.mmkit.core.model.Side;
import io.mmkit.sim.feed.ReplayEvent;
import io.mmkit.sim.feed.ReplaySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFormatsTest {
    @TempDir
    Path dir;

    static List<ReplayEvent> readAll(ReplaySource source) {
        List<ReplayEvent> out = new ArrayList<>();
        try (source) {
            ReplayEvent e;
            while ((e = source.next()) != null) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void shouldReadEveryCsvRowType() throws IOException {
        Path file = write("book.csv", """
                time,type,side,price,quantity
                # a snapshot, then a trade
                2024-07-24T00:00:00Z,clear,,,
                2024-07-24T00:00:00Z,level,bid,1.214,63
                1721779200500,top,ask,1.216,62
                1721779201000000,trade,sell,1.214,5
                1721779202000000000,funding,,0.0001,
                """);

        List<ReplayEvent> events = readAll(DataFormat.guess(file).open(List.of(file)));

        assertThat(events).hasSize(5);
        assertThat(events.get(0)).isInstanceOf(BookCleared.class);
        assertThat(events.get(1)).isEqualTo(new LevelChanged(Instant.parse("2024-07-24T00:00:00Z"), Side.BUY,
                new java.math.BigDecimal("1.214"), new java.math.BigDecimal("63")));
        assertThat(events.get(2)).isInstanceOf(TopChanged.class);
        assertThat(events.get(2).time()).isEqualTo(Instant.parse("2024-07-24T00:00:00.500Z"));
        assertThat(((TradePrinted) events.get(3)).aggressor()).isEqualTo(Side.SELL);
        assertThat(events.get(3).time()).isEqualTo(Instant.parse("2024-07-24T00:00:01Z"));
        assertThat(((FundingSettled) events.get(4)).rate()).isEqualByComparingTo("0.0001");
    }

    @Test
    void shouldNameFileAndLineOfABadCsvRow() throws IOException {
        Path file = write("bad.csv", """
                time,type,side,price,quantity
                2024-07-24T00:00:00Z,level,bid,1.214,63
                2024-07-24T00:00:01Z,trade,sell,one,5
                """);

        assertThatThrownBy(() -> readAll(new CsvReader(file)))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("bad.csv:3:")
                .hasMessageContaining("price is not a number");
    }

    @Test
    void shouldRejectCsvTimeGoingBackwards() throws IOException {
        Path file = write("back.csv", """
                2024-07-24T00:00:05Z,trade,buy,1,1
                2024-07-24T00:00:01Z,trade,buy,1,1
                """);

        assertThatThrownBy(() -> readAll(new CsvReader(file)))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("back.csv:2:")
                .hasMessageContaining("time goes backwards");
    }

    @Test
    void shouldReadJsonLinesBookTopTradeAndFunding() throws IOException {
        Path file = write("day.jsonl", """
                {"time":"2024-07-24T00:00:00Z","type":"book","snapshot":true,"bids":[["1.214","63"]],"asks":[["1.216",62]]}
                {"time":1721779200500,"type":"top","bid":"1.214","bidQty":"60","ask":"1.216","askQty":"70"}

                {"time":1721779201000,"type":"trade","side":"buy","price":1.216,"quantity":"5"}
                {"time":"2024-07-24T08:00:00Z","type":"funding","rate":"-0.0002"}
                """);

        List<ReplayEvent> events = readAll(DataFormat.guess(file).open(List.of(file)));

        assertThat(events).hasSize(7);
        assertThat(events.get(0)).isInstanceOf(BookCleared.class);
        assertThat(events.get(2)).isInstanceOf(LevelChanged.class);
        assertThat(((LevelChanged) events.get(2)).side()).isEqualTo(Side.SELL);
        assertThat(events.get(3)).isInstanceOf(TopChanged.class);
        assertThat(((TradePrinted) events.get(5)).aggressor()).isEqualTo(Side.BUY);
        assertThat(((FundingSettled) events.get(6)).rate()).isEqualByComparingTo("-0.0002");
    }

    @Test
    void shouldNameFileAndLineOfABadJsonLine() throws IOException {
        Path file = write("bad.jsonl", """
                {"time":1721779200500,"type":"trade","side":"buy","price":"1","quantity":"1"}
                {"time":1721779200600,"type":"trade","side":"up","price":"1","quantity":"1"}
                """);

        assertThatThrownBy(() -> readAll(new JsonLinesReader(file)))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("bad.jsonl:2:")
                .hasMessageContaining("side must be");
    }

    @Test
    void shouldNameFileAndLineOfABadBinanceLine() throws IOException {
        Path file = write("rec.txt", """
                1723161254087896568 {"stream":"btcusdt@trade","data":{"e":"trade","p":"61837.63","q":"0.02","m":true}}
                1723161254087896569 {"stream":"btcusdt@trade","data":{"e":"trade","p":"61837.63","m":true
                """);

        assertThatThrownBy(() -> readAll(new BinanceRecordingReader(List.of(file))))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("rec.txt:2:")
                .hasMessageContaining("bad JSON");
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
