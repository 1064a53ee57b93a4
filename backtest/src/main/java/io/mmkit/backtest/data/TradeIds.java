package io.mmkit.backtest.data;

/**
 * Remembers the most recent venue trade ids to recognise a trade recorded twice. Bounded: a recorder re-sends
 * recent trades after a reconnect, never ones from an hour ago, so the last 100 000 ids are enough and a day of
 * data stays in constant memory. Primitive (a ring of ids in arrival order and a linear-probing set over them):
 * no boxed {@code Long} per trade.
 */
final class TradeIds {
    private static final int REMEMBERED = 100_000;
    private static final int SLOTS = 1 << 18;
    private static final long EMPTY = Long.MIN_VALUE;

    private final long[] ring = new long[REMEMBERED];
    private final long[] slots = new long[SLOTS];
    private int oldest;
    private int count;
    private long duplicates;

    TradeIds() {
        java.util.Arrays.fill(slots, EMPTY);
    }

    /** True the first time {@code id} is seen; false (and counted) for a repeat. */
    boolean firstTime(long id) {
        if (id == EMPTY) {
            id = EMPTY + 1; // the one value the table cannot hold; no venue uses it
        }
        int i = slot(id);
        while (slots[i] != EMPTY) {
            if (slots[i] == id) {
                duplicates++;
                return false;
            }
            i = (i + 1) & (SLOTS - 1);
        }
        slots[i] = id;
        if (count == REMEMBERED) {
            remove(ring[oldest]);
            ring[oldest] = id;
            oldest = (oldest + 1) % REMEMBERED;
        } else {
            ring[(oldest + count) % REMEMBERED] = id;
            count++;
        }
        return true;
    }

    long duplicates() {
        return duplicates;
    }

    private static int slot(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 46) & (SLOTS - 1);
    }

    /** Linear-probing delete by shifting later entries of the same run back. */
    private void remove(long id) {
        int i = slot(id);
        while (slots[i] != id) {
            i = (i + 1) & (SLOTS - 1);
        }
        int gap = i;
        int j = i;
        while (true) {
            j = (j + 1) & (SLOTS - 1);
            long v = slots[j];
            if (v == EMPTY) {
                break;
            }
            int home = slot(v);
            // v may move into the gap if its home is not cyclically in (gap, j]
            boolean between = gap <= j ? (home > gap && home <= j) : (home > gap || home <= j);
            if (!between) {
                slots[gap] = v;
                gap = j;
            }
        }
        slots[gap] = EMPTY;
    }
}
