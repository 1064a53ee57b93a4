package io.mmkit.sim.feed;

/**
 * A {@link ReplaySource} that can also hand over its events a block at a time in scaled longs
 * ({@link EventBlock}): the matching loop reads these without building an object per event. {@link #next()} and
 * {@link #nextBlock()} read the same stream; a caller uses one of them, not both.
 */
public interface ScaledReplaySource extends ReplaySource {

    /**
     * The next non-empty block, or {@code null} at the end of the data. The block is the caller's until its next
     * call (the source may reuse it then). Blocks on I/O (or on a decoding thread) only.
     *
     * @throws RuntimeException as {@link #next()} does, after the events before the bad row were handed over
     */
    EventBlock nextBlock();

    /**
     * False for a wrapper whose wrapped source has no blocks (then {@link #nextBlock()} must not be called and
     * the reader uses {@link #next()}). True by default.
     */
    default boolean hasBlocks() {
        return true;
    }
}
