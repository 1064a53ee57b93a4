package io.mmkit.backtest.report;

import java.io.PrintStream;

/** Prints a result as an aligned two-column table, the fill model first. */
public final class ConsoleSummary {
    private ConsoleSummary() {
    }

    public static String format(BacktestResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Backtest ").append(r.strategy()).append(" on ").append(r.symbol()).append(" (")
                .append(r.venuePath()).append(", fill model: ").append(r.fillModel()).append(")\n");
        int width = 0;
        for (SummaryRows.Row row : SummaryRows.of(r)) {
            width = Math.max(width, row.label().length());
        }
        for (SummaryRows.Row row : SummaryRows.of(r)) {
            sb.append("  ").append(row.label()).append(" ".repeat(width - row.label().length() + 2))
                    .append(row.value()).append('\n');
        }
        for (MarketResult m : r.markets()) {
            BacktestMetrics x = m.metrics();
            sb.append("  market ").append(m.name()).append(" (").append(m.symbol()).append("): ").append(x.fills())
                    .append(" fills, maker ").append(x.makerVolume().toPlainString()).append(" taker ")
                    .append(x.takerVolume().toPlainString()).append(", fees ").append(x.fees().toPlainString())
                    .append(", net PnL ").append(x.netPnl().toPlainString()).append(", position ")
                    .append(m.position().toPlainString()).append('\n');
        }
        if (!r.markets().isEmpty()) {
            sb.append("  combined: net PnL ").append(r.combinedNetPnl().toPlainString()).append(", fees ")
                    .append(r.combinedFees().toPlainString()).append(", ").append(r.fills().size())
                    .append(" fills\n");
        }
        sb.append("  stopped: ").append(r.dataEnded() ? "end of data" : r.stopReason())
                .append(r.clean() ? "" : " (shutdown not clean)").append('\n');
        return sb.toString();
    }

    public static void print(BacktestResult r, PrintStream out) {
        out.print(format(r));
    }
}
