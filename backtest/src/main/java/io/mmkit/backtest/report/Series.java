package io.mmkit.backtest.report;

import java.util.Arrays;

/**
 * Values sampled on the virtual clock at a fixed interval, for charts and statistics (doubles: signal maths,
 * never money bookkeeping). Arrays are copied in and out.
 *
 * @param epochMillis sample times
 * @param mid the book's mid price (NaN while one-sided)
 * @param position our inventory, signed
 * @param equity net PnL so far in the quote asset: realized - fees - funding + unrealized
 */
public record Series(long[] epochMillis, double[] mid, double[] position, double[] equity) {
    public Series {
        int n = epochMillis.length;
        if (mid.length != n || position.length != n || equity.length != n) {
            throw new IllegalArgumentException("series columns differ in length");
        }
        epochMillis = epochMillis.clone();
        mid = mid.clone();
        position = position.clone();
        equity = equity.clone();
    }

    public int size() {
        return epochMillis.length;
    }

    /** At most {@code max} points, evenly picked, always keeping the last; for charts. */
    public Series thinned(int max) {
        int n = size();
        if (n <= max) {
            return this;
        }
        long[] t = new long[max];
        double[] m = new double[max];
        double[] p = new double[max];
        double[] e = new double[max];
        for (int i = 0; i < max; i++) {
            int at = (int) Math.round((double) i * (n - 1) / (max - 1));
            t[i] = epochMillis[at];
            m[i] = mid[at];
            p[i] = position[at];
            e[i] = equity[at];
        }
        return new Series(t, m, p, e);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && Arrays.equals(epochMillis, s.epochMillis) && Arrays.equals(mid, s.mid)
                && Arrays.equals(position, s.position) && Arrays.equals(equity, s.equity);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(epochMillis) * 31 + Arrays.hashCode(equity);
    }

    @Override
    public String toString() {
        return "Series[" + size() + " samples]";
    }
}
