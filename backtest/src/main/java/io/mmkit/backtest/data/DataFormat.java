package io.mmkit.backtest.data;

import io.mmkit.sim.feed.ReplaySource;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The data formats a backtest reads, and how to open a file in each. */
public enum DataFormat {
    /** Binance WebSocket recordings: {@code <ts> <raw JSON>} lines. */
    BINANCE,
    /** {@code time,type,side,price,quantity}; see {@link CsvReader}. */
    CSV,
    /** One JSON object per line; see {@link JsonLinesReader}. */
    JSONL,
    /** The data collector's SQLite file; see {@link CollectorDbReader}. */
    SQLITE;

    /**
     * Guesses the format from the first file's name: {@code .csv[.gz]} is CSV, {@code .jsonl[.gz]} or
     * {@code .ndjson[.gz]} JSON lines, {@code .db}, {@code .sqlite} or {@code .sqlite3} the data collector's
     * SQLite, anything else a Binance recording.
     */
    public static DataFormat guess(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSONL;
        }
        if (name.endsWith(".db") || name.endsWith(".sqlite") || name.endsWith(".sqlite3")) {
            return SQLITE;
        }
        return BINANCE;
    }

    /** Parses {@code binance}, {@code csv}, {@code jsonl} or {@code sqlite}. */
    public static DataFormat named(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * Opens {@code files} as one stream, read in order. Binance recordings share one book across files
     * (continuation files); CSV, JSON-lines and SQLite take exactly one file. The caller closes the source.
     */
    public ReplaySource open(List<Path> files) {
        return open(files, DecodedCache.fromEnvironment());
    }

    /**
     * As {@link #open(List)}, with Binance recordings read through {@code cache}: from a valid pre-decoded
     * cache when there is one, else decoded on a background thread (see {@link BinanceDecoder},
     * {@link BackgroundDecoder}) while the cache is written. Other formats ignore the cache.
     */
    public ReplaySource open(List<Path> files, DecodedCache cache) {
        if (this == BINANCE) {
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no files to read");
            }
            boolean readable = files.stream().allMatch(java.nio.file.Files::isRegularFile);
            return readable ? cache.open(files) : new BinanceRecordingReader(files); // which names the missing file
        }
        if (files.size() != 1) {
            throw new IllegalArgumentException(this + " data is read from exactly one file, got " + files.size());
        }
        return switch (this) {
            case CSV -> new CsvReader(files.get(0));
            case JSONL -> new JsonLinesReader(files.get(0));
            default -> new CollectorDbReader(files.get(0));
        };
    }
}
