package io.mmkit.backtest.report;

import java.math.BigDecimal;

/**
 * The figures a backtest report leads with. Money is exact ({@link BigDecimal}, quote asset); ratios and
 * risk statistics come from the sampled equity curve and are {@code null} when undefined (e.g. no
 * drawdown, too few samples).
 *
 * @param netPnl realized - fees - funding + unrealized, marked at the last mid
 * @param fees fees paid (negative when maker rebates exceeded them)
 * @param funding perpetual funding paid (negative when received)
 * @param turnover maker plus taker notional
 * @param fillRatio filled quantity / quantity of accepted orders
 * @param sharpe annualised mean / standard deviation of per-sample PnL changes
 * @param sortino annualised mean / downside deviation of per-sample PnL changes
 * @param maxDrawdown largest fall of the sampled equity from its running peak
 * @param returnOverDrawdown net PnL / max drawdown
 * @param inventoryMean mean sampled inventory
 * @param timeInMarket share of samples with a non-zero inventory
 */
public record BacktestMetrics(
        BigDecimal netPnl,
        BigDecimal realizedPnl,
        BigDecimal unrealizedPnl,
        BigDecimal fees,
        BigDecimal funding,
        BigDecimal makerVolume,
        BigDecimal takerVolume,
        BigDecimal makerNotional,
        BigDecimal takerNotional,
        BigDecimal turnover,
        long fills,
        long ordersSent,
        Double fillRatio,
        Double sharpe,
        Double sortino,
        BigDecimal maxDrawdown,
        Double returnOverDrawdown,
        BigDecimal inventoryMin,
        BigDecimal inventoryMax,
        Double inventoryMean,
        Double timeInMarket,
        BigDecimal lastMid) {
}
