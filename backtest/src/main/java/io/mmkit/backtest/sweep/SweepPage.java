package io.mmkit.backtest.sweep;

import static io.mmkit.backtest.report.ReportAssets.esc;

import io.mmkit.backtest.report.ReportAssets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code sweep.html}: one self-contained page comparing every combination. A table sortable by any column
 * (click its header), the best run by the chosen metric marked, failed runs shown with their error, a heat map
 * of the metric over the first two swept keys (the best over the other keys when there are more), and a link
 * to each run's own report.
 */
public final class SweepPage {
    private SweepPage() {
    }

    public static String format(List<Sweep.Row> rows, SweepMetric metric, String title) {
        StringBuilder h = new StringBuilder(64_000);
        int best = SweepFiles.best(rows, metric).orElse(-1);
        long failed = rows.stream().filter(Sweep.Row::failed).count();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sweep: ")
                .append(esc(title)).append("</title>\n<style>").append(ReportAssets.own("report.css"))
                .append("</style></head><body>\n<h1>Sweep: ").append(esc(title)).append("</h1>\n<p>")
                .append(rows.size()).append(" runs, ").append(failed).append(" failed · ranked by <b>")
                .append(esc(metric.label())).append("</b> (").append(metric.higherIsBetter() ? "higher" : "lower")
                .append(" is better)");
        if (best >= 0) {
            Sweep.Row b = rows.get(best);
            h.append(" · best: <a href=\"").append(esc(SweepFiles.reportPath(b))).append("\">").append(esc(b.name()))
                    .append("</a> with ").append(esc(SweepFiles.number(metric.of(b.result().metrics()))));
        }
        h.append(" · also <a href=\"sweep.csv\">sweep.csv</a>, <a href=\"sweep.json\">sweep.json</a></p>\n");
        List<String> keys = SweepFiles.keys(rows);
        if (keys.size() >= 2) {
            heatMap(h, rows, keys, metric);
        }
        table(h, rows, keys, metric, best);
        h.append("<script>").append(ReportAssets.own("sweep-page.js")).append("</script>\n</body></html>\n");
        return h.toString();
    }

