package io.mmkit.backtest.report;

import static io.mmkit.backtest.report.ReportAssets.esc;

import io.mmkit.backtest.data.DataAudit;
import io.mmkit.core.model.Fill;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One self-contained HTML file per run: summary, settings, strategy parameters, the data's span and quality,
 * then four linked interactive charts (price with the bid/ask band, our quotes and our fills; inventory; equity;
 * drawdown) drawn by the inlined uPlot, then the first fills as a table. No external resource: it opens offline.
 * Charts: drag to zoom, wheel to zoom, shift-drag to pan, double-click to reset; hover a fill for its details.
 */
public final class HtmlReport {
    private static final int FILL_ROWS = 200;

    private HtmlReport() {
    }

    public static String format(BacktestResult r) {
        StringBuilder h = new StringBuilder(400_000);
        String title = "Backtest: " + esc(r.strategy()) + " on " + esc(r.symbol()) + " — fill model "
                + esc(r.fillModel());
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(title)
                .append("</title>\n<style>").append(ReportAssets.uplotStyle()).append("</style>\n<style>")
                .append(ReportAssets.own("report.css")).append("</style></head><body>\n");
        h.append("<h1>").append(title).append("</h1>\n");
        h.append("<p>Fill model: <span class=\"model\">").append(esc(r.fillModel())).append("</span> · path: ")
                .append(esc(r.venuePath())).append(" · stopped: ")
                .append(esc(r.dataEnded() ? "end of data" : r.stopReason())).append(" · net PnL <b>")
                .append(esc(r.metrics().netPnl().toPlainString())).append("</b> · ").append(r.metrics().fills())
                .append(" fills · max drawdown ").append(esc(r.metrics().maxDrawdown().toPlainString()))
                .append(" · ").append(esc(r.start().toString())).append(" → ").append(esc(r.end().toString()))
                .append("</p>\n");
        charts(h, r);
        h.append("<h2>Summary</h2>\n<div class=\"panels\">");
        table(h, "Results", SummaryRows.of(r).stream().map(row -> new String[] {row.label(), row.value()}).toList(),
                true);
        table(h, "Data", dataRows(r), false);
        table(h, "Settings", r.settings().stream().map(s -> new String[] {s.name(), s.value()}).toList(), false);
        table(h, "Strategy parameters", r.strategyParams().entrySet().stream()
                .map(e -> new String[] {e.getKey(), e.getValue() instanceof BigDecimal d ? d.toPlainString()
                        : String.valueOf(e.getValue())}).toList(), false);
        h.append("</div>\n<h2>PnL story</h2>\n<p>").append(esc(r.pnlStory().logLine())).append("</p>\n");
        fillsTable(h, r.fills());
        h.append("<h2>Definitions</h2>\n<table>\n");
        for (SummaryRows.Row d : SummaryRows.definitions()) {
            h.append("<tr><td>").append(esc(d.label())).append("</td><td>").append(esc(d.value()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        licence(h);
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

    /** The inlined chart library's licence, as its MIT terms require in every copy. */
    static void licence(StringBuilder h) {
        h.append("<details class=\"licence\"><summary>Charts drawn with uPlot ").append(ReportAssets.UPLOT_VERSION)
                .append(" (MIT licence)</summary><pre>").append(esc(ReportAssets.uplotLicence()))
                .append("</pre></details>\n");
    }

    private static List<String[]> dataRows(BacktestResult r) {
        DataAudit a = r.data();
        Duration span = Duration.between(r.start(), r.end());
        return List.of(
                new String[] {"from", r.start().toString()},
                new String[] {"to", r.end().toString()},
                new String[] {"span", span.toString().substring(2).toLowerCase()},
                new String[] {"market events", Long.toString(r.events())},
                new String[] {"duplicate trades dropped", Long.toString(a.duplicateTradesDropped())},
                new String[] {"update-id gaps", Long.toString(a.updateIdGaps())},
                new String[] {"resyncs from a snapshot", Long.toString(a.resyncs())},
                new String[] {"book in sync at the end", a.inSyncAtEnd() ? "yes" : "NO"},
                new String[] {"quality", a.describe()});
    }

    private static void table(StringBuilder h, String title, List<String[]> rows, boolean numeric) {
        h.append("<table><tr><th colspan=\"2\">").append(esc(title)).append("</th></tr>\n");
        for (String[] row : rows) {
            h.append("<tr><td>").append(esc(row[0])).append("</td><td").append(numeric ? " class=\"num\"" : "")
                    .append('>').append(esc(row[1])).append("</td></tr>\n");
        }
        h.append("</table>");
    }

    private static void charts(StringBuilder h, BacktestResult r) {
        if (r.series().size() < 2) {
            h.append("<p>Too few samples to chart.</p>\n");
            return;
        }
        h.append("<h2>Charts</h2>\n<p class=\"hint\">Drag to zoom · mouse wheel zooms · shift-drag pans · "
                + "double-click resets · the four charts share the time axis and crosshair · hover a fill "
                + "marker (sized by quantity) for its details. Times in UTC.");
        if (r.fills().size() > ChartData.MAX_FILLS) {
            h.append(" Showing ").append(ChartData.MAX_FILLS).append(" of ").append(r.fills().size())
                    .append(" fills, evenly picked.");
        }
        if (r.series().size() > ChartData.MAX_ROWS) {
            h.append(" ").append(r.series().size()).append(" samples drawn as each stretch's lowest and highest"
                    + " equity and inventory.");
        }
        h.append("</p>\n<div id=\"chart-price\" class=\"chart\"></div><div id=\"chart-position\" class=\"chart\">"
                + "</div><div id=\"chart-equity\" class=\"chart\"></div><div id=\"chart-drawdown\" class=\"chart\">"
                + "</div><div id=\"fill-tip\" class=\"tip\" hidden></div>\n");
        h.append("<script type=\"application/json\" id=\"run-data\">").append(ChartData.json(r.series(), r.fills()))
                .append("</script>\n<script>").append(ReportAssets.uplotScript()).append("</script>\n<script>")
                .append(ReportAssets.own("run-report.js")).append("</script>\n");
    }

    private static void fillsTable(StringBuilder h, List<Fill> fills) {
        h.append("<h2>Fills (").append(fills.size()).append(fills.size() > FILL_ROWS ? ", first " + FILL_ROWS : "")
                .append(")</h2>\n<table class=\"fills\"><tr><th>id</th><th>time</th><th>side</th><th>price</th>"
                        + "<th>quantity</th><th>fee</th><th>liquidity</th></tr>\n");
        for (Fill f : fills.subList(0, Math.min(FILL_ROWS, fills.size()))) {
            h.append("<tr><td>").append(esc(f.fillId())).append("</td><td>").append(f.time()).append("</td><td>")
                    .append(f.side()).append("</td><td class=\"num\">").append(f.price().toPlainString())
                    .append("</td><td class=\"num\">").append(f.quantity().toPlainString())
                    .append("</td><td class=\"num\">").append(f.fee().toPlainString()).append(' ')
                    .append(esc(f.feeAsset())).append("</td><td>").append(f.liquidity()).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }
}
