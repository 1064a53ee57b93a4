package io.mmkit.sim.feed;

/**
 * A stream of {@link ReplayEvent}s in time order, read lazily (a day of data is never held in memory).
 * Used by one thread at a time. The opener closes it.
 */
public interface ReplaySource extends AutoCloseable {

    /**
     * The next event, or {@code null} at the end of the data. Blocks on file I/O only.
     *
     * @throws RuntimeException the reader's own (a file reader's names the file and line of a row it cannot read)
     */
    ReplayEvent next();

    /** How far through its input the source is, 0.0 to 1.0 (by bytes read); for progress bars only. */
    default double progress() {
        return 0.0;
    }

    /** Releases the file. Idempotent; never throws. */
    @Override
    void close();
}
