package io.mmkit.backtest.data;

import io.mmkit.sim.feed.ReplaySource;

import io.mmkit.sim.feed.ReplayEvent;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Reads data files to the end exactly as a backtest would (same readers, same sync), without running anything:
 * {@code backtest --check}. Blocks on file I/O (seconds for a day of data).
 */
public final class DataCheck {
    /** What the files held. {@code first}/{@code last} are {@code null} for data without events. */
    public record Outcome(long events, Instant first, Instant last, DataAudit audit) {
        public String describe() {
            return events + " events" + (first == null ? "" : ", " + first + " -> " + last) + "; "
                    + audit.describe();
        }
    }

    private DataCheck() {
    }

    /**
     * @throws DataFormatException naming the file and line of the first row that cannot be read
     */
    public static Outcome read(DataFormat format, List<Path> files) {
        // From the files themselves, never a cache: the check is that every row reads.
        try (ReplaySource source = format.open(files, DecodedCache.off())) {
            long events = 0;
            Instant first = null;
            Instant last = null;
            ReplayEvent e;
            while ((e = source.next()) != null) {
                events++;
                if (first == null) {
                    first = e.time();
                }
                last = e.time();
            }
            DataAudit audit = source instanceof DataAudit.Kept kept ? kept.audit() : DataAudit.CLEAN;
            return new Outcome(events, first, last, audit);
        }
    }
}
