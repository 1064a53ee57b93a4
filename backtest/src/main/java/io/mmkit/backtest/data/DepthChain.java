package io.mmkit.backtest.data;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The venue's documented depth sync, shared by the readers that see update ids: diffs wait for a REST snapshot;
 * the snapshot rebuilds the book and the held diffs newer than it apply; every later diff must chain on the one
 * before (spot: {@code U <= previous u + 1}; futures: {@code pu = previous u}). A break is a gap: the book is no
 * longer the venue's, so the reader empties it (nothing may fill against a book we know is wrong) and diffs wait
 * for the next snapshot, which counts as a resync.
 *
 * @param <D> a diff as the reader holds it
 */
final class DepthChain<D> {
    private static final int MAX_HELD_DIFFS = 200_000;

    /** How to read the update ids of a held diff. */
    interface Ids<D> {
        long first(D diff);

        long last(D diff);

        /** Futures' {@code pu}, or -1 where the stream has none (spot). */
        long previous(D diff);

        /**
         * The diff to keep while it waits for a snapshot: a reader that reuses one diff object per line returns
         * a copy that owns its data. Identity by default.
         */
        default D retain(D diff) {
            return diff;
        }
    }

    private final Ids<D> ids;
    private final List<D> held = new ArrayList<>();
    private boolean synced;
    private boolean awaitingFirst;
    private boolean gapSinceSync;
    private long lastUpdateId;
    private long gaps;
    private long resyncs;

    DepthChain(Ids<D> ids) {
        this.ids = ids;
    }

    boolean synced() {
        return synced;
    }

    long gaps() {
        return gaps;
    }

    long resyncs() {
        return resyncs;
    }

    /**
     * A diff arrived: applied through {@code apply} when it chains, held while the book waits for a snapshot,
     * skipped when older than the book.
     *
     * @param onGap run once when this diff breaks the chain (the reader empties its book)
     */
    void diff(D diff, Consumer<D> apply, Runnable onGap) {
        if (!synced) {
            hold(diff);
            return;
        }
        long last = ids.last(diff);
        if (last <= lastUpdateId) {
            return;
        }
        long previous = ids.previous(diff);
        boolean chained = awaitingFirst || previous < 0
                ? ids.first(diff) <= lastUpdateId + 1
                : previous == lastUpdateId;
        if (!chained) {
            gaps++;
            synced = false;
            gapSinceSync = true;
            onGap.run();
            hold(diff);
            return;
        }
        apply.accept(diff);
        lastUpdateId = last;
        awaitingFirst = false;
    }

    /**
     * A snapshot at {@code lastUpdateId} was applied by the reader (book cleared and rebuilt): the held diffs
     * newer than it are replayed through {@code apply}; one that does not chain is a gap again.
     */
    void snapshot(long snapshotLastUpdateId, Consumer<D> apply, Runnable onGap) {
        if (gapSinceSync) {
            resyncs++;
            gapSinceSync = false;
        }
        lastUpdateId = snapshotLastUpdateId;
        synced = true;
        awaitingFirst = true;
        List<D> pending = new ArrayList<>(held);
        held.clear();
        for (D d : pending) {
            diff(d, apply, onGap);
        }
    }

    private void hold(D diff) {
        if (held.size() >= MAX_HELD_DIFFS) {
            held.remove(0);
        }
        held.add(ids.retain(diff));
    }
}
