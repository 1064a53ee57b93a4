package io.mmkit.backtest.report;

import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Side;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A single self-contained HTML file: the summary beside the fill model and settings, then inline SVG charts of
 * price with our fills, inventory, equity and drawdown, then the first fills. No script, no external resource:
 * it opens offline in any browser.
 */
public final class HtmlReport {
    private static final int WIDTH = 1300;
    private static final int MAX_POINTS = 1500;
    private static final int MAX_MARKERS = 3000;
    private static final int FILL_ROWS = 200;

    private HtmlReport() {
    }

    public static String format(BacktestResult r) {
        StringBuilder h = new StringBuilder();
        String title = "Backtest: " + esc(r.strategy()) + " on " + esc(r.symbol()) + " — fill model "
                + esc(r.fillModel());
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(title)
                .append("</title>\n<style>body{font-family:sans-serif;margin:24px;color:#222}"
                        + "table{border-collapse:collapse;margin:8px 24px 16px 0}td,th{padding:3px 10px;"
                        + "border-bottom:1px solid #eee;text-align:left;font-size:13px}"
                        + ".num{text-align:right;font-variant-numeric:tabular-nums}"
                        + ".grid{display:flex;flex-wrap:wrap;align-items:flex-start}.model{background:#fff3cd;padding:2px 8px;"
                        + "border-radius:4px}h2{font-size:16px;margin-top:24px}</style></head><body>\n");
        h.append("<h1 style=\"font-size:20px\">").append(title).append("</h1>\n");
        h.append("<p>Fill model: <span class=\"model\">").append(esc(r.fillModel())).append("</span> · path: ")
                .append(esc(r.venuePath())).append(" · ").append(r.start()).append(" → ").append(r.end())
                .append(" · ").append(r.events()).append(" market events · stopped: ")
                .append(esc(r.dataEnded() ? "end of data" : r.stopReason())).append("</p>\n<div class=\"grid\">");
        h.append("<table><tr><th colspan=\"2\">Results</th></tr>\n");
        for (SummaryRows.Row row : SummaryRows.of(r)) {
            h.append("<tr><td>").append(esc(row.label())).append("</td><td class=\"num\">").append(esc(row.value()))
                    .append("</td></tr>\n");
        }
        h.append("</table><table><tr><th colspan=\"2\">Settings</th></tr>\n");
        for (BacktestResult.Setting s : r.settings()) {
            h.append("<tr><td>").append(esc(s.name())).append("</td><td>").append(esc(s.value()))
                    .append("</td></tr>\n");
        }
        h.append("</table><table><tr><th colspan=\"2\">Strategy parameters</th></tr>\n");
        r.strategyParams().forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td>")
                .append(esc(v instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(v)))
                .append("</td></tr>\n"));
        h.append("</table></div>\n<h2>PnL story</h2>\n<p>").append(esc(r.pnlStory().logLine())).append("</p>\n");
        h.append("<h2>Definitions</h2>\n<table>\n");
        for (SummaryRows.Row d : SummaryRows.definitions()) {
            h.append("<tr><td>").append(esc(d.label())).append("</td><td>").append(esc(d.value()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        Series s = r.series().thinned(MAX_POINTS);
        if (s.size() >= 2) {
            charts(h, s, r.fills());
        }
        fillsTable(h, r.fills());
        h.append("</body></html>\n");
        return h.toString();
    }

    /** Writes the report to {@code file}, replacing it. Blocks on disk I/O. */
    public static void write(BacktestResult r, Path file) {
        try {
            Files.writeString(file, format(r));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void charts(StringBuilder h, Series s, List<Fill> fills) {
        long t0 = s.epochMillis()[0];
        long t1 = s.epochMillis()[s.size() - 1];
        List<Fill> shown = fills.size() <= MAX_MARKERS ? fills : everyNth(fills, MAX_MARKERS);
        double lo = min(s.mid());
        double hi = max(s.mid());
        for (Fill f : shown) {
            lo = Math.min(lo, f.price().doubleValue());
            hi = Math.max(hi, f.price().doubleValue());
        }
        SvgChart price = new SvgChart("Price (mid) with our fills", WIDTH, 340, t0, t1, lo, hi)
                .line(s.epochMillis(), s.mid(), "#4a6fa5", 1.2);
        price.markers(times(shown, Side.BUY), prices(shown, Side.BUY), "#1a9850", true, "buy");
        price.markers(times(shown, Side.SELL), prices(shown, Side.SELL), "#d73027", false, "sell");
        price.legend("#4a6fa5", "mid", "#1a9850", "our buys", "#d73027", "our sells");
        h.append("<h2>Price and fills</h2>\n").append(price.render());

        double[] pos = s.position();
        h.append("<h2>Inventory</h2>\n").append(new SvgChart("Inventory (base units)", WIDTH, 220, t0, t1,
                Math.min(0, min(pos)), Math.max(0, max(pos))).steps(s.epochMillis(), pos, "#7b3294").render());

        double[] eq = s.equity();
        double[] dd = drawdown(eq);
        h.append("<h2>Equity and drawdown</h2>\n")
                .append(new SvgChart("Equity: net PnL (quote)", WIDTH, 260, t0, t1, Math.min(0, min(eq)),
                        Math.max(0, max(eq))).line(s.epochMillis(), eq, "#2c7bb6", 1.5).render())
                .append(new SvgChart("Drawdown from peak (quote)", WIDTH, 200, t0, t1, min(dd), 0)
                        .area(s.epochMillis(), dd, "#d7191c").render());
    }

    private static void fillsTable(StringBuilder h, List<Fill> fills) {
        h.append("<h2>Fills (").append(fills.size()).append(fills.size() > FILL_ROWS ? ", first " + FILL_ROWS : "")
                .append(")</h2>\n<table><tr><th>id</th><th>time</th><th>side</th><th>price</th><th>quantity</th>"
                        + "<th>fee</th><th>liquidity</th></tr>\n");
        for (Fill f : fills.subList(0, Math.min(FILL_ROWS, fills.size()))) {
            h.append("<tr><td>").append(esc(f.fillId())).append("</td><td>").append(f.time()).append("</td><td>")
                    .append(f.side()).append("</td><td class=\"num\">").append(f.price().toPlainString())
                    .append("</td><td class=\"num\">").append(f.quantity().toPlainString())
                    .append("</td><td class=\"num\">").append(f.fee().toPlainString()).append("</td><td>")
                    .append(f.liquidity()).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static double[] drawdown(double[] equity) {
        double[] dd = new double[equity.length];
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < equity.length; i++) {
            peak = Math.max(peak, equity[i]);
            dd[i] = equity[i] - peak;
        }
        return dd;
    }

    private static List<Fill> everyNth(List<Fill> fills, int max) {
        List<Fill> out = new ArrayList<>();
        double step = (double) fills.size() / max;
        for (int i = 0; i < max; i++) {
            out.add(fills.get((int) (i * step)));
        }
        return out;
    }

    private static long[] times(List<Fill> fills, Side side) {
        return fills.stream().filter(f -> f.side() == side).mapToLong(f -> f.time().toEpochMilli()).toArray();
    }

    private static double[] prices(List<Fill> fills, Side side) {
        return fills.stream().filter(f -> f.side() == side).mapToDouble(f -> f.price().doubleValue()).toArray();
    }

    private static double min(double[] xs) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : xs) {
            if (!Double.isNaN(x)) {
                m = Math.min(m, x);
            }
        }
        return m == Double.POSITIVE_INFINITY ? 0 : m;
    }

    private static double max(double[] xs) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : xs) {
            if (!Double.isNaN(x)) {
                m = Math.max(m, x);
            }
        }
        return m == Double.NEGATIVE_INFINITY ? 0 : m;
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
