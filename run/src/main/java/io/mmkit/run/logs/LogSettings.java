package io.mmkit.run.logs;

import io.mmkit.core.config.StrategyParams;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code logging} section of a bot's config: one rolling file per instance beside the console.
 *
 * <pre>
 * "logging": {
 *   "file": true,                 false: console only
 *   "directory": "data",          the file is &lt;directory&gt;/&lt;instance_id&gt;.log; default: the store's directory,
 *                                 so an instance's DB and log sit together (relative: to the working directory)
 *   "max_file_size": "50MB",      roll over at this size ...
 *   "max_history": 14,            ... and daily; keep this many days of rolled files (gzipped)
 *   "total_size_cap": "1GB",      and never more than this in all
 *   "format": "text"              or "json": one JSON object a line (for Loki, Elasticsearch, ...)
 * }
 * </pre>
 */
public record LogSettings(boolean file, Path directory, long maxFileSizeBytes, int maxHistoryDays,
                          long totalSizeCapBytes, Format format) {
    public enum Format { TEXT, JSON }

    /** Defaults with the file in the working directory; {@link #read} puts it in the store's directory. */
    public static final LogSettings DEFAULTS = new LogSettings(true, Path.of("."), 50L << 20, 14, 1L << 30,
            Format.TEXT);
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);

    /** @param storeDirectory where the instance's DB lives: the log file's directory unless one is given */
    public static LogSettings read(Optional<StrategyParams> section, Path storeDirectory) {
        if (section.isEmpty()) {
            return DEFAULTS.in(storeDirectory);
        }
        StrategyParams s = section.get();
        boolean file = s.bool("file", DEFAULTS.file());
        Path dir = s.optionalString("directory").map(Path::of).orElse(storeDirectory);
        long max = size(s, "max_file_size", DEFAULTS.maxFileSizeBytes());
        int history = s.integer("max_history", DEFAULTS.maxHistoryDays());
        if (history < 1) {
            throw s.invalid("max_history", "must be at least 1 (days), was " + history);
        }
        long cap = size(s, "total_size_cap", DEFAULTS.totalSizeCapBytes());
        if (cap < max) {
            throw s.invalid("total_size_cap", "must be at least max_file_size");
        }
        Format format = s.enumValue("format", Format.class, DEFAULTS.format());
        s.requireAllRead();
        return new LogSettings(file, dir, max, history, cap, format);
    }

    private static long size(StrategyParams s, String key, long fallback) {
        if (!s.has(key)) {
            return fallback;
        }
        String text = String.valueOf(s.value(key)).strip();
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw s.invalid(key, "must be a size like 512KB, 50MB or 1GB, was \"" + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        long bytes = switch (unit) {
            case "KB" -> n << 10;
            case "MB" -> n << 20;
            case "GB" -> n << 30;
            default -> n;
        };
        if (bytes < 1024) {
            throw s.invalid(key, "must be at least 1KB, was \"" + text + "\"");
        }
        return bytes;
    }

    private LogSettings in(Path dir) {
        return new LogSettings(file, dir, maxFileSizeBytes, maxHistoryDays, totalSizeCapBytes, format);
    }

    /** The active log file of an instance. */
    public Path fileOf(String instanceId) {
        return directory.resolve(instanceId + ".log");
    }
}
