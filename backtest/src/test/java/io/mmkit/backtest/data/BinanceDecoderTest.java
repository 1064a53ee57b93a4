package io.mmkit.backtest.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.sim.feed.ReplayEvent;
import io.mmkit.sim.feed.ReplayEvent.FundingSettled;
import io.mmkit.sim.feed.ReplaySource;
import io.mmkit.sim.feed.ScaledReplaySource;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BinanceDecoderTest {
    @TempDir
    Path tmp;

    static Path resource(String name) throws Exception {
        return Path.of(BinanceDecoderTest.class.getResource(name).toURI());
    }

    /** One event as text with normalised decimals, so 1.10 and 1.1 compare equal as the engine sees them. */
    static String text(ReplayEvent e) {
        if (e instanceof ReplayEvent.LevelChanged l) {
            return "level " + l.time() + " " + l.side() + " " + plain(l.price()) + " x " + plain(l.quantity());
        }
        if (e instanceof ReplayEvent.TopChanged t) {
            return "top " + t.time() + " " + t.side() + " " + plain(t.price()) + " x " + plain(t.quantity());
        }
        if (e instanceof ReplayEvent.TradePrinted t) {
            return "trade " + t.time() + " " + t.aggressor() + " " + plain(t.price()) + " x " + plain(t.quantity());
        }
        if (e instanceof FundingSettled f) {
            return "funding " + f.time() + " " + plain(f.rate());
        }
        return "clear " + e.time();
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    static List<String> readAll(ReplaySource source) {
        List<String> out = new ArrayList<>();
        try (source) {
            ReplayEvent e;
            while ((e = source.next()) != null) {
                out.add(text(e));
            }
        }
        return out;
    }

    /** Equal lists, or a failure showing the first event that differs (the lists are long). */
    static void assertSameEvents(List<String> actual, List<String> expected) {
        for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
            assertThat(actual.get(i)).as("event %d", i).isEqualTo(expected.get(i));
        }
        assertThat(actual.size()).as("events").isEqualTo(expected.size());
    }

    static List<String> reference(Path... files) {
        return readAll(new BinanceRecordingReader(List.of(files)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/samples/btcusdt_20240808_head.gz", "/samples/btcusdt_perp_20240808_head.gz",
            "/samples/nexousdt_20240723.dat.gz", "/validation/gap.txt", "/validation/duplicate-trade.txt"})
    void shouldDecodeTheSameEventsAsTheReferenceReader(String name) throws Exception {
        Path file = resource(name);
        List<String> expected = reference(file);
        assertThat(expected).isNotEmpty();

        BinanceDecoder decoder = new BinanceDecoder(List.of(file));
        assertSameEvents(readAll(decoder), expected);
        try (BinanceRecordingReader ref = new BinanceRecordingReader(List.of(file))) {
            while (ref.next() != null) {
                // to the end, for its audit
            }
            assertThat(decoder.audit()).isEqualTo(ref.audit());
        }
        assertSameEvents(readAll(new BackgroundDecoder(new BinanceDecoder(List.of(file)), "test")), expected);
    }

    @Test
    void shouldReadAContinuationFileAsOneStreamLikeTheReferenceReader() throws Exception {
        Path first = resource("/samples/btcusdt_20240808_head.gz");
        Path head = tmp.resolve("part1.txt");
        Path tail = tmp.resolve("part2.txt");
        List<String> lines = gunzipLines(first);
        Files.write(head, lines.subList(0, lines.size() / 2));
        Files.write(tail, lines.subList(lines.size() / 2, lines.size()));

        assertSameEvents(readAll(new BinanceDecoder(List.of(head, tail))), reference(head, tail));
    }

    @Test
    void shouldSettleFundingFromMarkPriceUpdatesLikeTheReferenceReader() throws Exception {
        Path file = tmp.resolve("funding.txt");
        Files.writeString(file, String.join("\n",
                "1723161600000000000 {\"lastUpdateId\":10,\"bids\":[[\"100.0\",\"1\"]],\"asks\":[[\"101.0\",\"2\"]]}",
                "1723161600100000000 {\"stream\":\"btcusdt@markPrice\",\"data\":{\"e\":\"markPriceUpdate\","
                        + "\"r\":\"-0.00012500\",\"T\":1723161601000}}",
                "1723161602000000000 {\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"t\":5,"
                        + "\"p\":\"100.5\",\"q\":\"0.010\",\"m\":true}}", ""));

        List<String> events = readAll(new BinanceDecoder(List.of(file)));

        assertSameEvents(events, reference(file));
        assertThat(events).contains("funding 2024-08-09T00:00:01Z -0.000125");
    }

    @Test
    void aBadNumberNamesTheFileLineAndField() throws Exception {
        Path file = tmp.resolve("bad.txt");
        Files.writeString(file, "1723161600000000000 {\"lastUpdateId\":10,\"bids\":[[\"100\",\"1\"]],\"asks\":[]}\n"
                + "1723161601000000000 {\"stream\":\"x@trade\",\"data\":{\"e\":\"trade\",\"t\":1,\"p\":\"abc\","
                + "\"q\":\"1\",\"m\":false}}\n");

        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (BinanceDecoder d = new BinanceDecoder(List.of(file))) {
                ReplayEvent e;
                while ((e = d.next()) != null) {
                    seen.add(text(e));
                }
            }
        }).isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":2: field \"p\" is not a number: \"abc\"");
        assertThat(seen).hasSize(2); // the snapshot's clear and level came first, nothing of the bad row
    }

    @Test
    void badJsonIsReportedWithTheParsersMessageOnItsLine() throws Exception {
        Path file = tmp.resolve("badjson.txt");
        Files.writeString(file, "1723161600000000000 {\"lastUpdateId\":10,\"bids\":[],\"asks\":[]}\n"
                + "1723161601000000000 {\"stream\":\"x@trade\",\"data\":{\"e\":\"trade\",\n");

        assertThatThrownBy(() -> readAll(new BinanceDecoder(List.of(file))))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(file + ":2: bad JSON: ");
    }

    @Test
    void aTruncatedGzipGivesAClearErrorAfterTheEventsBeforeItOnTheReadingThread() throws Exception {
        byte[] whole = Files.readAllBytes(resource("/samples/btcusdt_20240808_head.gz"));
        Path cut = tmp.resolve("cut.gz");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));

        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (ScaledReplaySource s = new BackgroundDecoder(new BinanceDecoder(List.of(cut)), "cut")) {
                ReplayEvent e;
                while ((e = s.next()) != null) {
                    seen.add(text(e));
                }
            }
        }).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(cut + ":")
                .hasMessageContaining("cannot read")
                .hasMessageContaining("truncated or corrupt gzip");
        assertThat(seen).isNotEmpty();
        assertThat(reference(resource("/samples/btcusdt_20240808_head.gz"))).startsWith(seen.toArray(String[]::new));
    }

    @Test
    void aValueWithMoreDecimalsThanTheScaleIsRefused() throws Exception {
        Path file = tmp.resolve("fine.txt");
        Files.writeString(file, "1723161600000000000 {\"lastUpdateId\":10,\"bids\":[],\"asks\":[]}\n"
                + "1723161601000000000 {\"stream\":\"x@trade\",\"data\":{\"e\":\"trade\",\"t\":1,"
                + "\"p\":\"1.000000001\",\"q\":\"1\",\"m\":false}}\n");

        assertThatThrownBy(() -> readAll(new BinanceDecoder(List.of(file))))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(file + ":2: field \"p\" does not fit 8 decimals: \"1.000000001\"");
        assertThat(new BigDecimal("1.00000000100")).isNotNull();
    }

    static List<String> gunzipLines(Path gz) throws Exception {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
    }

    static void gzip(Path to, byte[] content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        Files.write(to, bytes.toByteArray());
    }
}
