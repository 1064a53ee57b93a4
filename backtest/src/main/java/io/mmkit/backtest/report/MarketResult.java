package io.mmkit.backtest.report;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One market's share of a multi-market backtest (e.g. the maker's and the hedge's): its own fills, volumes,
 * fees and PnL, marked at its own last mid.
 *
 * @param name the market's name in the config ({@code primary}, {@code hedge})
 * @param symbol the market's symbol
 * @param metrics that market's figures, computed as a one-market run's
 * @param position the base position at the end (negative: short)
 */
public record MarketResult(String name, String symbol, BacktestMetrics metrics, BigDecimal position) {
    public MarketResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(position, "position");
    }
}
