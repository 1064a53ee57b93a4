package io.mmkit.backtest.data;

/**
 * What a data reader dropped or repaired on the way, so a report can say how far the replayed market is the
 * recorded one. Every count is zero for clean data.
 *
 * @param duplicateTradesDropped trades whose venue trade id was already replayed (recorders re-send on reconnect;
 *                               replaying them would fill our orders twice)
 * @param updateIdGaps breaks in the depth update-id chain: from each, the book was emptied (not trusted) until
 *                     the next snapshot
 * @param resyncs snapshots that rebuilt the book after a gap
 * @param inSyncAtEnd false when the data ended after a gap with no snapshot to resync from
 */
public record DataAudit(long duplicateTradesDropped, long updateIdGaps, long resyncs, boolean inSyncAtEnd) {
    /** Nothing dropped, nothing repaired: formats without trade or update ids. */
    public static final DataAudit CLEAN = new DataAudit(0, 0, 0, true);

    public DataAudit {
        if (duplicateTradesDropped < 0 || updateIdGaps < 0 || resyncs < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** True when nothing was dropped or repaired. */
    public boolean clean() {
        return duplicateTradesDropped == 0 && updateIdGaps == 0 && inSyncAtEnd;
    }

    /** One line for summaries, e.g. {@code 2 duplicate trade(s) dropped, 1 update-id gap(s), 1 resync(s)}. */
    public String describe() {
        if (clean()) {
            return "clean (no duplicate trades, no update-id gaps)";
        }
        return duplicateTradesDropped + " duplicate trade(s) dropped, " + updateIdGaps + " update-id gap(s), "
                + resyncs + " resync(s) from a snapshot" + (inSyncAtEnd ? "" : "; book NOT in sync at the end");
    }

    /** A reader that keeps a {@link DataAudit}; read it after (or during) the replay. */
    public interface Kept {
        DataAudit audit();
    }
}