    private static void table(StringBuilder h, List<Sweep.Row> rows, List<String> keys, SweepMetric metric,
                              int best) {
        h.append("<h2>Every combination</h2>\n<p class=\"hint\">Click a column header to sort; click again to"
                + " reverse.</p>\n<table id=\"sweep-table\"><thead><tr>");
        List<String> header = new ArrayList<>(List.of("run"));
        header.addAll(keys);
        header.add("status");
        SweepFiles.COLUMNS.forEach(c -> header.add(c.label()));
        header.add("report");
        for (String c : header) {
            h.append("<th class=\"sortable\">").append(esc(c)).append("</th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (Sweep.Row r : rows) {
            h.append("<tr class=\"").append(r.failed() ? "failed" : r.index() == best ? "best" : "")
                    .append("\"><td data-v=\"").append(r.index()).append("\" title=\"").append(esc(r.name()))
                    .append("\" class=\"run\">").append(esc(String.format("run-%03d", r.index() + 1)))
                    .append(r.index() == best ? " ★ best" : "").append("</td>");
            for (Object v : r.values().values()) {
                String t = SweepFiles.text(v);
                h.append("<td data-v=\"").append(esc(t)).append("\">").append(esc(t)).append("</td>");
            }
            if (r.failed()) {
                h.append("<td data-v=\"failed\">failed</td><td colspan=\"").append(SweepFiles.COLUMNS.size() + 1)
                        .append("\" class=\"error\">").append(esc(r.error())).append("</td></tr>\n");
                continue;
            }
            h.append("<td data-v=\"ok\">ok</td>");
            for (SweepMetric c : SweepFiles.COLUMNS) {
                String n = SweepFiles.number(c.of(r.result().metrics()));
                h.append("<td class=\"num\" data-v=\"").append(n).append("\">").append(n.isEmpty() ? "-"
                        : display(c, c.of(r.result().metrics()))).append("</td>");
            }
            h.append("<td><a href=\"").append(esc(SweepFiles.reportPath(r))).append("\">report</a></td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void heatMap(StringBuilder h, List<Sweep.Row> rows, List<String> keys, SweepMetric metric) {
        String across = keys.get(0);
        String down = keys.get(1);
        Set<String> columns = new LinkedHashSet<>();
        Set<String> lines = new LinkedHashSet<>();
        rows.forEach(r -> {
            columns.add(SweepFiles.text(r.values().get(across)));
            lines.add(SweepFiles.text(r.values().get(down)));
        });
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Sweep.Row r : rows) {
            Double v = r.failed() ? null : metric.of(r.result().metrics());
            if (v != null && !v.isNaN()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        h.append("<h2>Heat map: ").append(esc(metric.label())).append(" by ").append(esc(across)).append(" and ")
                .append(esc(down)).append("</h2>\n");
        if (keys.size() > 2) {
            h.append("<p class=\"hint\">Each cell shows the best over the other swept keys.</p>\n");
        }
        h.append("<table class=\"heat\" id=\"heat-map\"><tr><th>").append(esc(down)).append(" \\ ")
                .append(esc(across)).append("</th>");
        columns.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr>\n");
        for (String line : lines) {
            h.append("<tr><th>").append(esc(line)).append("</th>");
            for (String column : columns) {
                Sweep.Row cell = bestIn(rows, across, column, down, line, metric);
                if (cell == null) {
                    boolean anyFailed = rows.stream().anyMatch(r -> r.failed()
                            && SweepFiles.text(r.values().get(across)).equals(column)
                            && SweepFiles.text(r.values().get(down)).equals(line));
                    h.append("<td style=\"background:#eee\">").append(anyFailed ? "failed" : "-").append("</td>");
                    continue;
                }
                double v = metric.of(cell.result().metrics());
                h.append("<td style=\"background:").append(colour(v, lo, hi, metric)).append("\"><a href=\"")
                        .append(esc(SweepFiles.reportPath(cell))).append("\" title=\"").append(esc(cell.name()))
                        .append("\">").append(display(metric, v)).append("</a></td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<p class=\"hint\">Green is better, red worse (").append(metric.higherIsBetter()
                ? "higher" : "lower").append(" is better); click a cell for that run's report.</p>\n");
    }

    private static Sweep.Row bestIn(List<Sweep.Row> rows, String across, String column, String down, String line,
                                    SweepMetric metric) {
        Sweep.Row best = null;
        for (Sweep.Row r : rows) {
            Map<String, Object> v = r.values();
            if (r.failed() || !SweepFiles.text(v.get(across)).equals(column)
                    || !SweepFiles.text(v.get(down)).equals(line)) {
                continue;
            }
            Double x = metric.of(r.result().metrics());
            if (x != null && !x.isNaN() && (best == null
                    || metric.better(x, Objects.requireNonNull(metric.of(best.result().metrics()))))) {
                best = r;
            }
        }
        return best;
    }

    /** Red (worst) through pale yellow to green (best); a flat sweep is all pale. */
    static String colour(double v, double lo, double hi, SweepMetric metric) {
        double share = hi > lo ? (v - lo) / (hi - lo) : 0.5;
        if (!metric.higherIsBetter()) {
            share = 1 - share;
        }
        int r = (int) Math.round(share < 0.5 ? 230 : 230 - (share - 0.5) * 2 * 130);
        int g = (int) Math.round(share < 0.5 ? 120 + share * 2 * 110 : 230 - (share - 0.5) * 2 * 30);
        int b = (int) Math.round(share < 0.5 ? 110 + share * 2 * 60 : 170 - (share - 0.5) * 2 * 50);
        return String.format(Locale.ROOT, "rgb(%d,%d,%d)", r, g, b);
    }

    private static String display(SweepMetric m, Double v) {
        if (v == null || v.isNaN()) {
            return "-";
        }
        return switch (m) {
            case FILLS -> String.format(Locale.ROOT, "%.0f", v);
            case FILL_RATIO, RETURN_ON_CAPITAL -> String.format(Locale.ROOT, "%.3f%%", v * 100);
            case SHARPE, SORTINO, RETURN_OVER_DRAWDOWN -> String.format(Locale.ROOT, "%.3f", v);
            default -> String.format(Locale.ROOT, "%.4f", v);
        };
    }
}
