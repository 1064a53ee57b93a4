package io.mmkit.backtest.data;

import static io.mmkit.backtest.data.BinanceDecoderTest.assertSameEvents;
import static io.mmkit.backtest.data.BinanceDecoderTest.readAll;
import static io.mmkit.backtest.data.BinanceDecoderTest.reference;
import static io.mmkit.backtest.data.BinanceDecoderTest.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.sim.feed.ScaledReplaySource;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodedCacheTest {
    @TempDir
    Path tmp;
    Path data;
    DecodedCache cache;
    List<String> expected;

    @BeforeEach
    void copySample() throws Exception {
        data = tmp.resolve("btcusdt_perp_20240808_head.gz");
        Files.copy(resource("/samples/btcusdt_perp_20240808_head.gz"), data);
        cache = DecodedCache.at(tmp.resolve("cache"));
        expected = reference(data);
    }

    @Test
    void theFirstReadBuildsTheCacheAndTheNextOneMapsItWithTheSameEventsAndAudit() {
        ScaledReplaySource first = cache.open(List.of(data));
        assertThat(first).isInstanceOf(BackgroundDecoder.class);
        assertSameEvents(readAll(first), expected);
        assertThat(cache.fileFor(List.of(data))).isRegularFile();

        ScaledReplaySource second = cache.open(List.of(data));
        assertThat(second).isInstanceOf(CachedRecording.class);
        assertSameEvents(readAll(second), expected);
        assertThat(((DataAudit.Kept) second).audit()).isEqualTo(((DataAudit.Kept) first).audit());
    }

    @Test
    void aCachingSourceReadEventByEventGivesTheSameEventsAndStillWritesTheCache() {
        try (DecodedCache.CachingSource source = new DecodedCache.CachingSource(new BinanceDecoder(List.of(data)),
                cache.writer(List.of(data)).orElseThrow())) {
            assertSameEvents(BinanceDecoderTest.readAll(source), expected);
            assertThat(source.written()).isTrue();
        }
        assertThat(cache.open(List.of(data))).isInstanceOf(CachedRecording.class);
    }

    @Test
    void aCorruptCacheIsRebuiltNotTrusted() throws Exception {
        assertThat(cache.prepare(List.of(data))).isTrue();
        Path file = cache.fileFor(List.of(data));
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(f.length() - 5);
            int b = f.read();
            f.seek(f.length() - 5);
            f.write(b ^ 0x40); // one bit of one event's quantity
        }

        ScaledReplaySource source = cache.open(List.of(data));
        assertThat(source).isNotInstanceOf(CachedRecording.class);
        assertSameEvents(readAll(source), expected);
        assertThat(cache.open(List.of(data))).isInstanceOf(CachedRecording.class);
    }

    @Test
    void aTruncatedCacheOrAnotherFormatVersionIsRebuilt() throws Exception {
        cache.prepare(List.of(data));
        Path file = cache.fileFor(List.of(data));
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 26));
        ScaledReplaySource rebuilding = cache.open(List.of(data));
        assertThat(rebuilding).isNotInstanceOf(CachedRecording.class);
        assertSameEvents(readAll(rebuilding), expected); // read to the end: the rebuilt cache is in place

        assertThat(cache.open(List.of(data))).isInstanceOf(CachedRecording.class);
        whole = Files.readAllBytes(file);
        whole[8] = (byte) (DecodedCache.FORMAT_VERSION + 1); // the version, little-endian after the magic
        Files.write(file, whole);
        ScaledReplaySource source = cache.open(List.of(data));
        assertThat(source).isNotInstanceOf(CachedRecording.class);
        assertSameEvents(readAll(source), expected);
    }

    @Test
    void aChangedSourceFileMakesTheCacheStale() throws Exception {
        cache.prepare(List.of(data));
        Files.setLastModifiedTime(data, FileTime.fromMillis(Files.getLastModifiedTime(data).toMillis() + 60_000));

        try (ScaledReplaySource source = cache.open(List.of(data))) {
            assertThat(source).isNotInstanceOf(CachedRecording.class);
        }
    }

    @Test
    void dataWithABadRowLeavesNoCacheAndFailsWithTheRowEveryTime() throws Exception {
        Path bad = tmp.resolve("bad.txt");
        Files.writeString(bad, "1723161600000000000 {\"lastUpdateId\":10,\"bids\":[[\"100\",\"1\"]],\"asks\":[]}\n"
                + "1723161601000000000 {\"stream\":\"x@trade\",\"data\":{\"e\":\"trade\",\"t\":1,\"p\":\"-1\","
                + "\"q\":\"1\",\"m\":false}}\n");

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> readAll(cache.open(List.of(bad))))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessage(bad + ":2: unreadable message: price must be positive, was -1");
        }
        assertThat(cache.fileFor(List.of(bad))).doesNotExist();
        assertThat(Files.list(tmp.resolve("cache"))).isEmpty(); // no temporary file left either
    }

    @Test
    void aReadStoppedBeforeTheEndLeavesNoCache() throws Exception {
        // One block of room between the threads: the decoder (3 blocks of data) cannot reach the end unread.
        DecodedCache.CacheWriter writer = new DecodedCache.CacheWriter(cache.fileFor(List.of(data)),
                DecodedCache.Header.of(List.of(data)));
        try (ScaledReplaySource source = new BackgroundDecoder(
                new DecodedCache.CachingSource(new BinanceDecoder(List.of(data)), writer), "early", 1)) {
            assertThat(source.nextBlock()).isNotNull();
        }
        // The decoding thread discards its unfinished file as it stops; a later open must not find a cache.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> Files.list(tmp.resolve("cache")).findAny().isEmpty());
        try (ScaledReplaySource source = cache.open(List.of(data))) {
            assertThat(source).isNotInstanceOf(CachedRecording.class);
        }
    }

    @Test
    void theCheckAndASweepGetTheSameEventsAsTheFiles() throws Exception {
        assertThat(DataCheck.read(DataFormat.BINANCE, List.of(data)).events()).isEqualTo(expected.size());
        var shared = SharedDecode.prepare(DataFormat.BINANCE, List.of(data), DecodedCache.off()).orElseThrow();
        assertSameEvents(readAll(shared.get()), expected);
        assertSameEvents(readAll(shared.get()), expected); // every run replays from the start
        var mapped = SharedDecode.prepare(DataFormat.BINANCE, List.of(data), cache).orElseThrow();
        assertSameEvents(readAll(mapped.get()), expected);
    }
}
