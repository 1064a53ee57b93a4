package io.mmkit.backtest.sweep;

import io.mmkit.backtest.report.BacktestMetrics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats sweep rows as an aligned text table: swept values, then the headline metrics; the best run by the
 * chosen metric ends with {@code <- best}, a failed one shows {@code FAILED} and its error.
 */
public final class SweepTable {
    private SweepTable() {
    }

    public static String format(List<Sweep.Row> rows) {
        return format(rows, SweepMetric.NET_PNL);
    }

    public static String format(List<Sweep.Row> rows, SweepMetric metric) {
        if (rows.isEmpty()) {
            return "(no runs)\n";
        }
        List<String> header = new ArrayList<>(rows.get(0).values().keySet());
        header.addAll(List.of("fill model", "net PnL", "fees", "fills", "fill ratio", "max DD", "Sharpe/period",
                "inv max"));
        int best = SweepFiles.best(rows, metric).orElse(-1);
        List<List<String>> cells = new ArrayList<>();
        cells.add(header);
        List<String> tails = new ArrayList<>();
        tails.add("");
        for (Sweep.Row row : rows) {
            List<String> line = new ArrayList<>();
            row.values().values().forEach(v -> line.add(SweepFiles.text(v)));
            if (row.failed()) {
                while (line.size() < header.size()) {
                    line.add("-");
                }
                cells.add(line);
                tails.add("  FAILED: " + row.error());
                continue;
            }
            BacktestMetrics m = row.result().metrics();
            line.add(row.result().fillModel());
            line.add(m.netPnl().setScale(4, RoundingMode.HALF_EVEN).toPlainString());
            line.add(m.fees().setScale(4, RoundingMode.HALF_EVEN).toPlainString());
            line.add(Long.toString(m.fills()));
            line.add(m.fillRatio() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", m.fillRatio() * 100));
            line.add(m.maxDrawdown().setScale(4, RoundingMode.HALF_EVEN).toPlainString());
            line.add(m.risk().sharpe() == null ? "-"
                    : String.format(Locale.ROOT, "%.2f", m.risk().sharpe()) + " (" + m.risk().period() + ")");
            line.add(m.inventoryMax().toPlainString());
            cells.add(line);
            tails.add(row.index() == best ? "  <- best " + metric.key() : "");
        }
        int[] widths = new int[header.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            List<String> line = cells.get(r);
            for (int i = 0; i < line.size(); i++) {
                String c = line.get(i);
                sb.append(i == 0 ? "" : "  ").append(" ".repeat(widths[i] - c.length())).append(c);
            }
            sb.append(tails.get(r)).append('\n');
            if (r == 0) {
                int total = 0;
                for (int w : widths) {
                    total += w + 2;
                }
                sb.append("-".repeat(total - 2)).append('\n');
            }
        }
        sb.append("fill ratio = ").append(BacktestMetrics.FILL_RATIO_DEFINITION)
                .append("; Sharpe/period = mean / sd of per-period returns on starting capital, not annualised\n");
        return sb.toString();
    }

    static String money(BigDecimal v) {
        return v.setScale(4, RoundingMode.HALF_EVEN).toPlainString();
    }
}
