package io.mmkit.sim.feed;

import java.util.function.Supplier;

/**
 * Serves {@link ReplaySource#next()} from a stream of {@link EventBlock}s, for sources whose native form is
 * blocks. Not thread-safe.
 */
public final class BlockCursor {
    private final Supplier<EventBlock> blocks;
    private EventBlock block;
    private int index;

    /** {@code blocks} gives the next block, {@code null} at the end. */
    public BlockCursor(Supplier<EventBlock> blocks) {
        this.blocks = blocks;
    }

    /** The next event as a record, or {@code null} at the end. */
    public ReplayEvent next() {
        while (block == null || index >= block.size()) {
            block = blocks.get();
            index = 0;
            if (block == null) {
                return null;
            }
        }
        return block.event(index++);
    }
}
