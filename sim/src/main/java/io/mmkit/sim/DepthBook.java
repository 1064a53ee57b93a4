package io.mmkit.sim;

import io.mmkit.core.model.Side;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The replayed L2 book in fixed-point units: per side a sorted array with the best level last, so the
 * frequent updates near the top move few elements. Confined to the engine's lock.
 *
 * <p>Beside each level's displayed quantity the book keeps what our fills have taken from it
 * ({@link #consume}); {@link #available} is the difference. The feed giving the level a new size (or removing
 * it, or clearing the book) forgets what was taken: from then on the data says what is there. Quantities the
 * strategy sees ({@link #quantityAt}, {@link #quantityAtRank}) are always the feed's.
 */
final class DepthBook {
    static final long NO_BID = 0;
    static final long NO_ASK = Long.MAX_VALUE;

    private final Ladder bids = new Ladder();
    private final Ladder asks = new Ladder();
    /** Units taken by our fills, by level key; an entry lives until the feed next sets that level. */
    private final Map<Long, Long> consumedBids = new HashMap<>();
    private final Map<Long, Long> consumedAsks = new HashMap<>();

    /**
     * Sets a level's quantity; zero removes it. A size different from the one shown resets what we took there;
     * the same size again is no news (the data never saw our fills) and keeps it.
     */
    void set(Side side, long price, long quantity) {
        Ladder l = ladder(side);
        long k = key(side, price);
        Map<Long, Long> taken = consumed(side);
        if (!taken.isEmpty() && l.quantityAt(k) != quantity) {
            taken.remove(k);
        }
        l.set(k, quantity);
    }

    /** Makes {@code price} the best level of its side: better levels go, this one holds {@code quantity}. */
    void setTop(Side side, long price, long quantity) {
        Ladder l = ladder(side);
        long k = key(side, price);
        Map<Long, Long> taken = consumed(side);
        if (!taken.isEmpty()) {
            taken.keySet().removeIf(other -> other > k);
        }
        l.dropBetterThan(k);
        set(side, price, quantity);
    }

    void clear() {
        bids.size = 0;
        asks.size = 0;
        forgetConsumed();
    }

    /** Records that our fills took {@code units} from a level (at most what it has available). */
    void consume(Side side, long price, long units) {
        if (units > 0) {
            consumed(side).merge(key(side, price), units, Long::sum);
        }
    }

    /** Forgets everything our fills took: every level offers its displayed quantity again. */
    void forgetConsumed() {
        consumedBids.clear();
        consumedAsks.clear();
    }

    boolean anyConsumed() {
        return !consumedBids.isEmpty() || !consumedAsks.isEmpty();
    }

    /** Displayed quantity at a price less what our fills took from it since the feed last set it. */
    long available(Side side, long price) {
        return minusConsumed(side, price, quantityAt(side, price));
    }

    /** {@link #available} of the {@code i}-th best level. */
    long availableAtRank(Side side, int i) {
        return minusConsumed(side, priceAt(side, i), quantityAtRank(side, i));
    }

    /**
     * The best price of a side that still has quantity available to us, skipping levels our fills used up;
     * {@link #NO_BID} / {@link #NO_ASK} when none.
     */
    long bestAvailable(Side side) {
        Map<Long, Long> taken = consumed(side);
        int depth = depth(side);
        for (int i = 0; i < depth; i++) {
            if (taken.isEmpty() || availableAtRank(side, i) > 0) {
                return priceAt(side, i);
            }
        }
        return side == Side.BUY ? NO_BID : NO_ASK;
    }

    private long minusConsumed(Side side, long price, long displayed) {
        Map<Long, Long> taken = consumed(side);
        if (taken.isEmpty()) {
            return displayed;
        }
        return Math.max(0, displayed - taken.getOrDefault(key(side, price), 0L));
    }

    private Map<Long, Long> consumed(Side side) {
        return side == Side.BUY ? consumedBids : consumedAsks;
    }

    long quantityAt(Side side, long price) {
        return ladder(side).quantityAt(key(side, price));
    }

    long bestBid() {
        return bids.size == 0 ? NO_BID : bids.keys[bids.size - 1];
    }

    long bestAsk() {
        return asks.size == 0 ? NO_ASK : -asks.keys[asks.size - 1];
    }

    long bestBidQuantity() {
        return bids.size == 0 ? 0 : bids.quantities[bids.size - 1];
    }

    long bestAskQuantity() {
        return asks.size == 0 ? 0 : asks.quantities[asks.size - 1];
    }

    boolean isTwoSided() {
        return bids.size > 0 && asks.size > 0 && bestBid() < bestAsk();
    }

    int depth(Side side) {
        return ladder(side).size;
    }

    /** The {@code i}-th best price of a side (0 = best). */
    long priceAt(Side side, int i) {
        Ladder l = ladder(side);
        long k = l.keys[l.size - 1 - i];
        return side == Side.BUY ? k : -k;
    }

    long quantityAtRank(Side side, int i) {
        Ladder l = ladder(side);
        return l.quantities[l.size - 1 - i];
    }

    private Ladder ladder(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    /** Asks are keyed by negated price so that on both sides a larger key is a better level. */
    private static long key(Side side, long price) {
        return side == Side.BUY ? price : -price;
    }

    private static final class Ladder {
        long[] keys = new long[256];
        long[] quantities = new long[256];
        int size;

        void set(long key, long quantity) {
            int i = search(key);
            if (i >= 0) {
                if (quantity == 0) {
                    System.arraycopy(keys, i + 1, keys, i, size - i - 1);
                    System.arraycopy(quantities, i + 1, quantities, i, size - i - 1);
                    size--;
                } else {
                    quantities[i] = quantity;
                }
                return;
            }
            if (quantity == 0) {
                return;
            }
            int at = -i - 1;
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                quantities = Arrays.copyOf(quantities, size * 2);
            }
            System.arraycopy(keys, at, keys, at + 1, size - at);
            System.arraycopy(quantities, at, quantities, at + 1, size - at);
            keys[at] = key;
            quantities[at] = quantity;
            size++;
        }

        void dropBetterThan(long key) {
            while (size > 0 && keys[size - 1] > key) {
                size--;
            }
        }

        long quantityAt(long key) {
            int i = search(key);
            return i >= 0 ? quantities[i] : 0;
        }

        /**
         * Searches from the top, where most updates land; then from where the last search ended (a diff lists its
         * levels in price order, so the next one is near), galloping out from there and finishing with a
         * branch-free binary search. Same result as {@link Arrays#binarySearch(long[], int, int, long)}.
         */
        private int search(long key) {
            int top = size - 1;
            for (int i = top; i >= 0 && i >= top - 8; i--) {
                if (keys[i] == key) {
                    return i;
                }
                if (keys[i] < key) {
                    return -(i + 1) - 1;
                }
            }
            int found = fromFinger(key);
            finger = found >= 0 ? found : -found - 1;
            return found;
        }

        private int finger;

        private int fromFinger(long key) {
            if (size == 0) {
                return -1;
            }
            int f = Math.min(Math.max(finger, 0), size - 1);
            long k = keys[f];
            if (k == key) {
                return f;
            }
            int bound = 1;
            if (k < key) {
                while (f + bound < size && keys[f + bound] < key) {
                    bound <<= 1;
                }
                return within(f + bound / 2 + 1, Math.min(size, f + bound + 1), key);
            }
            while (f - bound >= 0 && keys[f - bound] > key) {
                bound <<= 1;
            }
            return within(Math.max(0, f - bound), f - bound / 2, key);
        }

        /**
         * Binary search of {@code [lo, hi)}, where everything before {@code lo} is below {@code key} and everything
         * from {@code hi} above it; the comparison compiles to a conditional move (deep-book updates land anywhere,
         * and a branchy search mispredicts on every step).
         */
        private int within(int lo, int hi, long key) {
            if (lo >= hi) {
                return -(lo + 1);
            }
            int base = lo;
            int len = hi - lo;
            while (len > 1) {
                int half = len >>> 1;
                base = keys[base + half] <= key ? base + half : base;
                len -= half;
            }
            long k = keys[base];
            if (k == key) {
                return base;
            }
            return -((k < key ? base + 1 : base) + 1);
        }
    }
}
