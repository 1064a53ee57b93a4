package io.mmkit.sim.feed;

import java.util.List;

/**
 * Replays decoded blocks held in memory, from the start, each time it is opened: benchmarks that must not time
 * decoding, and a sweep whose combinations share one decode. The blocks are not copied and must not change.
 */
public final class BlockListSource implements ScaledReplaySource {
    private final List<EventBlock> blocks;
    private final BlockCursor cursor = new BlockCursor(this::nextBlock);
    private int next;

    public BlockListSource(List<EventBlock> blocks) {
        this.blocks = blocks;
    }

    /** Reads {@code source} to its end into memory; the caller closes {@code source}. */
    public static List<EventBlock> readAll(ScaledReplaySource source) {
        List<EventBlock> out = new java.util.ArrayList<>();
        EventBlock b;
        while ((b = source.nextBlock()) != null) {
            EventBlock copy = new EventBlock(b.size());
            for (int i = 0; i < b.size(); i++) {
                copy.add(b.time(i), b.kind(i), b.buy(i), b.price(i), b.quantity(i));
            }
            out.add(copy);
        }
        return out;
    }

    @Override
    public EventBlock nextBlock() {
        return next < blocks.size() ? blocks.get(next++) : null;
    }

    @Override
    public ReplayEvent next() {
        return cursor.next();
    }

    @Override
    public double progress() {
        return blocks.isEmpty() ? 1.0 : (double) next / blocks.size();
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
