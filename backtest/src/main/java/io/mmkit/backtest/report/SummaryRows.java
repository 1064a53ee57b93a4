package io.mmkit.backtest.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The labelled figures every report shows, in one order: shared by the console and the HTML report. */
final class SummaryRows {
    record Row(String label, String value) {
    }

    private SummaryRows() {
    }

    static List<Row> of(BacktestResult r) {
        BacktestMetrics m = r.metrics();
        PnlSplit split = m.split();
        RiskRatios risk = m.risk();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("fill model", r.fillModel()));
        rows.add(new Row("starting capital", m.startingCapital() == null ? "- (no balances configured)"
                : money(m.startingCapital()) + " (configured balances at the first mid)"));
        rows.add(new Row("net PnL", money(m.netPnl()) + (m.returnOnCapital() == null ? ""
                : " (" + percent(m.returnOnCapital(), 4) + " of capital)")));
        rows.add(new Row("  = spread capture", money(split.spreadCapture())));
        rows.add(new Row("  + inventory", money(split.inventory())));
        rows.add(new Row("  - fees", money(split.fees())));
        rows.add(new Row("  - funding", money(split.funding())));
        rows.add(new Row("realized PnL (FIFO)", money(m.realizedPnl())));
        rows.add(new Row("unrealized PnL", money(m.unrealizedPnl())));
        PnlReconciliation story = r.pnlStory();
        if (story.roundTripProfit() != null) {
            rows.add(new Row("FIFO realized - fees", money(story.fifoRealizedAfterFees())));
            rows.add(new Row("grid round-trip profit", money(story.roundTripProfit()) + " over "
                    + story.roundTrips() + " round trip(s); difference " + money(story.difference())));
        }
        rows.add(new Row("store realized", money(story.storedRealized())
                + (story.storedRealized().compareTo(story.fifoRealized()) == 0 ? " (= FIFO)" : " (DIFFERS)")));
        rows.add(new Row("maker volume", plain(m.makerVolume()) + " (" + money(m.makerNotional()) + " notional)"));
        rows.add(new Row("taker volume", plain(m.takerVolume()) + " (" + money(m.takerNotional()) + " notional)"));
        rows.add(new Row("turnover", money(m.turnover())));
        rows.add(new Row("orders placed / fills", m.ordersPlaced() + " accepted / " + m.fills() + " executions"));
        rows.add(new Row("fill ratio", percent(m.fillRatio(), 1) + " = " + plain(m.quantityFilled()) + " filled / "
                + plain(m.quantityPlaced()) + " placed (base quantity)"));
        String period = risk.period() + " returns on capital, " + risk.periods() + " periods";
        rows.add(new Row("Sharpe (" + risk.period() + ")", ratio(risk.sharpe()) + " (" + period + ")"));
        rows.add(new Row("Sortino (" + risk.period() + ")", ratio(risk.sortino())));
        rows.add(new Row("Sharpe (annualised)", annualised(risk.sharpeAnnualised(), risk)));
        rows.add(new Row("Sortino (annualised)", annualised(risk.sortinoAnnualised(), risk)));
        rows.add(new Row("max drawdown", money(m.maxDrawdown())));
        rows.add(new Row("return / drawdown", ratio(m.returnOverDrawdown())));
        rows.add(new Row("inventory min / max / mean",
                plain(m.inventoryMin()) + " / " + plain(m.inventoryMax()) + " / " + ratio(m.inventoryMean())));
        rows.add(new Row("time in market", percent(m.timeInMarket(), 1)));
        rows.add(new Row("events replayed", Long.toString(r.events())));
        rows.add(new Row("data", r.data().describe()));
        rows.add(new Row("virtual span", r.start() + " -> " + r.end()));
        rows.add(new Row("strategy parameters", parameters(r.strategyParams())));
        return rows;
    }

    /** The definitions printed under the figures: what each less obvious number is. */
    static List<Row> definitions() {
        return List.of(
                new Row("fill ratio", BacktestMetrics.FILL_RATIO_DEFINITION),
                new Row("returns", "equity (net PnL) change over each whole period / starting capital"),
                new Row("Sharpe", "mean / sample standard deviation of the period returns; annualised x"
                        + " sqrt(periods per 365 days) only for spans of a day or more"),
                new Row("Sortino", "mean / downside deviation (root mean square of negative returns)"),
                new Row("spread capture", "sum over fills of signed quantity x (mid just before the fill - price)"),
                new Row("inventory", "sum over fills of signed quantity x (final mark - mid at the fill)"),
                new Row("FIFO vs round trips", PnlReconciliation.EXPLANATION));
    }

    static String parameters(Map<String, Object> params) {
        if (params.isEmpty()) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=')
                .append(v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v)));
        return sb.toString();
    }

    private static String annualised(Double v, RiskRatios risk) {
        return risk.annualisedNote() != null ? risk.annualisedNote() : ratio(v);
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

    static String percent(Double v, int decimals) {
        return v == null ? "-" : String.format(Locale.ROOT, "%." + decimals + "f%%", v * 100);
    }
}
