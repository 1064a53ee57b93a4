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
 * @param bid the book's best bid (NaN while that side is empty)
 * @param ask the book's best ask (NaN while that side is empty)
 * @param ourBid our highest resting buy (NaN while we have none)
 * @param ourAsk our lowest resting sell (NaN while we have none)
 */
public record Series(long[] epochMillis, double[] mid, double[] position, double[] equity,
                     double[] bid, double[] ask, double[] ourBid, double[] ourAsk) {
    public Series {
        int n = epochMillis.length;
        for (double[] column : new double[][] {mid, position, equity, bid, ask, ourBid, ourAsk}) {
            if (column.length != n) {
                throw new IllegalArgumentException("series columns differ in length");
            }
        }
        epochMillis = epochMillis.clone();
        mid = mid.clone();
        position = position.clone();
        equity = equity.clone();
        bid = bid.clone();
        ask = ask.clone();
        ourBid = ourBid.clone();
        ourAsk = ourAsk.clone();
    }

    /** Mid, inventory and equity only; book and quote columns unknown (NaN). */
    public Series(long[] epochMillis, double[] mid, double[] position, double[] equity) {
        this(epochMillis, mid, position, equity, nans(epochMillis.length), nans(epochMillis.length),
                nans(epochMillis.length), nans(epochMillis.length));
    }

    public int size() {
        return epochMillis.length;
    }

    /** At most {@code max} points, evenly picked, always keeping the last; for statistics and JSON. */
    public Series thinned(int max) {
        int n = size();
        if (n <= max) {
            return this;
        }
        int[] at = new int[max];
        for (int i = 0; i < max; i++) {
            at[i] = (int) Math.round((double) i * (n - 1) / (max - 1));
        }
        return pick(at);
    }

    /** The rows at {@code rows} (ascending), in that order. */
    public Series pick(int[] rows) {
        int m = rows.length;
        long[] t = new long[m];
        double[][] cols = {mid, position, equity, bid, ask, ourBid, ourAsk};
        double[][] out = new double[cols.length][m];
        for (int i = 0; i < m; i++) {
            t[i] = epochMillis[rows[i]];
            for (int c = 0; c < cols.length; c++) {
                out[c][i] = cols[c][rows[i]];
            }
        }
        return new Series(t, out[0], out[1], out[2], out[3], out[4], out[5], out[6]);
    }

    private static double[] nans(int n) {
        double[] xs = new double[n];
        Arrays.fill(xs, Double.NaN);
        return xs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && Arrays.equals(epochMillis, s.epochMillis) && Arrays.equals(mid, s.mid)
                && Arrays.equals(position, s.position) && Arrays.equals(equity, s.equity)
                && Arrays.equals(bid, s.bid) && Arrays.equals(ask, s.ask) && Arrays.equals(ourBid, s.ourBid)
                && Arrays.equals(ourAsk, s.ourAsk);
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
