package io.mmkit.backtest.report;

import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The numbers a run report's charts draw, as one JSON object for the page's script: sampled columns (time in
 * epoch seconds, book, our quotes, inventory, equity, drawdown) and every fill (up to a cap).
 *
 * <p>Long runs are downsampled by buckets that keep each bucket's lowest and highest equity and inventory (not
 * evenly picked points), so the worst drawdown and the biggest inventory swing survive any zoom level. Numbers
 * are written with at most nine significant digits to keep the file small.
 */
final class ChartData {
    /** About 4 rows per bucket: ~4 000 rows keep a report near 300 kB whatever the run's length. */
    static final int MAX_ROWS = 4000;
    static final int MAX_FILLS = 20_000;
    private static final MathContext DIGITS = new MathContext(9);

    private ChartData() {
    }

    /** Row indices to draw: all of them for short runs, else each bucket's extremes, ascending. */
    static int[] rowsToDraw(Series s, int maxRows) {
        int n = s.size();
        if (n <= maxRows) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int buckets = Math.max(1, maxRows / 4);
        TreeSet<Integer> keep = new TreeSet<>();
        keep.add(0);
        keep.add(n - 1);
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            keep.add(extreme(s.equity(), from, to, true));
            keep.add(extreme(s.equity(), from, to, false));
            keep.add(extreme(s.position(), from, to, true));
            keep.add(extreme(s.position(), from, to, false));
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Fills to mark: every one up to {@code max}, else evenly picked (the page says so). */
    static List<Fill> fillsToDraw(List<Fill> fills, int max) {
        if (fills.size() <= max) {
            return fills;
        }
        List<Fill> out = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            out.add(fills.get((int) ((long) i * fills.size() / max)));
        }
        return out;
    }

    static double[] drawdown(double[] equity) {
        double[] dd = new double[equity.length];
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < equity.length; i++) {
            if (!Double.isNaN(equity[i])) {
                peak = Math.max(peak, equity[i]);
            }
            dd[i] = peak == Double.NEGATIVE_INFINITY ? Double.NaN : equity[i] - peak;
        }
        return dd;
    }

    /** The JSON object; safe to embed in a script element ({@code </} is escaped). */
    static String json(Series full, List<Fill> fills) {
        double[] ddFull = drawdown(full.equity());
        int[] rows = rowsToDraw(full, MAX_ROWS);
        Series s = full.pick(rows);
        double[] dd = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            dd[i] = ddFull[rows[i]];
        }
        StringBuilder j = new StringBuilder(64 * rows.length + 128 * Math.min(fills.size(), MAX_FILLS));
        j.append("{\"t\":[");
        for (int i = 0; i < s.size(); i++) {
            j.append(i == 0 ? "" : ",").append(BigDecimal.valueOf(s.epochMillis()[i], 3).toPlainString());
        }
        j.append(']');
        column(j, "bid", s.bid());
        column(j, "ask", s.ask());
        column(j, "mid", s.mid());
        column(j, "ourBid", s.ourBid());
        column(j, "ourAsk", s.ourAsk());
        column(j, "position", s.position());
        column(j, "equity", s.equity());
        column(j, "drawdown", dd);
        List<Fill> shown = fillsToDraw(fills, MAX_FILLS);
        j.append(",\"fillsTotal\":").append(fills.size()).append(",\"fills\":[");
        for (int i = 0; i < shown.size(); i++) {
            Fill f = shown.get(i);
            j.append(i == 0 ? "" : ",").append("{\"t\":")
                    .append(BigDecimal.valueOf(f.time().toEpochMilli(), 3).toPlainString())
                    .append(",\"time\":\"").append(f.time()).append("\",\"buy\":").append(f.side() == Side.BUY)
                    .append(",\"price\":\"").append(f.price().toPlainString())
                    .append("\",\"quantity\":\"").append(f.quantity().toPlainString())
                    .append("\",\"fee\":\"").append(f.fee().toPlainString())
                    .append("\",\"feeAsset\":\"").append(text(f.feeAsset()))
                    .append("\",\"liquidity\":\"").append(f.liquidity().name().toLowerCase())
                    .append("\",\"id\":\"").append(text(f.fillId())).append("\"}");
        }
        j.append("]}");
        return j.toString().replace("</", "<\\/");
    }

    private static void column(StringBuilder j, String name, double[] xs) {
        j.append(",\"").append(name).append("\":[");
        for (int i = 0; i < xs.length; i++) {
            j.append(i == 0 ? "" : ",").append(number(xs[i]));
        }
        j.append(']');
    }

    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(DIGITS).stripTrailingZeros().toPlainString();
    }

    private static int extreme(double[] xs, int from, int to, boolean lowest) {
        int best = from;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(xs[i]) && (Double.isNaN(xs[best]) || (lowest ? xs[i] < xs[best] : xs[i] > xs[best]))) {
                best = i;
            }
        }
        return best;
    }

    private static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
