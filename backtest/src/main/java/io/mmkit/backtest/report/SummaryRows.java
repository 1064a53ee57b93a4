package io.mmkit.backtest.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The labelled figures every report shows, in one order: shared by the console, JSON-free HTML and sweeps. */
final class SummaryRows {
    record Row(String label, String value) {
    }

    private SummaryRows() {
    }

    static List<Row> of(BacktestResult r) {
        BacktestMetrics m = r.metrics();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("fill model", r.fillModel()));
        rows.add(new Row("net PnL", money(m.netPnl())));
        rows.add(new Row("realized PnL", money(m.realizedPnl())));
        rows.add(new Row("unrealized PnL", money(m.unrealizedPnl())));
        rows.add(new Row("fees", money(m.fees())));
        rows.add(new Row("funding", money(m.funding())));
        rows.add(new Row("maker volume", plain(m.makerVolume()) + " (" + money(m.makerNotional()) + " notional)"));
        rows.add(new Row("taker volume", plain(m.takerVolume()) + " (" + money(m.takerNotional()) + " notional)"));
        rows.add(new Row("turnover", money(m.turnover())));
        rows.add(new Row("fills / orders", m.fills() + " / " + m.ordersSent()));
        rows.add(new Row("fill ratio", percent(m.fillRatio())));
        rows.add(new Row("Sharpe (annualised)", ratio(m.sharpe())));
        rows.add(new Row("Sortino (annualised)", ratio(m.sortino())));
        rows.add(new Row("max drawdown", money(m.maxDrawdown())));
        rows.add(new Row("return / drawdown", ratio(m.returnOverDrawdown())));
        rows.add(new Row("inventory min / max / mean",
                plain(m.inventoryMin()) + " / " + plain(m.inventoryMax()) + " / " + ratio(m.inventoryMean())));
        rows.add(new Row("time in market", percent(m.timeInMarket())));
        rows.add(new Row("events replayed", Long.toString(r.events())));
        rows.add(new Row("virtual span", r.start() + " -> " + r.end()));
        return rows;
    }

    static String money(BigDecimal v) {
        return v == null ? "-" : v.setScale(Math.max(2, Math.min(8, v.stripTrailingZeros().scale())),
                RoundingMode.HALF_EVEN).toPlainString();
    }

    static String plain(BigDecimal v) {
        return v == null ? "-" : v.stripTrailingZeros().toPlainString();
    }

    static String ratio(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String percent(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }
}
