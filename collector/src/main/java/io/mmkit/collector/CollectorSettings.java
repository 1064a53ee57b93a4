package io.mmkit.collector;

import io.mmkit.core.engine.ShutdownSettings;
import io.mmkit.exchange.binance.BinanceMarket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What one collector records and how.
 *
 * @param venue Binance or Backpack (whose public depth and trade streams are the same for every market)
 * @param market Binance spot ({@code /api/v3}, {@code @trade}) or USDⓈ-M futures ({@code /fapi/v1},
 *     {@code @aggTrade})
 * @param baseUrl REST root the depth snapshots come from
 * @param wsUrl WebSocket root; the combined stream is {@code wsUrl + "/stream"}
 * @param db the SQLite file (created if missing; one file holds one symbol)
 * @param snapshotInterval period of the recorded REST depth snapshots (the book's own resyncs come on top)
 * @param snapshotDepth levels a side per snapshot, and levels a side the minute's depth figures look at
 * @param depthBandBps the minute's bid/ask depth counts levels within this many basis points of the mid
 * @param flushInterval raw events wait at most this long in memory before being written
 * @param flushBatch raw events are written at the latest once this many are waiting
 * @param minuteGrace a minute with no later trade is closed this long after its end, so late prints land in it
 * @param duration stop by itself after this long; null runs until stopped
 * @param shutdown deadlines: {@code cancelTimeout} for cancelling tasks, {@code saveTimeout} for saving,
 *     {@code closeTimeout} for each close, {@code totalTimeout} for the whole
 * @param failedConnectLimit WebSocket connect attempts in a row that may fail (none of them ever connected)
 *     before the collector gives up; a connection that opened resets the count
 */
public record CollectorSettings(String symbol, Venue venue, BinanceMarket market, String baseUrl, String wsUrl, Path db,
                                Duration snapshotInterval, int snapshotDepth, int depthBandBps,
                                Duration flushInterval, int flushBatch, Duration minuteGrace, Duration duration,
                                ShutdownSettings shutdown, int failedConnectLimit) {

    /** Where the data comes from. */
    public enum Venue {
        BINANCE, BACKPACK;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Connect attempts in a row that may fail before {@code collect} gives up. */
    public static final int DEFAULT_FAILED_CONNECT_LIMIT = 10;

    private static final String BACKPACK_REST = "https://api.backpack.exchange";
    private static final String BACKPACK_WS = "wss://ws.backpack.exchange";

    public CollectorSettings {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(wsUrl, "wsUrl");
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(shutdown, "shutdown");
        requirePositive(snapshotInterval, "snapshot_interval");
        requirePositive(flushInterval, "flush_interval");
        requirePositive(minuteGrace, "minute_grace");
        if (duration != null) {
            requirePositive(duration, "duration");
        }
        if (snapshotDepth < 1 || snapshotDepth > 5000) {
            throw new IllegalArgumentException("snapshot_depth must be 1..5000, was " + snapshotDepth);
        }
        if (depthBandBps < 0 || depthBandBps > 10_000) {
            throw new IllegalArgumentException("depth_band_bps must be 0..10000, was " + depthBandBps);
        }
        if (failedConnectLimit < 1) {
            throw new IllegalArgumentException("max_failed_connects must be at least 1, was " + failedConnectLimit);
        }
        if (flushBatch < 1) {
            throw new IllegalArgumentException("flush_batch must be at least 1, was " + flushBatch);
        }
    }

    /**
     * Binance's public endpoints for {@code market}; a snapshot every minute, 1000 levels, depth within 10 bps,
     * raw events written every second or 1000 events, minutes closed 2 s after their end, the shutdown
     * deadlines of DESIGN.md §5 (10 s cancel, 5 s save, 5 s close, 20 s whole).
     */
    public static CollectorSettings defaults(String symbol, BinanceMarket market, Path db) {
        return new CollectorSettings(symbol, Venue.BINANCE, market, market.defaultBaseUrl(), market.defaultWsUrl(),
                db, Duration.ofMinutes(1), 1000, 10, Duration.ofSeconds(1), 1000, Duration.ofSeconds(2), null,
                ShutdownSettings.DEFAULTS, DEFAULT_FAILED_CONNECT_LIMIT);
    }

    /** Backpack's public endpoints, otherwise as {@link #defaults}. */
    public static CollectorSettings backpack(String symbol, Path db) {
        return new CollectorSettings(symbol, Venue.BACKPACK, BinanceMarket.SPOT, BACKPACK_REST, BACKPACK_WS, db,
                Duration.ofMinutes(1), 1000, 10, Duration.ofSeconds(1), 1000, Duration.ofSeconds(2), null,
                ShutdownSettings.DEFAULTS, DEFAULT_FAILED_CONNECT_LIMIT);
    }

    /** {@code limit} failed connects in a row end the run. */
    public CollectorSettings withFailedConnectLimit(int limit) {
        return new CollectorSettings(symbol, venue, market, baseUrl, wsUrl, db, snapshotInterval, snapshotDepth,
                depthBandBps, flushInterval, flushBatch, minuteGrace, duration, shutdown, limit);
    }

    /** The market label a file and a log line carry: Binance's spot / perpetual, Backpack's symbol says it. */
    public String marketLabel() {
        if (venue == Venue.BACKPACK) {
            return symbol.endsWith("_PERP") ? "perpetual" : "spot";
        }
        return market.isFutures() ? "perpetual" : "spot";
    }

    public CollectorSettings withUrls(String base, String ws) {
        return new CollectorSettings(symbol, venue, market, base, ws, db, snapshotInterval, snapshotDepth, depthBandBps,
                flushInterval, flushBatch, minuteGrace, duration, shutdown, failedConnectLimit);
    }

    public CollectorSettings withDb(Path file) {
        return new CollectorSettings(symbol, venue, market, baseUrl, wsUrl, file, snapshotInterval, snapshotDepth,
                depthBandBps, flushInterval, flushBatch, minuteGrace, duration, shutdown, failedConnectLimit);
    }

    /** @param d null runs until stopped */
    public CollectorSettings withDuration(Duration d) {
        return new CollectorSettings(symbol, venue, market, baseUrl, wsUrl, db, snapshotInterval, snapshotDepth,
                depthBandBps, flushInterval, flushBatch, minuteGrace, d, shutdown, failedConnectLimit);
    }

    public CollectorSettings withSnapshots(Duration interval, int depth) {
        return new CollectorSettings(symbol, venue, market, baseUrl, wsUrl, db, interval, depth, depthBandBps,
                flushInterval, flushBatch, minuteGrace, duration, shutdown, failedConnectLimit);
    }

    public CollectorSettings withFlush(Duration interval, int batch) {
        return new CollectorSettings(symbol, venue, market, baseUrl, wsUrl, db, snapshotInterval, snapshotDepth,
                depthBandBps, interval, batch, minuteGrace, duration, shutdown, failedConnectLimit);
    }

    public CollectorSettings withBook(int bandBps, Duration grace) {
        return new CollectorSettings(symbol, venue, market, baseUrl, wsUrl, db, snapshotInterval, snapshotDepth, bandBps,
                flushInterval, flushBatch, grace, duration, shutdown, failedConnectLimit);
    }

    public CollectorSettings withShutdown(ShutdownSettings s) {
        return new CollectorSettings(symbol, venue, market, baseUrl, wsUrl, db, snapshotInterval, snapshotDepth,
                depthBandBps, flushInterval, flushBatch, minuteGrace, duration, s, failedConnectLimit);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
