package io.mmkit.backtest.data;

import io.mmkit.sim.feed.ReplayEvent.BookCleared;
import io.mmkit.sim.feed.ReplayEvent.FundingSettled;
import io.mmkit.sim.feed.ReplayEvent.LevelChanged;
import io.mmkit.sim.feed.ReplayEvent.TopChanged;
import io.mmkit.sim.feed.ReplayEvent.TradePrinted;
import io.mmkit.sim.feed.ReplayEvent;
import io.mmkit.sim.feed.ReplaySource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * Reads the backtest CSV format, gz or plain: {@code time,type,side,price,quantity}, one event per row.
 *
 * <pre>
 * time,type,side,price,quantity
 * 2024-07-24T00:00:00Z,clear,,,            empty the book (a snapshot's levels follow)
 * 2024-07-24T00:00:00Z,level,bid,1.214,63  L2: the bid level 1.214 now holds 63 (0 removes it)
 * 2024-07-24T00:00:01Z,top,ask,1.216,62    best ask is now 1.216 x 62 (better asks are gone)
 * 2024-07-24T00:00:02Z,trade,sell,1.214,5  a public trade; side is the aggressor's (sell hits bids)
 * 2024-07-24T08:00:00Z,funding,,0.0001,    perpetual funding settles at this rate (price column)
 * </pre>
 *
 * Times are ISO-8601 or epoch integers (s, ms, us or ns by digit count) and must not go backwards. A first
 * line starting with {@code time} is a header; blank lines and lines starting with {@code #} are skipped.
 */
public final class CsvReader implements ReplaySource {
    private final LineReader lines;
    private Instant last = Instant.MIN;

    /** Opens {@code file} at once; the caller closes the reader. */
    public CsvReader(Path file) {
        this.lines = new LineReader(file);
    }

    @Override
    public ReplayEvent next() {
        String line;
        while ((line = lines.next()) != null) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")
                    || (lines.lineNumber() == 1 && trimmed.toLowerCase(Locale.ROOT).startsWith("time"))) {
                continue;
            }
            return parse(trimmed);
        }
        return null;
    }

    private ReplayEvent parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 5) {
            throw lines.error("expected 5 columns time,type,side,price,quantity; found " + f.length);
        }
        try {
            Instant time = TimeText.parse(f[0]);
            if (time.isBefore(last)) {
                throw new IllegalArgumentException("time goes backwards: " + time + " after " + last);
            }
            last = time;
            String type = f[1].trim().toLowerCase(Locale.ROOT);
            return switch (type) {
                case "trade" -> new TradePrinted(time, Rows.side(f[2]), Rows.decimal(f[3], "price"),
                        Rows.decimal(f[4], "quantity"));
                case "level" -> new LevelChanged(time, Rows.side(f[2]), Rows.decimal(f[3], "price"),
                        Rows.decimal(f[4], "quantity"));
                case "top" -> new TopChanged(time, Rows.side(f[2]), Rows.decimal(f[3], "price"),
                        Rows.decimal(f[4], "quantity"));
                case "clear" -> new BookCleared(time);
                case "funding" -> new FundingSettled(time, Rows.decimal(f[3], "rate (price column)"));
                default -> throw new IllegalArgumentException(
                        "type must be trade, level, top, clear or funding, was \"" + f[1] + "\"");
            };
        } catch (IllegalArgumentException e) {
            throw lines.error(e.getMessage(), e);
        }
    }

    @Override
    public double progress() {
        return lines.progress();
    }

    @Override
    public void close() {
        lines.close();
    }
}
