package io.mmkit.backtest.report;

import java.math.BigDecimal;

/**
 * The figures a backtest report leads with. Money is exact ({@link BigDecimal}, quote asset); ratios and
 * risk statistics come from the sampled equity curve and are {@code null} when undefined (e.g. no
 * drawdown, too few samples).
 *
 * @param netPnl realized - fees - funding + unrealized, marked at the last mid
 * @param split the net PnL as spread capture + inventory - fees - funding
 * @param startingCapital the configured balances valued at the first mid (quote asset); {@code null} when there
 *                        are none
 * @param returnOnCapital net PnL / starting capital
 * @param fees fees paid (negative when maker rebates exceeded them)
 * @param funding perpetual funding paid (negative when received)
 * @param turnover maker plus taker notional
 * @param fills executions (one order may fill several times)
 * @param ordersPlaced orders the venue accepted
 * @param quantityPlaced base quantity of the accepted orders
 * @param quantityFilled base quantity filled, maker plus taker
 * @param fillRatio {@link #FILL_RATIO_DEFINITION}
 * @param risk Sharpe and Sortino from per-period returns on the starting capital
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
        PnlSplit split,
        BigDecimal startingCapital,
        Double returnOnCapital,
        BigDecimal makerVolume,
        BigDecimal takerVolume,
        BigDecimal makerNotional,
        BigDecimal takerNotional,
        BigDecimal turnover,
        long fills,
        long ordersPlaced,
        BigDecimal quantityPlaced,
        BigDecimal quantityFilled,
        Double fillRatio,
        RiskRatios risk,
        BigDecimal maxDrawdown,
        Double returnOverDrawdown,
        BigDecimal inventoryMin,
        BigDecimal inventoryMax,
        Double inventoryMean,
        Double timeInMarket,
        BigDecimal lastMid) {

    /** What the fill ratio is, printed beside it in every report. */
    public static final String FILL_RATIO_DEFINITION =
            "filled base quantity / base quantity of all accepted orders (cancelled and resting orders included)";
}
