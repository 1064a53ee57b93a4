package io.mmkit.sim;

import io.mmkit.core.model.Side;
import java.util.Arrays;

/**
 * The replayed L2 book in fixed-point units: per side a sorted array with the best level last, so the
 * frequent updates near the top move few elements. Confined to the engine's lock.
 */
final class DepthBook {
    static final long NO_BID = 0;
    static final long NO_ASK = Long.MAX_VALUE;

    private final Ladder bids = new Ladder();
    private final Ladder asks = new Ladder();

    /** Sets a level's quantity; zero removes it. */
    void set(Side side, long price, long quantity) {
        ladder(side).set(key(side, price), quantity);
    }

    /** Makes {@code price} the best level of its side: better levels go, this one holds {@code quantity}. */
    void setTop(Side side, long price, long quantity) {
        Ladder l = ladder(side);
        l.dropBetterThan(key(side, price));
        l.set(key(side, price), quantity);
    }

    void clear() {
        bids.size = 0;
        asks.size = 0;
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

        /** Searches from the top, where almost every update lands; falls back to binary search. */
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
            return Arrays.binarySearch(keys, 0, size, key);
        }
    }
}
