package io.mmkit.strategies.mm;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.strategies.support.SpreadParams;
import java.math.BigDecimal;

/**
 * The {@code perp_market_maker}'s keys (besides {@link SpreadParams} and {@code risk}):
 *
 * <pre>
 * order_quantity       base quantity of every order (required)
 * target_position      the signed position to hover around (default 0)
 * max_position         hard cap on |position|, even if every resting order fills (required)
 * position_threshold   beyond |position − target| > this, the side that would stray further is withheld
 *                      (default: max_position)
 * inventory_skew       0..1: how far inventory moves both quotes, as a share of half the spread (default 0)
 * inventory_skew_basis what inventory_skew is a share of: half_spread (default) or price, the mid itself, as
 *                      the Python bot skews (shift = mid × inventory_skew × d)
 * close_excess_above   when |position| exceeds this (base units), the excess is closed by a reduce-only market
 *                      order, as the Python bot closes what lies beyond target + threshold (optional)
 * leverage             set on the venue at start (optional; the start fails if the venue refuses)
 * stop_loss            close the position at market when its unrealized PnL falls to −stop_loss (quote units)
 * take_profit          close the position at market when its unrealized PnL reaches take_profit (quote units)
 * </pre>
 */
public record PerpParams(SpreadParams spread, BigDecimal orderQuantity, BigDecimal targetPosition,
                         BigDecimal maxPosition, BigDecimal positionThreshold, BigDecimal inventorySkew,
                         Integer leverage, BigDecimal stopLoss, BigDecimal takeProfit, SkewBasis skewBasis,
                         BigDecimal closeExcessAbove) {

    /** What {@code inventory_skew} is a share of. */
    public enum SkewBasis {
        /** Half the configured spread: at skew 1 and a full position the reducing quote sits at the mid. */
        HALF_SPREAD,
        /** The mid price itself (the Python bot's {@code price × skew × ratio}). */
        PRICE
    }

    /** Without the Python-compatibility keys: skew on half the spread, no market close of an excess. */
    public PerpParams(SpreadParams spread, BigDecimal orderQuantity, BigDecimal targetPosition,
                      BigDecimal maxPosition, BigDecimal positionThreshold, BigDecimal inventorySkew,
                      Integer leverage, BigDecimal stopLoss, BigDecimal takeProfit) {
        this(spread, orderQuantity, targetPosition, maxPosition, positionThreshold, inventorySkew, leverage,
                stopLoss, takeProfit, SkewBasis.HALF_SPREAD, null);
    }

    public static PerpParams read(StrategyParams p) {
        SpreadParams spread = SpreadParams.read(p);
        BigDecimal quantity = p.positiveDecimal("order_quantity");
        BigDecimal target = p.decimal("target_position", BigDecimal.ZERO);
        BigDecimal max = p.positiveDecimal("max_position");
        if (target.abs().compareTo(max) > 0) {
            throw p.invalid("target_position", "must be within ±max_position (" + max.toPlainString() + "), was "
                    + target.toPlainString());
        }
        BigDecimal threshold = p.optionalPositiveDecimal("position_threshold").orElse(max);
        if (threshold.compareTo(max) > 0) {
            throw p.invalid("position_threshold", "must not exceed max_position (" + max.toPlainString()
                    + "), was " + threshold.toPlainString());
        }
        BigDecimal skew = p.decimal("inventory_skew", BigDecimal.ZERO);
        if (skew.signum() < 0 || skew.compareTo(BigDecimal.ONE) > 0) {
            throw p.invalid("inventory_skew", "must be 0..1 (a share of half the spread or of the price), was "
                    + skew.toPlainString());
        }
        SkewBasis basis = p.enumValue("inventory_skew_basis", SkewBasis.class, SkewBasis.HALF_SPREAD);
        BigDecimal closeAbove = p.optionalPositiveDecimal("close_excess_above").orElse(null);
        Integer leverage = p.optionalInteger("leverage").orElse(null);
        if (leverage != null && (leverage < 1 || leverage > 125)) {
            throw p.invalid("leverage", "must be 1..125, was " + leverage);
        }
        BigDecimal stopLoss = p.optionalPositiveDecimal("stop_loss").orElse(null);
        BigDecimal takeProfit = p.optionalPositiveDecimal("take_profit").orElse(null);
        return new PerpParams(spread, quantity, target, max, threshold, skew, leverage, stopLoss, takeProfit, basis,
                closeAbove);
    }
}
