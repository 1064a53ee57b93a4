package io.mmkit.backtest.data;

import io.mmkit.sim.feed.BlockCursor;
import io.mmkit.sim.feed.EventBlock;
import io.mmkit.sim.feed.ReplayEvent;
import io.mmkit.sim.feed.ScaledReplaySource;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a decoder on its own thread, a few blocks ahead of the engine: decoding (gunzip and parsing) overlaps
 * the replay instead of adding to it. A bounded queue of blocks between the two keeps memory constant; nothing
 * is dropped (the decoder waits for room). A failure on the decoding thread (a bad row, a truncated file) is
 * handed over in order, after every event decoded before it, and thrown by {@link #nextBlock()} on the reading
 * thread with its message (file and line) unchanged.
 *
 * <p>The decoding thread starts at construction and is the only one to touch the wrapped source, which it
 * closes when it ends. One thread reads this; {@link #close()} stops the decoder (idempotent).
 */
public final class BackgroundDecoder implements ScaledReplaySource, DataAudit.Kept {
    private static final int QUEUE = 8;
    private static final Object END = new Object();

    private final BlockingQueue<Object> full;
    private final BlockingQueue<EventBlock> free;
    private final BlockCursor cursor = new BlockCursor(this::nextBlock);
    private final Thread thread;
    private volatile double progress;
    private volatile DataAudit audit = DataAudit.CLEAN;
    private volatile boolean closed;
    private EventBlock handed;
    private Object last;

    /** Starts decoding {@code source} at once on a daemon thread named {@code decoder-<name>}. */
    public BackgroundDecoder(ScaledReplaySource source, String name) {
        this(source, name, QUEUE);
    }

    /** With room for {@code queued} decoded blocks between the threads. */
    BackgroundDecoder(ScaledReplaySource source, String name, int queued) {
        full = new ArrayBlockingQueue<>(queued);
        free = new ArrayBlockingQueue<>(queued + 2);
        for (int i = 0; i < queued + 2; i++) {
            free.add(new EventBlock(BinanceDecoder.BLOCK_SIZE));
        }
        thread = new Thread(() -> decode(source), "decoder-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void decode(ScaledReplaySource source) {
        Object outcome = END;
        try (source) {
            EventBlock b;
            while (!closed && (b = source.nextBlock()) != null) {
                int from = 0;
                while (from < b.size()) {
                    EventBlock copy = free.take();
                    int n = Math.min(copy.capacity(), b.size() - from);
                    for (int i = from; i < from + n; i++) {
                        copy.add(b.time(i), b.kind(i), b.buy(i), b.price(i), b.quantity(i));
                    }
                    from += n;
                    publish(source);
                    full.put(copy);
                }
            }
            publish(source);
        } catch (InterruptedException e) {
            return; // closed while waiting for room: nobody reads any more
        } catch (RuntimeException e) {
            outcome = e;
        } catch (Error e) {
            outcome = new IllegalStateException("decoding failed: " + e, e);
        }
        try {
            full.put(outcome);
        } catch (InterruptedException e) {
            // closed: nobody reads any more
        }
    }

    private void publish(ScaledReplaySource source) {
        progress = source.progress();
        if (source instanceof DataAudit.Kept kept) {
            audit = kept.audit();
        }
    }

    @Override
    public EventBlock nextBlock() {
        if (handed != null) {
            handed.clear();
            free.add(handed);
            handed = null;
        }
        if (last == null) {
            try {
                Object item = full.take();
                if (item instanceof EventBlock b) {
                    handed = b;
                    return b;
                }
                last = item;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the decoder", e);
            }
        }
        if (last instanceof RuntimeException e) {
            throw e;
        }
        return null;
    }

    @Override
    public ReplayEvent next() {
        return cursor.next();
    }

    /** What the decoder dropped or repaired so far (complete once the end of data was read). */
    @Override
    public DataAudit audit() {
        return audit;
    }

    /** How far the decoder (a few blocks ahead of the reader) is through its input. */
    @Override
    public double progress() {
        return progress;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.interrupt();
    }
}
