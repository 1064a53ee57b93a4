package io.mmkit.backtest.sweep;

import io.mmkit.backtest.report.BacktestMetrics;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The figure a sweep ranks its runs by ({@code --sweep-metric}), and whether more of it is better. */
public enum SweepMetric {
    NET_PNL("net_pnl", "net PnL", true, m -> m.netPnl().doubleValue()),
    RETURN_ON_CAPITAL("return_on_capital", "return on capital", true, BacktestMetrics::returnOnCapital),
    SHARPE("sharpe", "Sharpe/period", true, m -> m.risk().sharpe()),
    SORTINO("sortino", "Sortino/period", true, m -> m.risk().sortino()),
    RETURN_OVER_DRAWDOWN("return_over_drawdown", "return / max DD", true, BacktestMetrics::returnOverDrawdown),
    MAX_DRAWDOWN("max_drawdown", "max DD", false, m -> m.maxDrawdown().doubleValue()),
    FEES("fees", "fees", false, m -> m.fees().doubleValue()),
    FILLS("fills", "fills", true, m -> (double) m.fills()),
    FILL_RATIO("fill_ratio", "fill ratio", true, BacktestMetrics::fillRatio),
    TURNOVER("turnover", "turnover", true, m -> m.turnover().doubleValue());

    private final String key;
    private final String label;
    private final boolean higherIsBetter;
    private final Function<BacktestMetrics, Double> read;

    SweepMetric(String key, String label, boolean higherIsBetter, Function<BacktestMetrics, Double> read) {
        this.key = key;
        this.label = label;
        this.higherIsBetter = higherIsBetter;
        this.read = read;
    }

    /** @throws IllegalArgumentException listing the known names */
    public static SweepMetric named(String name) {
        for (SweepMetric m : values()) {
            if (m.key.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown sweep metric \"" + name + "\"; known: "
                + Arrays.stream(values()).map(SweepMetric::key).collect(Collectors.joining(", ")));
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The figure, or {@code null} when the run does not define it (e.g. Sharpe of too short a run). */
    public Double of(BacktestMetrics m) {
        return read.apply(m);
    }

    /** Whether {@code a} ranks above {@code b}. */
    public boolean better(double a, double b) {
        return higherIsBetter ? a > b : a < b;
    }
}
