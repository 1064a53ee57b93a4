package io.mmkit.backtest.data;

import io.mmkit.sim.feed.EventBlock;
import io.mmkit.sim.feed.ReplayEvent;
import io.mmkit.sim.feed.ReplaySource;
import io.mmkit.sim.feed.ScaledReplaySource;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Ends the replay at the first row that cannot be read, and keeps that failure for the harness. Without it a
 * bad row mid-file reached the strategy as one failed iteration, the reader carried on with the next line, and
 * the run ended with a complete-looking report. With it the data simply ends at the bad row (so the strategy
 * winds down and cancels as at any end of data), and the harness turns {@link #failure()} into an error.
 *
 * <p>Passes blocks through ({@link ScaledReplaySource}) when the wrapped source has them, so guarding costs the
 * fast path nothing.
 */
public final class GuardedSource implements ScaledReplaySource, DataAudit.Kept {
    private final ReplaySource source;
    private final ScaledReplaySource scaled;
    private RuntimeException failure;
    private long events;

    public GuardedSource(ReplaySource source) {
        this.source = source;
        this.scaled = source instanceof ScaledReplaySource s && s.hasBlocks() ? s : null;
    }

    @Override
    public ReplayEvent next() {
        if (failure != null) {
            return null;
        }
        try {
            ReplayEvent e = source.next();
            if (e != null) {
                events++;
            }
            return e;
        } catch (DataFormatException | UncheckedIOException | IllegalArgumentException e) {
            failure = e;
            return null;
        }
    }

    @Override
    public boolean hasBlocks() {
        return scaled != null;
    }

    @Override
    public EventBlock nextBlock() {
        if (failure != null) {
            return null;
        }
        try {
            EventBlock b = scaled.nextBlock();
            if (b != null) {
                events += b.size();
            }
            return b;
        } catch (DataFormatException | UncheckedIOException | IllegalArgumentException e) {
            failure = e;
            return null;
        }
    }

    /** The row that ended the replay early, if one did. */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Events read so far. */
    public long events() {
        return events;
    }

    @Override
    public DataAudit audit() {
        return source instanceof DataAudit.Kept kept ? kept.audit() : DataAudit.CLEAN;
    }

    @Override
    public double progress() {
        return source.progress();
    }

    @Override
    public void close() {
        source.close();
    }
}
